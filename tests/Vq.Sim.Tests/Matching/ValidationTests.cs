using Vq.Sim.Matching;
using static Vq.Sim.Tests.Matching.EngineFixture;

namespace Vq.Sim.Tests.Matching;

/// <summary>Each Binance rule: a request that breaks it gets the code and no event; its accepted twin passes.</summary>
public sealed class ValidationTests
{
    private static void AssertRejected(MatchingEngine engine, OrderRequest request, int code, int http = 400)
    {
        var pendingBefore = engine.PendingEvents;
        var result = engine.Place(request);
        Assert.False(result.Ok, $"expected {code}");
        Assert.Equal(code, result.Error!.Value.Code);
        Assert.Equal(http, result.Error!.Value.HttpStatus);
        Assert.Equal(pendingBefore, engine.PendingEvents);
        Assert.Equal(1, engine.Ledger.RejectCount(code));
    }

    private static void AssertAccepted(MatchingEngine engine, OrderRequest request)
    {
        var result = engine.Place(request);
        Assert.True(result.Ok, result.Error?.ToString());
    }

    public static TheoryData<string, int> Rules => new()
    {
        { "missing-quantity", -1102 },
        { "missing-price", -1102 },
        { "missing-tif", -1102 },
        { "reduceOnly-false", -1106 },
        { "reduceOnly-true", -1106 },
        { "positionSide-both", -4061 },
        { "positionSide-missing", -4061 },
        { "price-precision", -1111 },
        { "qty-precision", -1111 },
        { "price-tick", -4014 },
        { "qty-step", -4023 },
        { "qty-zero", -4003 },
        { "qty-below-min", -4004 },
        { "qty-above-max", -4005 },
        { "percent-up", -4016 },
        { "percent-down", -4024 },
        { "min-notional-open", -4164 },
        { "stop-on-order", -4120 },
        { "bad-type", -1116 },
        { "bad-symbol", -1121 },
        { "bad-client-id", -4015 },
        { "gtx-cross", -5022 },
        { "fok-unfillable", -5021 },
        { "close-beyond-position", -2022 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_is_enforced_with_binance_code(string rule, int code)
    {
        var engine = WithLong(qty: 1m);
        var r = Limit();
        switch (rule)
        {
            case "missing-quantity": r.Quantity = null; break;
            case "missing-price": r.Price = null; break;
            case "missing-tif": r.TimeInForce = null; break;
            case "reduceOnly-false": r.ReduceOnly = "false"; break;
            case "reduceOnly-true": r.ReduceOnly = "true"; break;
            case "positionSide-both": r.PositionSide = "BOTH"; break;
            case "positionSide-missing": r.PositionSide = null; break;
            case "price-precision": r.Price = "60010.123"; break;
            case "qty-precision": r.Quantity = "0.0101"; break;
            case "price-tick": r.Price = "60010.05"; break;
            case "qty-step": engine = WithStep(); r.Quantity = "0.012"; break;
            case "qty-zero": r.Quantity = "0"; break;
            case "qty-below-min": engine = WithMinQty(); r.Quantity = "0.004"; break;
            case "qty-above-max": r.Quantity = "1000.001"; break;
            case "percent-up": r.Side = "BUY"; r.Price = "63010.0"; break;
            case "percent-down": r.Price = "56990.0"; break;
            case "min-notional-open": r.Side = "BUY"; r.Price = "59000.0"; r.Quantity = "0.001"; break;
            case "stop-on-order": r.Type = "STOP_MARKET"; break;
            case "bad-type": r.Type = "LIMIT_MAKER"; break;
            case "bad-symbol": r.Symbol = "DOGEUSDT"; break;
            case "bad-client-id": r.NewClientOrderId = "has space"; break;
            case "gtx-cross": r.TimeInForce = "GTX"; r.Price = "60000.0"; break;
            case "fok-unfillable": r.TimeInForce = "FOK"; r.Price = "60000.0"; r.Quantity = "0.900"; engine = WithThinBid(1m, thinBid: 0.5m); break;
            case "close-beyond-position": r.Quantity = "1.001"; break;
        }

        AssertRejected(engine, r, code);
    }

    private static MatchingEngine WithStep()
    {
        var engine = new MatchingEngine(SimClock.Manual(Start), [Instrument.BtcUsdt with { StepSize = 0.005m, MinQty = 0.005m }]);
        engine.ApplyQuote("BTCUSDT", 60000.0m, 2m, 60000.1m, 3m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 1m, 60000m, 10, MarginMode.Cross);
        engine.DrainEvents([]);
        return engine;
    }

    private static MatchingEngine WithMinQty()
    {
        var engine = new MatchingEngine(SimClock.Manual(Start), [Instrument.BtcUsdt with { MinQty = 0.005m }]);
        engine.ApplyQuote("BTCUSDT", 60000.0m, 2m, 60000.1m, 3m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 1m, 60000m, 10, MarginMode.Cross);
        engine.DrainEvents([]);
        return engine;
    }

    private static MatchingEngine WithThinBid(decimal qty, decimal thinBid)
    {
        var engine = new MatchingEngine(SimClock.Manual(Start), [Instrument.BtcUsdt]);
        engine.SetDepth("BTCUSDT", 0.1m);
        engine.ApplyQuote("BTCUSDT", 60000.0m, thinBid, 60000.1m, 3m);
        engine.SetPosition("BTCUSDT", LegSide.Long, qty, 60000m, 10, MarginMode.Cross);
        engine.DrainEvents([]);
        return engine;
    }

    [Fact]
    public void Accepted_twins_pass()
    {
        var engine = WithLong(qty: 1m);
        AssertAccepted(engine, Limit(price: "60010.0"));                                   // plain close
        AssertAccepted(engine, Limit(price: "60010.00"));                                  // trailing zeros within precision
        AssertAccepted(engine, Limit(side: "BUY", price: "62990.0", qty: "0.002"));        // inside percent up
        AssertAccepted(engine, Limit(price: "57010.0"));                                   // inside percent down
        AssertAccepted(engine, Limit(qty: "0.001", price: "60020.0"));                     // close below min notional: waived
        AssertAccepted(engine, Limit(tif: "GTX", price: "60000.1", qty: "0.010"));        // post-only at the ask does not cross for a SELL
        AssertAccepted(engine, Limit(side: "BUY", tif: "GTX", price: "60000.0", qty: "0.002")); // post-only BUY at the bid
        AssertAccepted(engine, Limit(clientId: "vq-L-1.a:b/c_d"));
    }

    [Fact]
    public void Close_limit_counts_other_open_closes_on_the_leg()
    {
        var engine = WithLong(qty: 0.030m);
        AssertAccepted(engine, Limit(qty: "0.020", price: "60010.0"));
        AssertRejected(engine, Limit(qty: "0.011", price: "60010.0"), -2022);
        AssertAccepted(engine, Limit(qty: "0.010", price: "60010.0"));
        // The SHORT leg is independent: closing it with no position is -2022 too.
        var shortClose = Limit(side: "BUY", positionSide: "SHORT", qty: "0.001", price: "59990.0");
        Assert.Equal(-2022, engine.Place(shortClose).Error!.Value.Code);
    }

    [Fact]
    public void Duplicate_open_client_id_is_4116_and_reusable_after_cancel()
    {
        var engine = WithLong();
        var first = engine.Place(Limit(clientId: "dup-1"));
        Assert.True(first.Ok);
        AssertRejected(engine, Limit(clientId: "dup-1"), -4116);
        Assert.True(engine.Cancel("BTCUSDT", first.Value!.Final.OrderId, null).Ok);
        AssertAccepted(engine, Limit(clientId: "dup-1"));
    }

    [Fact]
    public void One_way_mode_rejects_long_short_with_4061()
    {
        var engine = Create();
        engine.Account.HedgeMode = false;
        AssertRejected(engine, Limit(side: "BUY", positionSide: "LONG", price: "59990.0", qty: "0.002"), -4061);
        AssertAccepted(engine, Limit(side: "BUY", positionSide: "BOTH", price: "59990.0", qty: "0.002"));
    }

    [Fact]
    public void Cancel_and_query_unknown_orders()
    {
        var engine = WithLong();
        Assert.Equal(-2011, engine.Cancel("BTCUSDT", 42, null).Error!.Value.Code);
        Assert.Equal(-2013, engine.Query("BTCUSDT", 42, null).Error!.Value.Code);
        var placed = engine.Place(Limit()).Value!.Final;
        Assert.True(engine.Cancel("BTCUSDT", placed.OrderId, null).Ok);
        Assert.Equal(-2011, engine.Cancel("BTCUSDT", placed.OrderId, null).Error!.Value.Code);
        Assert.Equal(OrderState.Canceled, engine.Query("BTCUSDT", null, placed.ClientOrderId).Value!.State);
    }

    [Fact]
    public void Gtx_reject_leaves_no_order_behind()
    {
        var engine = WithLong();
        var r = Limit(tif: "GTX", price: "59990.0", clientId: "gtx-1");
        Assert.Equal(-5022, engine.Place(r).Error!.Value.Code);
        Assert.Equal(-2013, engine.Query("BTCUSDT", null, "gtx-1").Error!.Value.Code);
        Assert.Empty(Drain(engine));
    }
}
