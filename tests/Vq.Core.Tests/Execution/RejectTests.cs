using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Execution;

/// <summary>SPEC §9.11 (rejects) and §3.8 (rate-limited placements).</summary>
public class RejectTests
{
    [Fact] // #97
    public void Post_only_reject_retries_once_aggressively_with_a_new_id_and_the_same_qty()
    {
        var h = new LegHarness();
        var maker = h.Place(1000, bid: 99.0m, ask: 100.0m);
        Assert.Equal(TimeInForce.Gtx, maker.TimeInForce);
        h.Out.Clear();
        h.Leg.OnPlaceResult(new PlaceResult(maker.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), 99.0m, 100.0m, 1001, h.Out);
        var retry = h.Single(CommandKind.PlaceOrder);
        Assert.Equal(TimeInForce.Gtc, retry.TimeInForce);
        Assert.Equal(99.0m, retry.Price);
        Assert.Equal(maker.Qty, retry.Qty);
        Assert.NotEqual(maker.ClientOrderId, retry.ClientOrderId);
        Assert.Equal(ExecutionMode.AggressiveLimit, h.Leg.Mode);
        Assert.True(h.HasEvent(EngineEventKind.OrderReject, "post_only_reject"));
        Assert.True(h.HasEvent(EngineEventKind.OrderRetry, LegExecutor.PostOnlyRejectRetry));
        // A second -5022 on the retry (GTC cannot get one, but be strict): no further retry.
        h.Out.Clear();
        h.Leg.OnPlaceResult(new PlaceResult(retry.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), 99.0m, 100.0m, 1002, h.Out);
        Assert.Equal(0, h.Count(CommandKind.PlaceOrder));
        Assert.Equal(LegState.Cooldown, h.Leg.State);
    }

    [Fact] // found by the budget property: the retry is fitted to the budget as it is now, not as it was
    public void Post_only_retry_is_refitted_to_a_budget_that_shrank_meanwhile()
    {
        var h = new LegHarness(settings: new Vq.Core.Config.ExecutionSettings { BaseLotMult = 5, MaxOrderNotional = 0m });
        var maker = h.Place(1000, position: 0.01m, bid: 99.0m, ask: 100.0m);
        Assert.Equal(0.005m, maker.Qty);
        // A user's close order for 0.008 appears before the -5022 answer.
        h.Book.Apply(new Orders.OrderUpdate
        {
            Symbol = 0, PositionSide = PositionSide.Long, Side = OrderSide.Sell, ClientOrderId = ClientOrderId.Parse("ios-1"),
            OrderId = 1, Status = OrderStatus.New, OrigQty = 0.008m,
        }, Orders.OrderOwner.External);
        h.Out.Clear();
        h.Leg.OnPlaceResult(new PlaceResult(maker.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), 99.0m, 100.0m, 1001, h.Out);
        Assert.Equal(0.002m, h.Single(CommandKind.PlaceOrder).Qty);
    }

    [Fact] // #98
    public void No_retry_when_already_aggressive()
    {
        var h = new LegHarness();
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 0, h.Out);
        var place = h.Place(1000);
        h.Out.Clear();
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), 50000m, 50001m, 1001, h.Out);
        Assert.Equal(0, h.Count(CommandKind.PlaceOrder));
        Assert.Equal(LegState.Cooldown, h.Leg.State);
    }

    [Fact]
    public void Other_rejects_cool_down_and_release_the_budget()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        Assert.Equal(place.Qty, h.Book.ReservedQty);
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -2022), 50000m, 50001m, 1001, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.Equal(0m, h.Book.ReservedQty);
        Assert.Contains(h.Out.Events.ToArray(), e => e.Kind == EngineEventKind.OrderReject && e.Code == -2022);
    }

    [Fact] // §3.8 step 1, #109 (bypass)
    public void Order_rate_limit_is_a_synthetic_failure_but_risk_orders_bypass_it()
    {
        var gate = new ScriptedGate { AllowPlace = false };
        var h = new LegHarness(gate: gate);
        Assert.Equal(SliceDecision.RateLimited, h.Leg.TryBeginSlice(h.Request(), 1000, h.Out));
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.True(h.HasEvent(EngineEventKind.RateLimit, "place_order"));
        Assert.True(h.Leg.CheckCooldown(1100, h.Out));
        Assert.Equal(SliceDecision.Placed, h.Leg.TryBeginSlice(h.Request(isRisk: true, panicRatio: 0.05m, reason: "panic_close@0.03"), 1200, h.Out));
        Assert.Equal(1, gate.PlaceAsks);
    }

    [Fact] // a 429 hold: back off until it ends instead of retrying (and logging) every cooldown
    public void A_rate_limited_placement_backs_off_until_the_hold_ends()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.RateLimited, ErrorCode: -1003, RetryAfterMs: 60_000), 50000m, 50001m, 1001, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.Equal(0m, h.Book.ReservedQty);
        Assert.True(h.HasEvent(EngineEventKind.OrderReject, "rate_limited"));
        Assert.False(h.Leg.CheckCooldown(1001 + 100, h.Out));
        Assert.False(h.Leg.CheckCooldown(1001 + 59_999, h.Out));
        Assert.True(h.Leg.CheckCooldown(1001 + 60_000, h.Out));
    }

    [Fact]
    public void A_rate_limited_placement_without_a_hold_uses_the_normal_cooldown_and_a_huge_hold_is_capped()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.RateLimited, ErrorCode: -1003), 50000m, 50001m, 1001, h.Out);
        Assert.True(h.Leg.CheckCooldown(1001 + 100, h.Out));
        var second = h.Place(2000);
        h.Leg.OnPlaceResult(new PlaceResult(second.ClientOrderId, PlaceOutcome.RateLimited, ErrorCode: -1003, RetryAfterMs: int.MaxValue), 50000m, 50001m, 2001, h.Out);
        Assert.False(h.Leg.CheckCooldown(2001 + 299_999, h.Out));
        Assert.True(h.Leg.CheckCooldown(2001 + 300_000, h.Out));
    }

    [Fact] // D21
    public void Resting_close_orders_that_cover_the_position_block_the_leg()
    {
        var h = new LegHarness();
        Assert.Equal(SliceDecision.Blocked, h.Leg.TryBeginSlice(h.Request(position: 0.1m, budget: 0.0005m), 1000, h.Out));
        Assert.Equal(LegState.Idle, h.Leg.State);
        Assert.Equal(0, h.Count(CommandKind.PlaceOrder));
    }

    [Fact] // D21
    public void A_slice_is_capped_by_the_budget()
    {
        var h = new LegHarness(settings: new Vq.Core.Config.ExecutionSettings { BaseLotMult = 10, MaxOrderNotional = 0m });
        Assert.Equal(SliceDecision.Placed, h.Leg.TryBeginSlice(h.Request(position: 0.1m, budget: 0.0042m), 1000, h.Out));
        Assert.Equal(0.004m, h.Single(CommandKind.PlaceOrder).Qty);
    }
}
