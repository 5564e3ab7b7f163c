using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Engine;

/// <summary>
/// An order pinned at flatten's slippage cap is kept resting at its TTL instead of being cancelled and reposted at the
/// same price. A LONG 0.1 BTC leg, TTL 800 ms, cooldown 100 ms, cap 10 bps: the arrival mid 50000.5 puts the cap at
/// 49950.5; a book at 49900/49900.1 pins every SELL there.
/// </summary>
public class CapHoldTests
{
    private const long Start = 1000;
    private const decimal Cap = 49950.5m;

    private static EngineHarness Flatten(FlattenPlan plan)
    {
        var execution = new ExecutionSettings { OrderTtlMs = 800, RepostCooldownMs = 100, BaseLotMult = 1, MaxMult = 50, MaxOrderNotional = 0m };
        var h = new EngineHarness(new GlobalSettings { Execution = execution }, gate: ExitGate.Always) { Now = Start };
        h.Engine.SetFlattenPlan(h.Btc, PositionSide.Long, plan);
        h.Position(PositionSide.Long, 0.1m);
        return h;
    }

    /// <summary>Starts the leg at 50000/50001, lets its first order go unfilled, then places one with the book beyond the cap, acknowledged.</summary>
    private static EngineCommand PlaceAtCap(EngineHarness h, long at = Start + 200)
    {
        h.Book(50000m, 50001m);
        var first = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(first);
        h.Engine.OnOrderUpdate(h.Update(first, OrderStatus.Canceled), h.Now, h.Out);
        h.Now = at;
        h.Out.Clear();
        h.Book(49900m, 49900.1m);
        var capped = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(Cap, capped.Price);
        h.Accept(capped);
        h.Out.Clear();
        return capped;
    }

    /// <summary>Advances in timer passes of 100 ms with a fresh book each time.</summary>
    private static void Run(EngineHarness h, long untilMs, decimal bid = 49900m, decimal ask = 49900.1m)
    {
        while (h.Now < untilMs)
        {
            h.Now += 100;
            h.Book(bid, ask);
            h.Timer();
        }
    }

    [Fact]
    public void With_the_cap_binding_and_a_still_book_the_order_rests_through_many_ttls_without_a_cancel_or_repost()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        var capped = PlaceAtCap(h);

        Run(h, h.Now + 10 * 800);

        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        Assert.Empty(h.Commands(CommandKind.CancelOrder));
        Assert.Empty(h.Events(EngineEventKind.OrderTimeout));
        var kept = Assert.Single(h.Events(EngineEventKind.SlippageCap));
        Assert.Equal("cap_order_kept", kept.Reason);
        Assert.Equal(capped.ClientOrderId, kept.ClientOrderId);
        var executor = h.Leg(PositionSide.Long).Executor;
        Assert.True(executor.KeptAtCap);
        Assert.Equal(capped.ClientOrderId, executor.CurrentClientOrderId);

        // Not counted as timeouts, so nothing rotates while the order is kept (default escalation after 2).
        Assert.Equal(0, executor.MakerTimeoutCount);
        Assert.Equal(ExecutionMode.MakerOnly, executor.Mode);
        Assert.Empty(h.Events(EngineEventKind.ModeChange));
    }

    [Fact]
    public void A_market_moving_further_beyond_the_cap_still_keeps_the_order()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        PlaceAtCap(h);

        Run(h, h.Now + 3 * 800, 49800m, 49800.1m);

        Assert.Empty(h.Commands(CommandKind.CancelOrder));
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
    }

    [Fact]
    public void When_the_book_moves_the_repost_price_off_the_cap_the_kept_order_is_cancelled_at_once_and_reposted_at_the_new_price()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        var capped = PlaceAtCap(h);
        Run(h, h.Now + 1_000);
        Assert.True(h.Leg(PositionSide.Long).Executor.KeptAtCap);
        h.Out.Clear();

        // The market comes back above the cap: the next pass fires the TTL without waiting a whole one again.
        h.Now += 100;
        h.Book(50000m, 50001m);
        h.Timer();

        var cancel = Assert.Single(h.Commands(CommandKind.CancelOrder));
        Assert.Equal(capped.ClientOrderId, cancel.ClientOrderId);
        Assert.Equal("ttl", cancel.Reason);
        Assert.Equal(1, Assert.Single(h.Events(EngineEventKind.OrderTimeout)).Code);

        h.Engine.OnOrderUpdate(h.Update(capped, OrderStatus.Canceled), h.Now, h.Out);
        h.Out.Clear();
        h.Now += 200;
        h.Book(50000m, 50001m);

        var repost = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(50000.9m, repost.Price);
        Assert.Equal("cap_released", Assert.Single(h.Events(EngineEventKind.SlippageCap)).Reason);
    }

    [Fact]
    public void Behind_schedule_a_maker_order_at_the_cap_is_kept_rather_than_escalated_to_the_same_price()
    {
        // Behind: one maker timeout escalates, but the aggressive repost would be pinned at the same cap.
        var h = Flatten(new FlattenPlan(Start + 100_000, 10m));
        PlaceAtCap(h, at: Start + 47_500);
        Assert.Equal(1, h.Leg(PositionSide.Long).Executor.MakerTimeoutsOverride);

        Run(h, h.Now + 4 * 800);

        Assert.Empty(h.Commands(CommandKind.CancelOrder));
        Assert.Empty(h.Events(EngineEventKind.ModeChange));
        Assert.Equal(ExecutionMode.MakerOnly, h.Leg(PositionSide.Long).Executor.Mode);
    }

    [Fact]
    public void A_partly_filled_order_at_the_cap_times_out_as_usual()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        var capped = PlaceAtCap(h);
        h.Engine.OnOrderUpdate(h.Update(capped, OrderStatus.PartiallyFilled, cum: 0.0005m, last: 0.0005m, tradeId: 7), h.Now, h.Out);
        h.Out.Clear();

        Run(h, h.Now + 800);

        Assert.Single(h.Commands(CommandKind.CancelOrder));
        Assert.Empty(h.Events(EngineEventKind.SlippageCap));
    }

    [Fact]
    public void Without_a_cap_the_ttl_cancels_as_before()
    {
        var h = Flatten(new FlattenPlan(0, 0m));
        h.Book(50000m, 50001m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        h.Out.Clear();

        Run(h, h.Now + 800, 49900m, 49900.1m);

        Assert.Equal(place.ClientOrderId, Assert.Single(h.Commands(CommandKind.CancelOrder)).ClientOrderId);
        Assert.Equal(1, Assert.Single(h.Events(EngineEventKind.OrderTimeout)).Code);
    }

    [Fact]
    public void A_stale_book_does_not_keep_an_order_at_the_cap()
    {
        var h = Flatten(new FlattenPlan(0, 10m));
        PlaceAtCap(h);

        // No book for longer than stale_data_ms (1500): the TTL cancels as usual.
        h.Now += 2_000;
        h.Timer();

        Assert.Single(h.Commands(CommandKind.CancelOrder));
    }
}
