using Vq.Sim.Matching;
using static Vq.Sim.Tests.Matching.EngineFixture;

namespace Vq.Sim.Tests.Matching;

public sealed class RiskAndAlgoTests
{
    [Fact]
    public void Liquidation_price_matches_the_documented_formula_for_single_legs()
    {
        var engine = Create();
        engine.SetWalletBalance(1000m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.1m, 60000m, 10, MarginMode.Cross);
        var leg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
        // (1000 − 0.1·60000) / (0.1·0.004 − 0.1) = −5000 / −0.0996
        Assert.Equal(-5000m / -0.0996m, engine.LiquidationPrice(leg));

        engine.SetPosition("BTCUSDT", LegSide.Long, 0m, 0m, null, null);
        engine.SetPosition("BTCUSDT", LegSide.Short, 0.1m, 60000m, null, null);
        var shortLeg = engine.Account.FindLeg("BTCUSDT", LegSide.Short)!;
        Assert.Equal(7000m / 0.1004m, engine.LiquidationPrice(shortLeg));
    }

    [Fact]
    public void Liquidation_price_reacts_to_margin()
    {
        var engine = Create();
        engine.SetWalletBalance(1000m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.1m, 60000m, 10, MarginMode.Cross);
        var leg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
        var before = engine.LiquidationPrice(leg);
        engine.SetWalletBalance(2000m);
        Assert.True(engine.LiquidationPrice(leg) < before);
    }

    [Fact]
    public void Mark_reaching_liquidation_closes_the_leg_and_expires_its_orders()
    {
        var engine = Create();
        engine.SetWalletBalance(1000m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.1m, 60000m, 10, MarginMode.Cross);
        var resting = engine.Place(Limit(qty: "0.050", price: "60100.0")).Value!.Final;
        engine.DrainEvents([]);
        engine.ApplyQuote("BTCUSDT", 50300.0m, 1m, 50300.1m, 1m); // above LP ≈ 50200.8: still alive
        Assert.Equal(0.1m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
        engine.ApplyQuote("BTCUSDT", 50150.0m, 1m, 50150.1m, 1m);
        Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
        var events = OrderEvents(engine);
        Assert.Contains(events, e => e.Order.OrderId == resting.OrderId && e.Exec == ExecType.Expired && e.Order.ExpireReason == 5);
        var liquidation = events.Single(e => e.Exec == ExecType.Calculated);
        Assert.StartsWith("autoclose-", liquidation.Order.ClientOrderId);
        Assert.Equal(OrderKind.Liquidation, liquidation.Order.Kind);
    }

    private static AlgoRequest Stop(string side = "SELL", string positionSide = "LONG", string trigger = "59000.0",
        string? qty = null, string closePosition = "true", string workingType = "MARK_PRICE", string type = "STOP_MARKET") => new()
    {
        AlgoType = "CONDITIONAL", Symbol = "BTCUSDT", Side = side, PositionSide = positionSide, Type = type,
        TriggerPrice = trigger, Quantity = qty, ClosePosition = closePosition, WorkingType = workingType, ClientAlgoId = "stop-1",
    };

    [Fact]
    public void Close_position_stop_closes_the_whole_leg_on_mark_trigger()
    {
        var engine = WithLong(qty: 0.7m);
        var algo = engine.PlaceAlgo(Stop()).Value!;
        Assert.Equal(AlgoState.New, algo.State);
        engine.DrainEvents([]);
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.9m, 60000m, null, null); // the leg grew after placement
        engine.ApplyQuote("BTCUSDT", 58999.0m, 5m, 58999.1m, 5m);
        Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
        var events = Drain(engine);
        var algoStates = events.OfType<AlgoUpdate>().Select(a => a.Algo.State).ToList();
        Assert.Equal([AlgoState.Triggered, AlgoState.Finished], algoStates);
        var child = events.OfType<OrderTradeUpdate>().Last();
        Assert.Equal("stop-1", child.Order.ClientOrderId);
        Assert.Equal(OrderKind.Market, child.Order.Kind);
        Assert.Equal(0.9m, child.Order.ExecutedQty);
        Assert.Equal(AlgoState.Finished, engine.QueryAlgo(algo.AlgoId, null).Value!.State);
    }

    [Fact]
    public void Contract_price_trigger_uses_last_trade()
    {
        var engine = WithLong(qty: 0.5m);
        engine.PlaceAlgo(Stop(workingType: "CONTRACT_PRICE", closePosition: "false", qty: "0.200"));
        engine.ApplyTrade("BTCUSDT", 59000.0m, 0.001m, buyerIsMaker: true);
        Assert.Equal(0.3m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
    }

    [Fact]
    public void Take_profit_fires_in_the_other_direction()
    {
        var engine = WithLong(qty: 0.5m);
        Assert.True(engine.PlaceAlgo(Stop(type: "TAKE_PROFIT_MARKET", trigger: "61000.0")).Ok);
        engine.ApplyQuote("BTCUSDT", 60500.0m, 5m, 60500.1m, 5m);
        Assert.Equal(0.5m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
        engine.ApplyQuote("BTCUSDT", 61000.0m, 5m, 61000.1m, 5m);
        Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
    }

    public static TheoryData<string, int> AlgoRules => new()
    {
        { "immediate-trigger", -2021 },
        { "qty-with-close-position", -4137 },
        { "reduce-only-hedge", -1106 },
        { "position-side-missing", -4061 },
        { "trigger-tick", -4014 },
        { "duplicate-close-position", -4130 },
        { "missing-trigger", -1102 },
        { "limit-type", -1116 },
    };

    [Theory]
    [MemberData(nameof(AlgoRules))]
    public void Algo_rule_is_enforced(string rule, int code)
    {
        var engine = WithLong(qty: 0.5m);
        var r = Stop();
        switch (rule)
        {
            case "immediate-trigger": r.Trigger(); break;
            case "qty-with-close-position": r.Quantity = "0.100"; break;
            case "reduce-only-hedge": r.ReduceOnly = "true"; break;
            case "position-side-missing": r.PositionSide = null; break;
            case "trigger-tick": r.TriggerPrice = "59000.05"; break;
            case "duplicate-close-position": Assert.True(engine.PlaceAlgo(Stop()).Ok); r.ClientAlgoId = "stop-2"; break;
            case "missing-trigger": r.TriggerPrice = null; break;
            case "limit-type": r.Type = "STOP"; break;
        }

        var result = engine.PlaceAlgo(r);
        Assert.Equal(code, result.Error!.Value.Code);
        Assert.Equal(400, result.Error!.Value.HttpStatus);
    }

    [Fact]
    public void Algo_cancel_and_unknown()
    {
        var engine = WithLong(qty: 0.5m);
        var algo = engine.PlaceAlgo(Stop()).Value!;
        Assert.Equal(AlgoState.Canceled, engine.CancelAlgo(null, "stop-1").Value!.State);
        Assert.Equal(-2011, engine.CancelAlgo(algo.AlgoId, null).Error!.Value.Code);
        // Algo ids are unknown to the regular order endpoints (BINANCE.md §3.10).
        Assert.Equal(-2013, engine.Query("BTCUSDT", algo.AlgoId, null).Error!.Value.Code);
    }
}

internal static class AlgoRequestExtensions
{
    /// <summary>Moves the trigger above the mark so a SELL stop would fire at once.</summary>
    public static void Trigger(this AlgoRequest request) => request.TriggerPrice = "60100.0";
}

public sealed class HedgedLiquidationTests
{
    [Fact]
    public void Hedged_cross_legs_share_one_price_and_die_on_the_net_side_only()
    {
        var engine = EngineFixture.Create();
        engine.SetWalletBalance(10000m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.8m, 60100m, 20, MarginMode.Cross);
        engine.SetPosition("BTCUSDT", LegSide.Short, 0.3m, 59900m, 20, MarginMode.Cross);
        var longLeg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
        var shortLeg = engine.Account.FindLeg("BTCUSDT", LegSide.Short)!;
        var price = engine.LiquidationPrice(longLeg);
        Assert.Equal(price, engine.LiquidationPrice(shortLeg));
        Assert.Equal((10000m - 0.8m * 60100m + 0.3m * 59900m) / (0.8m * 0.004m + 0.3m * 0.004m - 0.8m + 0.3m), price);
        Assert.Equal(0.3m, shortLeg.Amount); // mark far above the price: net long is safe
        engine.ApplyQuote("BTCUSDT", 40000.0m, 1m, 40000.1m, 1m);
        Assert.Equal((0m, 0m), (longLeg.Amount, shortLeg.Amount));
    }

    [Fact]
    public void Isolated_leg_uses_its_own_wallet()
    {
        var engine = EngineFixture.Create();
        engine.SetPosition("BTCUSDT", LegSide.Short, 0.1m, 60000m, 10, MarginMode.Isolated);
        var leg = engine.Account.FindLeg("BTCUSDT", LegSide.Short)!;
        Assert.Equal(600m, leg.IsolatedWallet);
        Assert.Equal((600m + 6000m) / 0.1004m, engine.LiquidationPrice(leg));
        engine.ApplyQuote("BTCUSDT", 65800.0m, 1m, 65800.1m, 1m);
        Assert.Equal(0m, leg.Amount);
    }
}
