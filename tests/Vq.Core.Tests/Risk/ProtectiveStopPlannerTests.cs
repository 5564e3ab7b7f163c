using Vq.Core.Primitives;
using Vq.Core.Risk;
using static Vq.Core.Tests.Risk.StopTestKit;

namespace Vq.Core.Tests.Risk;

public class ProtectiveStopPlannerTests
{
    // SPEC §9.14 #115
    [Fact]
    public void Scenario_115_a_long_without_orders_gets_one_stop_at_101_1()
    {
        var memory = new ProtectiveStopMemory();
        var plan = Plan(Leg(PositionSide.Long, 0.01m, liq: 100m, mark: 110m), memory, []);

        var decision = Assert.Single(plan);
        Assert.Equal(StopAction.Place, decision.Action);
        Assert.Equal(101.1m, decision.TriggerPrice);

        var identity = Identity(PositionSide.Long);
        var placement = ProtectiveStopPlacement.From(identity, decision, identity.CreateId(1_000_000_001, 1));
        Assert.Equal(OrderKind.StopMarket, ProtectiveStopPlacement.Kind);
        Assert.True(ProtectiveStopPlacement.ClosePosition);
        Assert.Equal("MARK_PRICE", ProtectiveStopPlacement.WorkingType);
        Assert.True(ProtectiveStopPlacement.IsRisk);
        Assert.Equal(PositionSide.Long, placement.PositionSide);
        Assert.Equal(OrderSide.Sell, placement.Side);
        Assert.Equal("BTCUSDT", placement.Symbol);
        Assert.StartsWith("vq-ps-btcusdt-L-", placement.ClientAlgoId.ToString(), StringComparison.Ordinal);
    }

    // SPEC §9.14 #116
    [Fact]
    public void Scenario_116_own_stop_without_a_position_is_cancelled_on_the_algo_endpoint()
    {
        var memory = new ProtectiveStopMemory();
        var plan = Plan(Leg(PositionSide.Long, 0m, liq: null), memory, [Own(PositionSide.Long, 123, 101.1m)]);

        var decision = Assert.Single(plan);
        Assert.Equal(StopAction.Cancel, decision.Action);
        Assert.Equal("cancel_no_position", decision.Reason.Code());
        Assert.Equal(OrderBook.Algo, decision.Order.Book);
        Assert.Equal(123, decision.Order.OrderId);
    }

    [Fact]
    public void Disabled_feature_cancels_our_stop_and_no_stop_means_forget()
    {
        var memory = new ProtectiveStopMemory();
        var settings = Defaults with { Enabled = false };
        var plan = Plan(Leg(PositionSide.Short, -1m, liq: 120m), memory, [Own(PositionSide.Short, 5, 118m)], settings);
        Assert.Equal("cancel_disabled", Assert.Single(plan).Reason.Code());

        var nothing = Plan(Leg(PositionSide.Short, 0m, liq: 120m), memory, []);
        Assert.Equal(StopAction.Forget, Assert.Single(nothing).Action);
    }

    // SPEC §9.14 #118
    [Fact]
    public void Scenario_118_float_formatted_trigger_does_not_churn()
    {
        // SHORT, D 0.01, liq 8.34967 → floorTick(8.34967 / 1.01) = 8.267 with tick 0.001.
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Short, -5m, liq: 8.34967m, mark: 8.0m, tick: 0.001m);
        var plan = Plan(leg, memory, [Own(PositionSide.Short, 77, 8.266999999999999m)]);

        var decision = Assert.Single(plan);
        Assert.Equal(StopAction.Keep, decision.Action);
        Assert.Equal(StopReason.AdoptExisting, decision.Reason);
        Assert.True(decision.Log);

        Execute(plan, memory, now: 0);
        var again = Assert.Single(Plan(leg, memory, [Own(PositionSide.Short, 77, 8.266999999999999m)], now: 1000));
        Assert.Equal(StopReason.KeepUnchanged, again.Reason);
        Assert.False(again.Log);
    }

    // SPEC §9.14 #119
    [Fact]
    public void Scenario_119_only_tighten()
    {
        var memory = new ProtectiveStopMemory();
        ScannedOrder[] listed = [Own(PositionSide.Long, 123, 101.1m)];

        // D 0.005 at liq 100 → desired 100.6, looser than 101.1: kept.
        var loose = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), memory, listed, Defaults with { DistToLiq = 0.005m });
        var keep = Assert.Single(loose);
        Assert.Equal(StopAction.Keep, keep.Action);
        Assert.Equal("keep_existing_tighter", keep.Reason.Code());
        Assert.Equal(101.1m, keep.TriggerPrice);
        Execute(loose, memory, now: 0);

        // The liquidation rises to 101 (desired 102.1 at D 0.01) → cancel, then place 102.1.
        var tighten = Plan(Leg(PositionSide.Long, 1m, liq: 101m, mark: 110m), memory, listed, now: 1000);
        Assert.Equal(2, tighten.Count);
        Assert.Equal(StopAction.Cancel, tighten[0].Action);
        Assert.Equal(StopReason.CancelForReplace, tighten[0].Reason);
        Assert.True(tighten[0].RequiredForNext);
        Assert.Equal(123, tighten[0].Order.OrderId);
        Assert.Equal(StopAction.Place, tighten[1].Action);
        Assert.Equal(StopReason.ReplaceTighten, tighten[1].Reason);
        Assert.Equal(102.1m, tighten[1].TriggerPrice);
    }

    [Fact]
    public void A_failed_cancel_never_leads_to_a_placement()
    {
        var memory = new ProtectiveStopMemory();
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 101m, mark: 110m), memory, [Own(PositionSide.Long, 123, 101.1m)]);

        var placed = Execute(plan, memory, now: 0, cancelSucceeds: _ => false);

        Assert.Empty(placed);
        Assert.False(memory.HasStop);
    }

    [Fact]
    public void Short_stop_only_moves_down()
    {
        var memory = new ProtectiveStopMemory();
        ScannedOrder[] listed = [Own(PositionSide.Short, 9, 99.0m)];
        Execute(Plan(Leg(PositionSide.Short, -1m, liq: 100m, mark: 90m), memory, listed), memory, 0);

        // liq rises to 100.2 (worse for nobody: a SHORT's liq going up is an improvement of 0.2 %): kept.
        var kept = Assert.Single(Plan(Leg(PositionSide.Short, -1m, liq: 100.2m, mark: 90m), memory, listed, now: 100));
        Assert.Equal(StopReason.KeepExistingTighter, kept.Reason);
        Assert.False(kept.Log); // local state existed

        // liq falls to 99 → desired floorTick(98.0198) = 98.0 < 99.0: tighten.
        var tighten = Plan(Leg(PositionSide.Short, -1m, liq: 99m, mark: 90m), memory, listed, now: 200);
        Assert.Equal(98.0m, tighten[^1].TriggerPrice);
        Assert.Equal(StopReason.ReplaceTighten, tighten[^1].Reason);
    }

    [Fact]
    public void Controlled_loosen_needs_the_liq_improvement_and_the_cooldown()
    {
        var memory = new ProtectiveStopMemory();
        var first = Execute(Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), memory, []), memory, now: 0, nextAlgoId: 500);
        var listed = new[] { Listed(first[0], 500) };
        Assert.Equal(101.1m, memory.TriggerPrice);
        Assert.Equal(100m, memory.LiquidationAtPlacement);

        // 0.2 % better: below liq_improve_threshold 0.5 %.
        Assert.Equal(StopReason.KeepExistingTighter, Plan(Leg(PositionSide.Long, 1m, liq: 99.8m, mark: 110m), memory, listed, now: 60_000)[^1].Reason);

        // 1 % better: loosen to 99 / 0.99 = 100.0.
        var loosen = Plan(Leg(PositionSide.Long, 1m, liq: 99m, mark: 110m), memory, listed, now: 60_000);
        Assert.Equal(StopReason.CancelForReplace, loosen[0].Reason);
        Assert.Equal(StopReason.ReplaceLoosen, loosen[1].Reason);
        Assert.Equal(100.0m, loosen[1].TriggerPrice);
        var second = Execute(loosen, memory, now: 60_000, nextAlgoId: 501);
        Assert.Equal(60_000, memory.LastLoosenAtMs);
        Assert.Equal(99m, memory.LiquidationAtPlacement);
        listed = [Listed(second[0], 501)];

        // Another 1 % improvement 10 s later: inside loosen_cooldown_s 30 → kept; at 30 s → loosened.
        Assert.Equal(StopReason.KeepExistingTighter, Plan(Leg(PositionSide.Long, 1m, liq: 98m, mark: 110m), memory, listed, now: 70_000)[^1].Reason);
        Assert.Equal(StopReason.ReplaceLoosen, Plan(Leg(PositionSide.Long, 1m, liq: 98m, mark: 110m), memory, listed, now: 90_000)[^1].Reason);

        // Disallowed by config: never loosened.
        var noLoosen = Defaults with { AllowLoosenOnLiqImprove = false };
        Assert.Equal(StopReason.KeepExistingTighter, Plan(Leg(PositionSide.Long, 1m, liq: 90m, mark: 110m), memory, listed, noLoosen, now: 900_000)[^1].Reason);
    }

    [Fact]
    public void A_stop_adopted_from_an_earlier_run_is_not_loosened_on_first_sight()
    {
        var memory = new ProtectiveStopMemory();
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 90m, mark: 110m), memory, [Own(PositionSide.Long, 42, 101.1m)], now: 1_000_000);
        var keep = Assert.Single(plan);
        Assert.Equal(StopReason.KeepExistingTighter, keep.Reason);
        Assert.True(keep.Log);
        Execute(plan, memory, 1_000_000);
        Assert.Equal(42, memory.AlgoId);
        Assert.Equal(90m, memory.LiquidationAtPlacement);
    }

    // SPEC §9.14 #121
    [Fact]
    public void Scenario_121_wrong_side_liquidation_skips_and_logs_once()
    {
        var memory = new ProtectiveStopMemory();
        var shortWrong = Leg(PositionSide.Short, -1m, liq: 90m, mark: 95m);
        var first = Assert.Single(Plan(shortWrong, memory, []));
        Assert.Equal(StopAction.Skip, first.Action);
        Assert.Equal("skip_liq_wrong_side", first.Reason.Code());
        Assert.True(first.Log);
        Execute([first], memory, 0);
        Assert.False(Assert.Single(Plan(shortWrong, memory, [])).Log);

        Assert.Equal(StopReason.SkipLiqWrongSide, Assert.Single(Plan(Leg(PositionSide.Long, 1m, liq: 120m, mark: 110m), new ProtectiveStopMemory(), [])).Reason);

        // Mark unknown → proceed.
        Assert.Equal(StopAction.Place, Assert.Single(Plan(Leg(PositionSide.Short, -1m, liq: 90m, mark: null), memory, [])).Action);

        // Normal again → the memo resets, so the next wrong-side episode logs again.
        Execute(Plan(Leg(PositionSide.Short, -1m, liq: 100m, mark: 95m), memory, []), memory, 0);
        Assert.True(Assert.Single(Plan(shortWrong, memory, [])).Log);
    }

    [Fact]
    public void Missing_liquidation_price_skips_and_logs_once_per_episode()
    {
        var memory = new ProtectiveStopMemory();
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 0m, mark: 110m), memory, []);
        var skip = Assert.Single(plan);
        Assert.Equal("skip_missing_liquidation_price", skip.Reason.Code());
        Assert.True(skip.Log);
        Execute(plan, memory, 0);
        Assert.False(Assert.Single(Plan(Leg(PositionSide.Long, 1m, liq: null, mark: 110m), memory, [])).Log);
    }

    // SPEC §9.14 #122
    [Fact]
    public void Scenario_122_valid_external_stop_takes_over_and_ours_is_cancelled()
    {
        var memory = new ProtectiveStopMemory();
        var external = External(PositionSide.Long, 77, 101m);
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), memory, [Own(PositionSide.Long, 123, 101.1m), external]);

        var decision = Assert.Single(plan);
        Assert.Equal(StopAction.Cancel, decision.Action);
        Assert.Equal("cancel_own_due_to_external_stop", decision.Reason.Code());
        Assert.Equal(123, decision.Order.OrderId);

        // Without our stop: nothing is placed.
        var none = Assert.Single(Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), memory, [external]));
        Assert.Equal(StopAction.Skip, none.Action);
        Assert.Equal(StopReason.SkipExternalStopPresent, none.Reason);
    }

    [Theory]
    [InlineData(OrderKind.StopMarket, true, false, true)]
    [InlineData(OrderKind.TakeProfitMarket, true, false, true)]
    [InlineData(OrderKind.Stop, false, true, true)]
    [InlineData(OrderKind.TakeProfit, false, true, true)]
    [InlineData(OrderKind.StopMarket, false, false, false)] // neither closes nor reduces
    [InlineData(OrderKind.Limit, false, true, false)] // a resting close limit is not a stop
    [InlineData(OrderKind.TrailingStopMarket, true, false, false)]
    public void External_stop_types(OrderKind kind, bool closePosition, bool reduceOnly, bool external)
    {
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), new ProtectiveStopMemory(),
            [External(PositionSide.Long, 1, 105m, kind, closePosition, reduceOnly, book: OrderBook.Normal)]);
        Assert.Equal(external, plan[^1].Reason == StopReason.SkipExternalStopPresent);
        Assert.Equal(!external, plan[^1].Action == StopAction.Place);
    }

    [Fact]
    public void External_stop_on_the_other_leg_does_not_count()
    {
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), new ProtectiveStopMemory(), [External(PositionSide.Short, 1, 120m)]);
        Assert.Equal(StopAction.Place, Assert.Single(plan).Action);
    }

    // D6 / P15
    [Fact]
    public void Invalid_external_stop_is_cancelled_and_ours_placed_even_while_latched()
    {
        var invalid = External(PositionSide.Long, 55, 99m, book: OrderBook.Normal);
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), new ProtectiveStopMemory(), [invalid], latched: true);

        Assert.Equal(2, plan.Count);
        Assert.Equal(StopAction.Cancel, plan[0].Action);
        Assert.Equal("cancel_invalid_external_stop", plan[0].Reason.Code());
        Assert.Equal(OrderBook.Normal, plan[0].Order.Book);
        Assert.False(plan[0].RequiredForNext);
        Assert.Equal(StopAction.Place, plan[1].Action);
        Assert.Equal(101.1m, plan[1].TriggerPrice);
    }

    [Fact]
    public void Invalid_external_close_stop_in_alert_only_mode_is_reported_once_and_left_alone()
    {
        var settings = Defaults with { ExternalTakeover = Defaults.ExternalTakeover with { CancelInvalid = false } };
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        ScannedOrder[] orders = [External(PositionSide.Long, 55, 99m)];

        var plan = Plan(leg, memory, orders, settings);
        Assert.Equal(StopAction.Alert, plan[0].Action);
        Assert.True(plan[0].Log);
        Assert.Equal(StopReason.SkipInvalidExternalAlertOnly, plan[1].Reason);
        Assert.DoesNotContain(plan, d => d.Action is StopAction.Cancel or StopAction.Place);
        Execute(plan, memory, 0);
        Assert.False(Plan(leg, memory, orders, settings)[0].Log);

        // A reduce-only invalid stop can coexist with ours: alert, and still protect the leg.
        var reduceOnly = Plan(leg, new ProtectiveStopMemory(), [External(PositionSide.Long, 56, 99m, OrderKind.Stop, closePosition: false, reduceOnly: true)], settings);
        Assert.Equal(StopAction.Alert, reduceOnly[0].Action);
        Assert.Equal(StopAction.Place, reduceOnly[1].Action);
    }

    [Fact]
    public void Latched_leg_is_frozen()
    {
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 101m, mark: 110m), new ProtectiveStopMemory(), [Own(PositionSide.Long, 1, 101.1m)], latched: true);
        var skip = Assert.Single(plan);
        Assert.Equal(StopReason.SkipExternalTakeoverLatched, skip.Reason);
    }

    [Fact]
    public void Takeover_disabled_ignores_external_stops_and_the_latch()
    {
        var settings = Defaults with { ExternalTakeover = Defaults.ExternalTakeover with { Enabled = false } };
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), new ProtectiveStopMemory(), [External(PositionSide.Long, 1, 105m)], settings, latched: true);
        Assert.Equal(StopAction.Place, Assert.Single(plan).Action);
    }

    [Fact]
    public void Duplicates_are_cancelled_keeping_the_remembered_stop()
    {
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        var remembered = Own(PositionSide.Long, 2, 101.1m, counter: 2);
        Execute(Plan(leg, memory, [remembered]), memory, 0);
        Assert.Equal(2, memory.AlgoId);

        var plan = Plan(leg, memory, [Own(PositionSide.Long, 1, 101.1m, counter: 1), remembered, Own(PositionSide.Long, 3, 101.1m, counter: 3)]);
        Assert.Equal([1L, 3L], plan.Where(d => d.Reason == StopReason.CancelDuplicate).Select(d => d.Order.OrderId));
        Assert.Equal(StopReason.KeepUnchanged, plan[^1].Reason);
        Assert.Equal(2, plan[^1].Order.OrderId);
    }

    [Fact]
    public void A_recorded_algo_id_proves_ownership_without_the_prefix()
    {
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        var placed = Execute(Plan(leg, memory, []), memory, 0, nextAlgoId: 4242);
        // The listing shows our algoId with a client id we do not recognise (e.g. rewritten by a tool).
        var listed = new ScannedOrder(OrderBook.Algo, 4242, ClientOrderId.Parse("other-name"), OrderKind.StopMarket, PositionSide.Long, true, false, placed[0].TriggerPrice);
        Assert.Equal(StopReason.KeepUnchanged, Assert.Single(Plan(leg, memory, [listed], now: 10_000)).Reason);
    }

    [Fact]
    public void A_fresh_placement_not_listed_yet_is_waited_for_not_duplicated()
    {
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        Execute(Plan(leg, memory, []), memory, now: 1000);

        var wait = Assert.Single(Plan(leg, memory, [], now: 2000));
        Assert.Equal(StopReason.SkipAwaitingVisibility, wait.Reason);
        Assert.Equal(6000, wait.RecheckAtMs);

        Assert.Equal(StopAction.Place, Assert.Single(Plan(leg, memory, [], now: 6000)).Action);

        // Our stop ended (WS terminal): no waiting.
        memory.OnOwnStopTerminal();
        Assert.Equal(StopAction.Place, Assert.Single(Plan(leg, memory, [], now: 2000)).Action);
    }

    [Fact]
    public void Unknown_listed_trigger_is_replaced()
    {
        var plan = Plan(Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m), new ProtectiveStopMemory(), [Own(PositionSide.Long, 1, null)]);
        Assert.Equal(StopReason.CancelForReplace, plan[0].Reason);
        Assert.Equal(StopReason.ReplaceUnknownTrigger, plan[1].Reason);
    }

    [Fact]
    public void Memory_forgets_after_a_successful_own_cancel_only()
    {
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        Execute(Plan(leg, memory, []), memory, 0, nextAlgoId: 9);
        var listed = new[] { Own(PositionSide.Long, 9, 101.1m) };

        var cancel = Plan(Leg(PositionSide.Long, 0m, liq: null), memory, listed);
        Execute(cancel, memory, 10, cancelSucceeds: _ => false);
        Assert.True(memory.HasStop);
        Execute(cancel, memory, 20);
        Assert.False(memory.HasStop);
    }
}
