using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Engine;

/// <summary>
/// Flatten's <see cref="FlattenPlan"/> in the engine: a LONG 0.1 BTC leg (minQty 0.001, one ordinary slice = 0.001),
/// TTL 800 ms, cooldown 100 ms, max_mult 50, no notional cap, book 50000/50001 at the start (arrival mid 50000.5).
/// </summary>
public class FlattenPlanTests
{
    private const long Start = 1000;

    private static EngineHarness Flatten(FlattenPlan? plan, PositionSide side = PositionSide.Long, decimal size = 0.1m)
    {
        var execution = new ExecutionSettings { OrderTtlMs = 800, RepostCooldownMs = 100, BaseLotMult = 1, MaxMult = 50, MaxOrderNotional = 0m };
        var h = new EngineHarness(new GlobalSettings { Execution = execution }, gate: ExitGate.Always) { Now = Start };
        h.Engine.SetFlattenPlan(h.Btc, side, plan);
        h.Position(side, size);
        return h;
    }

    /// <summary>Cancels the working order (no fill) and lets the cooldown pass at <paramref name="at"/>.</summary>
    private static void Expire(EngineHarness h, EngineCommand place, long at)
    {
        h.Accept(place);
        h.Engine.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), h.Now, h.Out);
        h.Now = at;
        h.Out.Clear();
    }

    [Fact]
    public void Without_a_plan_nothing_changes()
    {
        var h = Flatten(plan: null);
        h.Book(50000m, 50001m);

        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(0.001m, place.Qty);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
        Assert.Empty(h.Events(EngineEventKind.Pacing));
        Assert.Equal(PaceStatus.None, h.Leg(PositionSide.Long).Pace.Status);
    }

    [Fact]
    public void On_schedule_the_first_slice_is_the_ordinary_maker_slice()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 0m));
        h.Book(50000m, 50001m);

        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(0.001m, place.Qty);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
        Assert.Equal("on_schedule", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);
        Assert.Null(h.Leg(PositionSide.Long).Executor.TtlOverrideMs);
    }

    [Fact]
    public void Behind_schedule_the_slice_grows_to_catch_up_and_the_maker_patience_shrinks()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 0m));
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 47_500);

        h.Book(50000m, 50001m);

        // Target 0.05 at 47.5 s, 0.1 left: catch up 0.05 = 50 ordinary slices (exactly max_mult).
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(0.05m, place.Qty);
        Assert.Equal("behind", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);
        var executor = h.Leg(PositionSide.Long).Executor;
        Assert.Equal(400, executor.TtlOverrideMs);
        Assert.Equal(1, executor.MakerTimeoutsOverride);
    }

    [Fact]
    public void A_catch_up_slice_never_exceeds_max_mult_or_the_budget()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 0m), size: 1m);
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 60_000);

        h.Book(50000m, 50001m);

        // Behind by far more than 50 slices: max_mult caps it at 0.05.
        Assert.Equal(0.05m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
    }

    [Fact]
    public void Ahead_of_schedule_the_leg_waits_and_resumes_when_the_schedule_catches_up()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 0m));
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 20_000);
        h.Position(PositionSide.Long, 0.04m, source: PositionSource.Stream, asOf: h.ExchangeTime + 1); // someone closed 0.06

        h.Book(50000m, 50001m);
        h.Timer();

        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(PaceStatus.Ahead, h.Leg(PositionSide.Long).Pace.Status);
        Assert.Equal("ahead", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);

        // At 60 s the schedule wants 0.0379 left: back on schedule, slicing again.
        h.Now = Start + 60_000;
        h.Out.Clear();
        h.Book(50000m, 50001m);
        Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal("on_schedule", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);
    }

    [Fact]
    public void The_final_window_goes_aggressive_with_the_largest_slices_and_holds_there()
    {
        var h = Flatten(new FlattenPlan(Start + 10_000, 0m));
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 8_700);

        h.Book(50000m, 50001m);

        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(TimeInForce.Gtc, place.TimeInForce);
        Assert.Equal(50000m, place.Price);
        Assert.Equal(0.05m, place.Qty);
        Assert.Contains(h.Events(EngineEventKind.ModeChange), e => e.Reason == "deadline_final");
        Assert.True(h.Leg(PositionSide.Long).Executor.HoldAggression);
    }

    [Fact]
    public void A_deadline_already_passed_goes_aggressive_at_once()
    {
        var h = Flatten(new FlattenPlan(Start - 1, 0m));
        h.Book(50000m, 50001m);

        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(TimeInForce.Gtc, place.TimeInForce);
        Assert.Equal(0.05m, place.Qty);
        Assert.Equal(PaceStatus.Final, h.Leg(PositionSide.Long).Pace.Status);
        Assert.Equal(0, h.Leg(PositionSide.Long).Pace.TimeLeftMs);
    }

    [Fact]
    public void A_remainder_below_min_qty_is_done_even_in_the_final_stretch()
    {
        var h = Flatten(new FlattenPlan(Start - 1, 0m), size: 0.0005m);
        h.Book(50000m, 50001m);
        h.Timer();

        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        Assert.Single(h.Events(EngineEventKind.LegDone));
    }

    [Fact]
    public void A_final_catch_up_slice_is_cut_to_what_is_left()
    {
        var h = Flatten(new FlattenPlan(Start - 1, 0m), size: 0.0123m);
        h.Book(50000m, 50001m);

        Assert.Equal(0.012m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
    }

    [Fact]
    public void The_cap_holds_prices_back_when_the_market_moves_beyond_it_and_says_so_once()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        h.Book(50000m, 50001m);
        var first = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(50000.9m, first.Price);
        Assert.Empty(h.Events(EngineEventKind.SlippageCap));
        Assert.Equal(49950.5m, ExitEngine.WorstPriceFor(h.Engine.Symbol(h.Btc), h.Leg(PositionSide.Long)));

        Expire(h, first, Start + 200);
        h.Leg(PositionSide.Long).Executor.SwitchMode(ExecutionMode.AggressiveLimit, "test", h.Now, h.Out);
        h.Book(49900m, 49900.1m);

        var capped = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(49950.5m, capped.Price);
        var binding = Assert.Single(h.Events(EngineEventKind.SlippageCap));
        Assert.Equal("cap_binding", binding.Reason);
        Assert.Equal(49950.5m, binding.Price);
        Assert.Equal(50000.5m, binding.Value);
        Assert.True(h.Leg(PositionSide.Long).CapBinding);

        Expire(h, capped, Start + 400);
        h.Book(49890m, 49890.1m);
        Assert.Equal(49950.5m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Price);
        Assert.Empty(h.Events(EngineEventKind.SlippageCap)); // still binding: not repeated
    }

    [Fact]
    public void The_cap_is_released_when_the_market_comes_back()
    {
        var h = Flatten(new FlattenPlan(0, 10m), PositionSide.Short);
        h.Book(50000m, 50001m);
        var first = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Expire(h, first, Start + 200);
        h.Leg(PositionSide.Short).Executor.SwitchMode(ExecutionMode.AggressiveLimit, "test", h.Now, h.Out);
        h.Book(50100m, 50100.1m);
        var capped = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(50050.5m, capped.Price);
        Assert.Equal(OrderSide.Buy, capped.OrderSide);

        Expire(h, capped, Start + 400);
        h.Book(50000m, 50001m);

        Assert.Equal(50001m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Price);
        Assert.Equal("cap_released", Assert.Single(h.Events(EngineEventKind.SlippageCap)).Reason);
        Assert.False(h.Leg(PositionSide.Short).CapBinding);
    }

    [Fact]
    public void Behind_schedule_at_the_cap_keeps_the_normal_ttl_since_a_faster_repost_would_repeat_the_same_price()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 10m));
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 47_500);
        h.Book(49900m, 49900.1m);
        Assert.Equal(49950.5m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Price);
        Assert.True(h.Leg(PositionSide.Long).CapBinding);

        h.Timer();

        var executor = h.Leg(PositionSide.Long).Executor;
        Assert.Equal(PaceStatus.Behind, h.Leg(PositionSide.Long).Pace.Status);
        Assert.Null(executor.TtlOverrideMs);
        Assert.Equal(1, executor.MakerTimeoutsOverride);
    }

    [Fact]
    public void A_leg_hovering_at_the_edge_of_the_band_reports_behind_once_and_on_schedule_once_it_is_clearly_back()
    {
        var h = Flatten(new FlattenPlan(Start + 100_000, 0m));
        h.Book(50000m, 50001m);
        Expire(h, Assert.Single(h.Commands(CommandKind.PlaceOrder)), Start + 47_500);

        // Target 0.05 at 47.5 s, slack 0.005: 0.056 is behind, 0.054 is inside the band but outside its inner half.
        for (var i = 0; i < 10; i++)
        {
            h.Position(PositionSide.Long, i % 2 == 0 ? 0.056m : 0.054m, source: PositionSource.Stream, asOf: h.ExchangeTime + i + 1);
            h.Book(50000m, 50001m);
            h.Timer();
        }

        Assert.Equal("behind", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);

        h.Out.Clear();
        h.Position(PositionSide.Long, 0.052m, source: PositionSource.Stream, asOf: h.ExchangeTime + 20);
        h.Book(50000m, 50001m);

        Assert.Equal("on_schedule", Assert.Single(h.Events(EngineEventKind.Pacing)).Reason);
        Assert.Null(h.Leg(PositionSide.Long).Executor.MakerTimeoutsOverride);
    }
}
