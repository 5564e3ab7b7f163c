using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>Issue 5 item 1: steady-state market processing (stream handler → inbox → engine) allocates nothing.</summary>
public class EngineLoopAllocationTests
{
    [Fact]
    public async Task Book_trade_and_mark_ticks_are_handed_to_the_engine_without_allocating()
    {
        var engine = new ExitEngine(new GlobalSettings(), new ClientOrderIdFactory("0123456789", 1)) { DefaultGate = ExitGate.Off };
        engine.AddSymbol(new SymbolRules("BTCUSDT", 0.1m, 0.001m, 0.001m, 100m, 1000m), VqConfig.Defaults.For("BTCUSDT"));
        using var inbox = new EventInbox(1);
        await using var log = new LineLog(TextWriter.Null);
        using var rest = new BinanceRestClient(new BinanceRestOptions { BaseUri = new Uri("http://127.0.0.1:9"), ApiKey = "k", ApiSecret = "s" });
        var loop = new EngineLoop(engine, inbox, new OrderGateway(rest, inbox, log, CancellationToken.None), log, 300);
        var handler = new MarketHandler(inbox);

        Feed(handler, loop, 0, 2000); // warm-up: JIT, trade window growth
        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(handler, loop, 2000, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(60_000.9m, engine.Symbol(0).Market.BestBid);
        Assert.Equal(0, inbox.Trades.Dropped);
    }

    private static void Feed(MarketHandler handler, EngineLoop loop, int from, int to)
    {
        var id = new SymbolId(0);
        for (var i = from; i < to; i++)
        {
            var bid = 60_000m + (i % 10) * 0.1m;
            handler.OnBookTicker(new BookTicker(id, i, i, i, bid, 1.5m, bid + 0.1m, 2m));
            handler.OnAggTrade(new AggTrade(id, i, i, i, bid, 0.01m, null, i, i, (i & 1) == 0));
            if (i % 100 == 0)
            {
                handler.OnMarkPrice(new MarkPriceUpdate(id, i, bid, null, null, null, null, 0));
            }

            loop.DrainMarket();
        }
    }
}
