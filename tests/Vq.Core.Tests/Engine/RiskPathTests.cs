using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Engine;

/// <summary>SPEC §9.12 through the engine: soft risk latch, panic tiers, their overrides and bypasses (D2, D7).</summary>
public class RiskPathTests
{
    private static readonly PanicCloseSettings Panic = new()
    {
        Enabled = true,
        TtlPercent = 0.5m,
        Tiers = [new PanicTier(0.04m, 0.02m, 2), new PanicTier(0.03m, 0.05m, 1), new PanicTier(0.02m, 0.10m, 2)],
    };

    private static EngineHarness WithRisk(RiskSettings risk, ExecutionSettings? execution = null, RateLimitSettings? limits = null)
    {
        var exec = execution ?? new ExecutionSettings();
        var global = new GlobalSettings { Execution = exec, Risk = risk, RateLimit = limits ?? new RateLimitSettings() };
        return new EngineHarness(global, new SymbolSettings { Symbol = "BTCUSDT", Execution = exec, Risk = risk });
    }

    [Fact] // #11 (D2): the symbol's own threshold triggers soft risk
    public void Symbol_soft_risk_threshold_is_used()
    {
        var h = WithRisk(new RiskSettings { LiqDistanceThreshold = 0.05m });
        h.Position(PositionSide.Long, 1m, liq: 96m);
        h.Mark(100m);
        h.Ready(bid: 100m, ask: 100.1m, prev: 99.9m, last: 100m);
        var trigger = Assert.Single(h.Events(EngineEventKind.RiskTrigger));
        Assert.Equal("liq_distance_breach", trigger.Reason);
        Assert.Equal(0.04m, trigger.Value);
        Assert.Equal(ExecutionMode.AggressiveLimit, h.Leg(PositionSide.Long).Executor.Mode);
    }

    [Fact] // #106
    public void The_soft_risk_latch_holds_aggression_and_logs_entry_and_exit_once()
    {
        var h = WithRisk(new RiskSettings { LiqDistanceThreshold = 0.05m }, new ExecutionSettings { RepostCooldownMs = 1 });
        h.Position(PositionSide.Long, 1m, liq: 96m);
        h.Mark(100m);
        h.Ready(100m, 100.1m, 99.9m, 100m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(TimeInForce.Gtc, place.TimeInForce);
        h.Accept(place);
        h.Engine.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty, place.Qty, tradeId: 1), h.Now, h.Out);
        Assert.Equal(ExecutionMode.AggressiveLimit, h.Leg(PositionSide.Long).Executor.Mode); // no aggr_fill_deescalate
        h.Now += 10;
        h.Timer();
        Assert.Single(h.Events(EngineEventKind.RiskTrigger)); // a second pass inside the zone: no new WARN
        h.Out.Clear();
        h.Mark(200m); // far from liquidation now
        h.Timer();
        Assert.Single(h.Events(EngineEventKind.RiskRecovered));
        h.Timer();
        Assert.Single(h.Events(EngineEventKind.RiskRecovered));
    }

    [Fact] // #22
    public void Stale_data_skips_panic()
    {
        var h = WithRisk(new RiskSettings { PanicClose = Panic });
        h.Position(PositionSide.Long, 1m, liq: 97.5m);
        h.Mark(100m);
        h.Book(100m, 100.1m);
        h.Out.Clear();
        h.Now += 5000;
        h.Timer();
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
    }

    [Theory] // #107 through the engine
    [InlineData(96.5, "panic_close@0.04", 0.02)]
    [InlineData(97.5, "panic_close@0.03", 0.05)]
    [InlineData(98.5, "panic_close@0.02", 0.1)]
    public void Panic_tier_selection_and_slice(double liq, string reason, double ratio)
    {
        var h = WithRisk(new RiskSettings { PanicClose = Panic });
        h.Position(PositionSide.Long, 1m, liq: (decimal)liq);
        h.Mark(100m);
        h.Book(100m, 100.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(reason, place.Reason);
        Assert.Equal((decimal)ratio, place.Qty);
        Assert.True(place.IsRisk);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
        var trigger = Assert.Single(h.Events(EngineEventKind.RiskTrigger));
        Assert.Equal("panic_close", trigger.Reason);
    }

    [Fact] // #107: outside every tier no panic order
    public void No_panic_outside_the_tiers()
    {
        var h = WithRisk(new RiskSettings { PanicClose = Panic });
        h.Position(PositionSide.Long, 1m, liq: 95m);
        h.Mark(100m);
        h.Book(100m, 100.1m);
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
    }

    [Fact] // #109: panic needs no signal, ignores the throttle and bypasses the exhausted order limiter
    public void Panic_bypasses_signals_throttle_and_the_order_rate_limit()
    {
        var h = WithRisk(new RiskSettings { PanicClose = Panic }, new ExecutionSettings { RepostCooldownMs = 1 }, new RateLimitSettings { MaxOrdersPerSec = 1 });
        h.Position(PositionSide.Long, 1m, liq: 50m);
        h.Mark(100m);
        h.Ready(100m, 100.1m, 99.9m, 100m); // a normal signal uses the only slot of this second
        var normal = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.False(normal.IsRisk);
        h.Accept(normal, status: OrderStatus.Filled);
        h.Now += 10;
        h.Out.Clear();
        h.Position(PositionSide.Long, 1m, liq: 97.5m, asOf: h.ExchangeTime + 1);
        h.Timer();
        var panic = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.True(panic.IsRisk);
        Assert.Empty(h.Events(EngineEventKind.RateLimit));
    }

    [Fact] // #110
    public void Panic_overrides_ttl_and_escalation_then_clears_when_leaving_while_idle()
    {
        var exec = new ExecutionSettings { OrderTtlMs = 4000 };
        var h = WithRisk(new RiskSettings { PanicClose = Panic }, exec);
        h.Position(PositionSide.Long, 1m, liq: 97.5m); // tier 0.03: maker timeouts to escalate = 1
        h.Mark(100m);
        h.Book(100m, 100.1m);
        var leg = h.Leg(PositionSide.Long);
        Assert.Equal(2000, leg.Executor.TtlOverrideMs);
        Assert.Equal(1, leg.Executor.MakerTimeoutsOverride);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        h.Now += 2000;
        h.Book(100m, 100.1m);
        h.Timer();
        Assert.Equal(ExecutionMode.AggressiveLimit, leg.Executor.Mode); // the first maker timeout escalates
        h.Engine.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), h.Now, h.Out);
        h.Mark(200m);
        h.Now += 200;
        h.Book(100m, 100.1m);
        h.Timer();
        Assert.Null(leg.Executor.TtlOverrideMs);
        Assert.Null(leg.Executor.MakerTimeoutsOverride);
        Assert.False(leg.Panic.IsActive);
    }
}
