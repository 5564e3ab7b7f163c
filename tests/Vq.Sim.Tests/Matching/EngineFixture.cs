using Vq.Sim.Matching;

namespace Vq.Sim.Tests.Matching;

/// <summary>An engine on BTCUSDT (tick 0.10, step 0.001, minNotional 100) quoted 60000.0 / 60000.1, hedge mode.</summary>
internal static class EngineFixture
{
    public const long Start = 1_760_000_000_000;

    public static MatchingEngine Create(decimal bidQty = 2m, decimal askQty = 3m, decimal depth = 1m)
    {
        var engine = new MatchingEngine(SimClock.Manual(Start), [Instrument.BtcUsdt, Instrument.EthUsdt]);
        engine.SetDepth("BTCUSDT", depth);
        engine.ApplyQuote("BTCUSDT", 60000.0m, bidQty, 60000.1m, askQty);
        engine.ApplyQuote("ETHUSDT", 3000.00m, 10m, 3000.01m, 10m);
        return engine;
    }

    public static MatchingEngine WithLong(decimal qty = 1m, decimal entry = 60000m)
    {
        var engine = Create();
        Assert.Null(engine.SetPosition("BTCUSDT", LegSide.Long, qty, entry, 10, MarginMode.Cross));
        engine.DrainEvents([]);
        return engine;
    }

    public static OrderRequest Limit(string side = "SELL", string positionSide = "LONG", string qty = "0.010",
        string price = "60010.0", string tif = "GTC", string? clientId = null) => new()
    {
        Symbol = "BTCUSDT", Side = side, PositionSide = positionSide, Type = "LIMIT", TimeInForce = tif,
        Quantity = qty, Price = price, NewClientOrderId = clientId,
    };

    public static List<UserEvent> Drain(MatchingEngine engine)
    {
        var events = new List<UserEvent>();
        engine.DrainEvents(events);
        return events;
    }

    public static List<OrderTradeUpdate> OrderEvents(MatchingEngine engine) => Drain(engine).OfType<OrderTradeUpdate>().ToList();
}
