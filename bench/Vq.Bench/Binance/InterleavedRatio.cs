using System.Diagnostics;
using System.Globalization;

namespace Vq.Bench.Binance;

/// <summary>
/// A load-robust cross-check of the BenchmarkDotNet ratios on a shared 2-core machine: baseline and vq run in
/// alternating batches, so both see the same background load; per-op times are the minimum over rounds (the
/// least-disturbed batch) and the ratio is the median of per-round ratios. Run: <c>-- ratio</c>.
/// </summary>
public static class InterleavedRatio
{
    private const int Rounds = 41;
    private const int BatchOps = 20_000;

    public static void Run()
    {
        var b = new ParseBenchmarks();
        b.Setup();
        var sign = new OrderSignBenchmarks();
        sign.Setup();
        Console.WriteLine("| Pair | baseline min ns/op | vq min ns/op | median ratio (vq/baseline) | vq B/op |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Report("BookTicker", () => b.BookTicker_SystemTextJson(), () => b.BookTicker_Vq());
        Report("AggTrade", () => b.AggTrade_SystemTextJson(), () => b.AggTrade_Vq());
        Report("MarkPriceUpdate", () => b.MarkPriceUpdate_SystemTextJson(), () => b.MarkPriceUpdate_Vq());
        Report("OrderTradeUpdate", () => b.OrderTradeUpdate_SystemTextJson(), () => b.OrderTradeUpdate_Vq());
        Report("LimitOrder_BuildAndSign (no baseline)", () => sign.LimitOrder_BuildAndSign(), () => sign.LimitOrder_BuildAndSign());
    }

    private static void Report<T>(string name, Func<T> baseline, Func<T> vq)
    {
        for (var i = 0; i < 3; i++)
        {
            Time(baseline, BatchOps);
            Time(vq, BatchOps);
        }

        var ratios = new double[Rounds];
        double minBase = double.MaxValue, minVq = double.MaxValue;
        for (var r = 0; r < Rounds; r++)
        {
            var tb = Time(baseline, BatchOps);
            var tv = Time(vq, BatchOps);
            minBase = Math.Min(minBase, tb);
            minVq = Math.Min(minVq, tv);
            ratios[r] = tv / tb;
        }

        Array.Sort(ratios);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < BatchOps; i++)
        {
            vq();
        }

        var perOp = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)BatchOps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {minBase:F0} | {minVq:F0} | {ratios[Rounds / 2]:F3} | {perOp:F0} |"));
    }

    private static double Time<T>(Func<T> op, int count)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            op();
        }

        return sw.Elapsed.TotalNanoseconds / count;
    }
}
