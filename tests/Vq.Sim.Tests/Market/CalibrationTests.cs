using Vq.Sim.Market;
using Vq.Sim.Matching;

namespace Vq.Sim.Tests.Market;

/// <summary>
/// The synthetic defaults stay within a factor of what the recorded BTCUSDT streams show (docs/sim.md
/// "Calibration"): trade rate, median trade size, median top size, median spread and 1-second volatility.
/// </summary>
public sealed class CalibrationTests
{
    private sealed record Stats(double TradesPerSecond, double MedianTradeQty, double MedianTopQty, double MedianSpreadTicks, double OneSecondSigma);

    private static Stats Measure(IReadOnlyList<MarketEvent> events, decimal tick)
    {
        var quotes = events.Where(e => e.Kind == MarketEventKind.Quote && e.Symbol == "BTCUSDT").ToList();
        var trades = events.Where(e => e.Kind == MarketEventKind.Trade && e.Symbol == "BTCUSDT").ToList();
        var seconds = (quotes[^1].SourceTime - quotes[0].SourceTime) / 1000.0;
        var perSecond = new SortedDictionary<long, double>();
        foreach (var q in quotes)
        {
            perSecond[q.SourceTime / 1000] = (double)((q.Bid + q.Ask) / 2m);
        }

        var keys = perSecond.Keys.ToList();
        var returns = new List<double>();
        for (var i = 1; i < keys.Count; i++)
        {
            if (keys[i] == keys[i - 1] + 1)
            {
                returns.Add(Math.Log(perSecond[keys[i]] / perSecond[keys[i - 1]]));
            }
        }

        var mean = returns.Average();
        var sigma = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / returns.Count);
        return new Stats(trades.Count / seconds, Median(trades.Select(t => (double)t.Qty)),
            Median(quotes.SelectMany(q => new[] { (double)q.BidQty, (double)q.AskQty })),
            Median(quotes.Select(q => (double)((q.Ask - q.Bid) / tick))), sigma);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    [Fact]
    public void Synthetic_defaults_match_recorded_btcusdt_within_a_factor()
    {
        var recorded = ReplayMarket.Load(RecordedData.Require(RecordedData.BtcFile), new HashSet<string> { "BTCUSDT" }, false, out _);
        var replayed = new List<MarketEvent>();
        recorded.Advance(long.MaxValue / 4, replayed);
        var real = Measure(replayed, 0.10m);

        var synthetic = new SyntheticMarket(11, [(Instrument.BtcUsdt, new SyntheticParameters { StartMid = 28145m })]);
        var generated = new List<MarketEvent>();
        synthetic.Advance(514_000, generated);
        var sim = Measure(generated, 0.10m);

        Assert.Equal(real.MedianSpreadTicks, sim.MedianSpreadTicks);
        AssertWithin(real.TradesPerSecond, sim.TradesPerSecond, 1.25);
        AssertWithin(real.MedianTradeQty, sim.MedianTradeQty, 1.5);
        AssertWithin(real.MedianTopQty, sim.MedianTopQty, 2.0);
        AssertWithin(real.OneSecondSigma, sim.OneSecondSigma, 1.6);
    }

    private static void AssertWithin(double expected, double actual, double factor) =>
        Assert.True(actual <= expected * factor && actual >= expected / factor, $"expected {expected} ±×{factor}, got {actual}");
}
