using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Execution;

/// <summary>SPEC §9.10 and P2–P4, P27: cancels racing fills, lost events, failed cancels, orphans, early events.</summary>
public class CancelRaceTests
{
    private static (LegHarness H, EngineCommand Place) TimedOut(LegHarness? harness = null)
    {
        var h = harness ?? new LegHarness();
        var place = h.Place(1000);
        h.Ack(place, 1200);
        h.Out.Clear();
        h.Leg.CheckTimeout(2000, h.Out);
        return (h, place);
    }

    [Fact] // #89
    public void Accepted_cancel_keeps_the_context_until_the_terminal_grace_deadline()
    {
        var (h, place) = TimedOut();
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.Accepted), 2000, h.Out);
        Assert.False(h.Leg.CheckCooldown(2100, h.Out));
        Assert.False(h.Leg.CheckCooldown(6999, h.Out));
        Assert.True(h.Leg.CheckCooldown(7000, h.Out));
        Assert.Equal(LegState.Idle, h.Leg.State);
        Assert.False(h.Leg.HasWorkingOrder);
    }

    [Fact] // P2 step 3
    public void Unknown_order_on_cancel_is_treated_as_gone()
    {
        var (h, place) = TimedOut();
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.UnknownOrder, ErrorCode: -2011), 2000, h.Out);
        Assert.True(h.Leg.InTerminalGrace);
        Assert.Equal(place.Qty, h.Book.ReservedQty); // its fills may not be in the position yet: keep reserving
        // The fill that made the order unknown still arrives and is applied.
        h.Book.Apply(h.Update(place, OrderStatus.Filled, place.Qty), Orders.OrderOwner.Own);
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty), 2300, h.Out);
        Assert.Equal(0m, h.Book.ReservedQty);
        Assert.False(h.Leg.HasWorkingOrder);
        Assert.True(h.HasEvent(EngineEventKind.OrderDone, "filled"));
    }

    [Fact] // #91
    public void Failed_cancel_returns_to_waiting_and_retries_after_the_cooldown()
    {
        var (h, place) = TimedOut();
        Assert.Equal(1, h.Count(CommandKind.CancelOrder));
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.Failed), 2000, h.Out);
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.Equal(place.ClientOrderId, h.Leg.CurrentClientOrderId);
        h.Leg.CheckTimeout(2050, h.Out);
        Assert.Equal(1, h.Count(CommandKind.CancelOrder));
        h.Leg.CheckTimeout(2100, h.Out);
        Assert.Equal(2, h.Count(CommandKind.CancelOrder));
        Assert.Equal(1, h.Leg.MakerTimeoutCount); // counted once per order, not per retry
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.Accepted), 2100, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
    }

    [Fact] // #92: the host maps a cancel that throws (transport failure, timeout) to Failed
    public void Cancel_that_throws_keeps_the_context_and_retries_instead_of_losing_it()
    {
        var (h, place) = TimedOut();
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.Failed, ErrorCode: 0), 2000, h.Out);
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.True(h.Leg.HasWorkingOrder);
        Assert.True(h.HasEvent(EngineEventKind.CancelFailed));
        h.Out.Clear();
        h.Leg.CheckTimeout(2100, h.Out);
        Assert.Equal(place.ClientOrderId, h.Single(CommandKind.CancelOrder).ClientOrderId);
    }

    [Fact] // #91 with the soft cancel limiter
    public void Rate_limited_cancel_is_retried_without_losing_the_order()
    {
        var gate = new ScriptedGate { AllowCancel = false };
        var (h, place) = TimedOut(new LegHarness(gate: gate));
        Assert.Equal(0, h.Count(CommandKind.CancelOrder));
        Assert.True(h.HasEvent(EngineEventKind.RateLimit, "cancel_order"));
        Assert.Equal(LegState.Waiting, h.Leg.State);
        gate.AllowCancel = true;
        h.Leg.CheckTimeout(2100, h.Out);
        Assert.Equal(place.ClientOrderId, h.Single(CommandKind.CancelOrder).ClientOrderId);
    }

    [Fact] // P3
    public void A_fill_that_beats_the_cancel_answer_wins_and_the_late_answer_is_ignored()
    {
        var (h, place) = TimedOut();
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty), 2010, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.UnknownOrder, ErrorCode: -2011), 2020, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.False(h.Leg.InTerminalGrace);
        Assert.True(h.Leg.CheckCooldown(2110, h.Out));
    }

    [Fact] // #94
    public void Orphan_after_a_recent_fill_cools_down_for_the_fill_grace()
    {
        var h = new LegHarness();
        h.Leg.ForceStateForTest(LegState.Canceling, dropOrderId: true, lastCompletedAtMs: 995);
        Assert.Equal(SliceDecision.Busy, h.Leg.TryBeginSlice(h.Request(), 1000, h.Out));
        Assert.True(h.HasEvent(EngineEventKind.OrphanRecovered));
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.False(h.Leg.CheckCooldown(5999, h.Out));
        Assert.True(h.Leg.CheckCooldown(6000, h.Out));
    }

    [Fact] // #95
    public void Orphan_on_the_panic_path_without_a_recent_fill_recovers_to_idle_and_places()
    {
        var h = new LegHarness();
        h.Leg.ForceStateForTest(LegState.Canceling, dropOrderId: true, lastCompletedAtMs: 0);
        Assert.Equal(SliceDecision.Placed, h.Leg.TryBeginSlice(h.Request(isRisk: true, panicRatio: 0.05m, reason: "panic_close@0.03"), 1000, h.Out));
        Assert.True(h.Single(CommandKind.PlaceOrder).IsRisk);
    }

    [Fact] // P27, D10
    public void A_user_stream_fill_before_the_rest_ack_is_applied_and_the_ack_is_a_no_op()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty), 1005, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        h.Out.Clear();
        h.Ack(place, 1010, status: OrderStatus.New);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.Equal(0, h.Count(CommandKind.CancelStray));
    }

    [Fact]
    public void A_late_ack_for_an_order_the_leg_never_tracked_is_cancelled()
    {
        var h = new LegHarness();
        var foreign = new LegHarness(runId: "abcdefabcd").Place(1);
        h.Leg.OnPlaceResult(new PlaceResult(foreign.ClientOrderId, PlaceOutcome.Accepted, 99, OrderStatus.New), 1m, 2m, 10, h.Out);
        Assert.Equal(99, h.Single(CommandKind.CancelStray).OrderId);
    }

    [Fact] // 503 unknown → query → resolved
    public void Unknown_placement_outcome_is_resolved_by_query_and_never_resent()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Out.Clear();
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.Unknown, ErrorCode: 503), 50000m, 50001m, 1100, h.Out);
        Assert.Equal(LegState.Placing, h.Leg.State);
        Assert.Equal(place.ClientOrderId, h.Single(CommandKind.QueryOrder).ClientOrderId);
        Assert.Equal(0, h.Count(CommandKind.PlaceOrder));
        Assert.Equal(SliceDecision.Busy, h.Leg.TryBeginSlice(h.Request(), 1150, h.Out));
        h.Leg.OnQueryResult(new QueryResult(place.ClientOrderId, QueryOutcome.Failed), 1200, h.Out);
        h.Out.Clear();
        h.Leg.CheckTimeout(1250, h.Out);
        Assert.Equal(0, h.Count(CommandKind.QueryOrder));
        h.Leg.CheckTimeout(1300, h.Out);
        Assert.Equal(1, h.Count(CommandKind.QueryOrder));
        h.Leg.OnQueryResult(new QueryResult(place.ClientOrderId, QueryOutcome.Found, 77, OrderStatus.New), 1310, h.Out);
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.Equal(77, h.Leg.CurrentOrderId);
    }

    [Fact]
    public void Unknown_placement_that_never_reached_the_exchange_cools_down()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.Unknown), 50000m, 50001m, 1100, h.Out);
        h.Leg.OnQueryResult(new QueryResult(place.ClientOrderId, QueryOutcome.NotFound), 1200, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.Equal(0m, h.Book.ReservedQty);
    }
}
