using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Execution;

/// <summary>SPEC §9.8–§9.10: the normal path, timeouts, rotation, cancel races and recovery.</summary>
public class LegExecutorTests
{
    [Fact] // #68
    public void Idle_long_signal_places_a_post_only_sell_on_the_long_leg()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        Assert.Equal(OrderSide.Sell, place.OrderSide);
        Assert.Equal(PositionSide.Long, place.Side);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
        Assert.Equal(50000.9m, place.Price);
        Assert.Equal(LegState.Placing, h.Leg.State);
        Assert.Equal(36, place.ClientOrderId.Length);
        Assert.StartsWith("vq-0123456789-", place.ClientOrderId.ToString(), StringComparison.Ordinal);
    }

    [Fact] // #70
    public void No_intent_while_waiting_or_when_the_position_is_dust()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Ack(place, 1100);
        Assert.Equal(SliceDecision.Busy, h.Leg.TryBeginSlice(h.Request(), 1200, h.Out));
        var idle = new LegHarness();
        Assert.Equal(SliceDecision.Done, idle.Leg.TryBeginSlice(idle.Request(position: 0.0001m), 1000, idle.Out));
    }

    [Fact] // #71
    public void Ack_moves_to_waiting_with_the_ttl_clock_at_the_ack()
    {
        var h = new LegHarness();
        var place = h.Place(900);
        h.Ack(place, 1000, orderId: 123);
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.Equal(123, h.Leg.CurrentOrderId);
        Assert.Equal(1000, h.Leg.PlacedAtMs);
    }

    [Fact] // #73
    public void Ack_filled_goes_to_cooldown_without_an_order()
    {
        var h = new LegHarness();
        var place = h.Place(900);
        h.Ack(place, 1000, status: OrderStatus.Filled, executed: place.Qty);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.False(h.Leg.HasWorkingOrder);
        // Reserved until the stream delivers the fill (or the fill grace passes): the position may not show it yet.
        Assert.Equal(place.Qty, h.Book.ReservedQty);
        h.Book.ExpireGone(1000 + 5000);
        Assert.Equal(0m, h.Book.ReservedQty);
    }

    [Fact] // #74 and #76
    public void User_stream_fill_for_the_current_order_cools_down_and_other_ids_are_ignored()
    {
        var h = new LegHarness();
        var place = h.Place(900);
        h.Ack(place, 1000);
        var other = new LegHarness(runId: "abcdefabcd").Place(900);
        Assert.False(h.Leg.OnOrderUpdate(h.Update(other, OrderStatus.Filled, other.Qty, 456), 1100, h.Out));
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.True(h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty), 1100, h.Out));
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.False(h.Leg.HasWorkingOrder);
    }

    [Fact] // #77
    public void Full_cycle_signal_ack_timeout_cancel_event_cooldown_idle()
    {
        var h = new LegHarness();
        var place = h.Place(1000);
        h.Ack(place, 1100);
        h.Out.Clear();
        h.Leg.CheckTimeout(2000, h.Out);
        var cancel = h.Single(CommandKind.CancelOrder);
        Assert.Equal(place.ClientOrderId, cancel.ClientOrderId);
        h.Leg.OnCancelResult(new CancelResult(place.ClientOrderId, CancelOutcome.Accepted), 2000, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.True(h.Leg.InTerminalGrace);
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), 2100, h.Out);
        Assert.Equal(LegState.Cooldown, h.Leg.State);
        Assert.False(h.Leg.HasWorkingOrder);
        Assert.True(h.Leg.CheckCooldown(2200, h.Out));
        Assert.Equal(LegState.Idle, h.Leg.State);
    }

    [Fact] // #79
    public void Aggressive_fill_reports_the_placement_mode_then_deescalates()
    {
        var h = new LegHarness();
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 0, h.Out);
        var place = h.Place(1000);
        Assert.Equal(TimeInForce.Gtc, place.TimeInForce);
        Assert.Equal(50000m, place.Price);
        h.Ack(place, 1000);
        h.Out.Clear();
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Filled, place.Qty), 1100, h.Out);
        var done = Assert.Single(h.Out.Events.ToArray(), e => e.Kind == EngineEventKind.OrderDone);
        Assert.Equal(ExecutionMode.AggressiveLimit, done.Mode);
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
        Assert.True(h.HasEvent(EngineEventKind.ModeChange, "aggr_fill_deescalate"));
    }

    [Fact] // #80
    public void Timeout_fires_exactly_at_the_ttl_and_counts_once()
    {
        var h = new LegHarness();
        var place = h.Place(900);
        h.Ack(place, 1000);
        h.Out.Clear();
        h.Leg.CheckTimeout(1500, h.Out);
        Assert.Equal(0, h.Count(CommandKind.CancelOrder));
        h.Leg.CheckTimeout(1800, h.Out);
        Assert.Equal(1, h.Count(CommandKind.CancelOrder));
        Assert.Equal(1, h.Leg.MakerTimeoutCount);
        h.Leg.CheckTimeout(1900, h.Out);
        Assert.Equal(1, h.Count(CommandKind.CancelOrder));
    }

    [Fact]
    public void Two_maker_timeouts_escalate_to_aggressive_with_defaults()
    {
        var h = new LegHarness();
        for (var i = 0; i < 2; i++)
        {
            var start = 10_000 * (i + 1);
            var place = h.Place(start);
            h.Ack(place, start);
            h.Leg.CheckTimeout(start + 800, h.Out);
            h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), start + 850, h.Out);
            h.Leg.CheckCooldown(start + 1000, h.Out);
        }

        Assert.Equal(ExecutionMode.AggressiveLimit, h.Leg.Mode);
        Assert.True(h.HasEvent(EngineEventKind.ModeChange, "maker_timeout_escalate"));
        Assert.Equal(0, h.Leg.MakerTimeoutCount); // a switch resets every counter
    }

    [Fact] // #82
    public void One_aggressive_timeout_deescalates_when_the_threshold_is_one()
    {
        var h = new LegHarness(settings: new ExecutionSettings { AggrTimeoutsToDeescalate = 1 });
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 0, h.Out);
        var place = h.Place(1000);
        h.Ack(place, 1000);
        h.Leg.CheckTimeout(1800, h.Out);
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
        Assert.True(h.HasEvent(EngineEventKind.ModeChange, "aggr_timeout_deescalate"));
    }

    [Fact] // #83
    public void One_aggressive_fill_deescalates_when_the_threshold_is_one()
    {
        var h = new LegHarness(settings: new ExecutionSettings { AggrFillsToDeescalate = 1 });
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 0, h.Out);
        var place = h.Place(1000);
        h.Ack(place, 1000, status: OrderStatus.Filled, executed: place.Qty);
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
    }

    [Fact] // #85
    public void Aggressive_partial_fill_deescalates_immediately_while_the_order_keeps_working()
    {
        var h = new LegHarness(settings: new ExecutionSettings { BaseLotMult = 5 });
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 0, h.Out);
        var place = h.Place(1000);
        h.Ack(place, 1000);
        h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.PartiallyFilled, 0.001m), 1100, h.Out);
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
        Assert.Equal(LegState.Waiting, h.Leg.State);
        Assert.Equal(0.001m, h.Leg.CurrentFilledQty);
    }

    [Fact] // #86
    public void Ttl_override_applies()
    {
        var h = new LegHarness();
        var place = h.Place(0);
        h.Ack(place, 0);
        h.Leg.TtlOverrideMs = 400;
        h.Out.Clear();
        h.Leg.CheckTimeout(399, h.Out);
        Assert.Equal(0, h.Count(CommandKind.CancelOrder));
        h.Leg.CheckTimeout(400, h.Out);
        Assert.Equal(1, h.Count(CommandKind.CancelOrder));
    }

    [Fact] // #88
    public void Zero_escalation_threshold_never_escalates()
    {
        var h = new LegHarness(settings: new ExecutionSettings { MakerTimeoutsToEscalate = 0 });
        for (var i = 0; i < 5; i++)
        {
            var start = 10_000 * (i + 1);
            var place = h.Place(start);
            h.Ack(place, start);
            h.Leg.CheckTimeout(start + 800, h.Out);
            h.Leg.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), start + 850, h.Out);
            h.Leg.CheckCooldown(start + 1000, h.Out);
        }

        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
        Assert.Equal(5, h.Leg.MakerTimeoutCount);
    }

    [Fact]
    public void A_partial_fill_resets_the_maker_streak()
    {
        var h = new LegHarness(settings: new ExecutionSettings { BaseLotMult = 5 });
        var first = h.Place(1000);
        h.Ack(first, 1000);
        h.Leg.CheckTimeout(1800, h.Out);
        h.Leg.OnOrderUpdate(h.Update(first, OrderStatus.Canceled), 1850, h.Out);
        h.Leg.CheckCooldown(2000, h.Out);
        Assert.Equal(1, h.Leg.MakerTimeoutCount);
        var second = h.Place(3000);
        h.Ack(second, 3000);
        h.Leg.OnOrderUpdate(h.Update(second, OrderStatus.PartiallyFilled, 0.001m), 3100, h.Out);
        Assert.Equal(0, h.Leg.MakerTimeoutCount);
        h.Leg.CheckTimeout(3800, h.Out);
        Assert.Equal(0, h.Leg.MakerTimeoutCount); // a timeout with a fill resets instead of counting
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg.Mode);
    }
}
