using System.Text;
using Vq.Binance.Protocol;
using Vq.Binance.Tests.Support;

namespace Vq.Binance.Tests.Protocol;

/// <summary>STYLE 23: after warm-up, parse + dispatch of recorded market frames allocates nothing.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Parsing_and_dispatching_100k_recorded_frames_allocates_zero_bytes()
    {
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        symbols.Register("ETHUSDT");
        var frames = MarketData.UsdmFiles().SelectMany(File.ReadLines)
            .Take(100_000)
            .Select(l => Encoding.UTF8.GetBytes(MarketData.Wrap(l)))
            .ToArray();
        Assert.Equal(100_000, frames.Length);

        var handler = new CountingHandler();
        Run(frames, symbols, ref handler); // warm-up: JIT tiers, thread-static scratch
        Run(frames, symbols, ref handler);

        handler = new CountingHandler();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var invalid = Run(frames, symbols, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, invalid);
        Assert.Equal(100_000, handler.Books + handler.Trades + handler.Marks);
        Assert.True(handler.Books > 0 && handler.Trades > 0 && handler.Marks > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_reader_path_also_allocates_nothing_in_steady_state()
    {
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        // Whitespace forces the reader path.
        var frame = Encoding.UTF8.GetBytes(
            """{ "stream":"btcusdt@bookTicker", "data":{"e":"bookTicker","u":1,"E":2,"T":3,"s":"BTCUSDT","b":"28145.10","B":"3.868","a":"28145.20","A":"6.887"} }""");
        var handler = new CountingHandler();
        for (var i = 0; i < 1000; i++)
        {
            MarketFrameParser.Parse(frame, symbols, ref handler);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            MarketFrameParser.Parse(frame, symbols, ref handler);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(11_000, handler.Books);
    }

    private static int Run(byte[][] frames, SymbolTable symbols, ref CountingHandler handler)
    {
        var invalid = 0;
        foreach (var frame in frames)
        {
            if (MarketFrameParser.Parse(frame, symbols, ref handler).Status != ParseStatus.Done)
            {
                invalid++;
            }
        }

        return invalid;
    }
}
