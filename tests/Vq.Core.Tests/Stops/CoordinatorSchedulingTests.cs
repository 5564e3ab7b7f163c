using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Stops;

/// <summary>P18 through the coordinator, failures, stalls, and user-data events racing the sync.</summary>
public class CoordinatorSchedulingTests
{
    private readonly StopHarness _h = new();
    private readonly int _btc;

    public CoordinatorSchedulingTests()
    {
        _btc = _h.Source.Add("BTCUSDT", 0.1m);
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
    }

    [Fact]
    public void Position_updates_coalesce_into_one_sync_after_the_debounce()
    {
        var start = _h.Now;
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(start + 300);
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(start + 600);
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(start + 1550);
        Assert.Empty(_h.Commands);

        _h.RunUntil(start + 1600);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        _h.RunUntil(start + 10_000);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
    }

    [Fact]
    public void A_steady_stream_of_updates_cannot_starve_the_sync()
    {
        var start = _h.Now;
        for (var t = start; t <= start + 2900; t += 100)
        {
            _h.Now = t;
            _h.Request(_btc, StopSyncReasons.PositionUpdate);
            _h.Timer();
        }

        Assert.Empty(_h.Commands);
        _h.Now = start + StopSyncScheduler.MaxDeferralMs;
        _h.Timer();
        Assert.Single(_h.Sent(CommandKind.ScanStops));
    }

    [Fact]
    public void Startup_runs_at_once_and_other_reasons_after_200_ms()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        Assert.Single(_h.InFlight);
        _h.Settle();

        var start = _h.Now;
        _h.Request(_btc, StopSyncReasons.OwnStopUpdate);
        _h.RunUntil(start + 150);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        _h.RunUntil(start + 200);
        Assert.Equal(2, _h.Sent(CommandKind.ScanStops).Count());
    }

    [Fact]
    public void A_request_during_a_running_sync_never_interrupts_it_and_runs_it_again_after()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        var scan = Assert.Single(_h.InFlight);

        // While the scan is out: more requests, and time passes beyond every debounce. Nothing new goes out.
        _h.Request(_btc, StopSyncReasons.OwnStopUpdate);
        _h.Now += 100;
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        for (var i = 0; i < 40; i++)
        {
            _h.Now += 100;
            _h.Timer();
        }

        Assert.Equal([scan], _h.InFlight);
        Assert.True(_h.Stops.IsSyncing(_btc));

        Assert.True(_h.AnswerOne()); // scan → placement out
        Assert.Equal(CommandKind.PlaceStop, Assert.Single(_h.InFlight).Kind);
        _h.Now += 5000;
        _h.Timer();
        Assert.Equal(CommandKind.PlaceStop, Assert.Single(_h.InFlight).Kind); // still the same sync

        _h.Settle(); // placement acknowledged → sync complete → the request made meanwhile is pending
        Assert.False(_h.Stops.IsSyncing(_btc));
        var completedAt = _h.Now;
        _h.RunUntil(completedAt + 999);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        _h.RunUntil(completedAt + 1000); // the latest reason (position_update) keeps its debounce
        Assert.Equal(StopSyncReasons.PositionUpdate, _h.Sent(CommandKind.ScanStops).Last().Reason);
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
    }

    [Fact]
    public void IsIdle_is_false_from_the_request_until_the_sync_has_completed()
    {
        Assert.True(_h.Stops.IsIdle(_btc));
        _h.Request(_btc, StopSyncReasons.Startup);
        Assert.False(_h.Stops.IsIdle(_btc)); // pending
        _h.Timer();
        Assert.False(_h.Stops.IsIdle(_btc)); // scanning
        Assert.True(_h.AnswerOne());
        Assert.False(_h.Stops.IsIdle(_btc)); // placement in flight
        Assert.Equal(0, _h.Stops.CompletedSyncs(_btc));
        _h.Settle();
        Assert.True(_h.Stops.IsIdle(_btc));
        Assert.Equal(1, _h.Stops.CompletedSyncs(_btc));
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
    }

    [Fact]
    public void A_failed_sync_counts_as_completed_while_its_retry_is_pending()
    {
        _h.PlaceErrorCode = _ => -2021;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        Assert.Equal(1, _h.Stops.CompletedSyncs(_btc));
        Assert.False(_h.Stops.IsIdle(_btc)); // the retry is pending
        Assert.Contains("place_failed", _h.StopEvents());
    }

    [Fact]
    public void HoldNewSyncs_keeps_due_syncs_pending_but_lets_a_running_replace_finish()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        var placed = Assert.Single(_h.Sent(CommandKind.PlaceStop));

        // The liquidation price rises: a replace starts (cancel out), then shutdown holds new syncs.
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 101m, mark: 110m);
        _h.Request(_btc, StopSyncReasons.Calibration);
        _h.Timer();
        Assert.True(_h.AnswerOne()); // scan → cancel for replace out
        Assert.Equal(CommandKind.CancelStop, Assert.Single(_h.InFlight).Kind);
        _h.Stops.HoldNewSyncs = true;
        _h.Settle(); // cancel answered → the placement still goes out and completes
        var replacement = _h.Sent(CommandKind.PlaceStop).Last();
        Assert.NotEqual(placed.ClientOrderId, replacement.ClientOrderId);
        Assert.True(replacement.TriggerPrice > placed.TriggerPrice);

        // A new request while held: nothing starts, however long we wait.
        var scans = _h.Sent(CommandKind.ScanStops).Count();
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(_h.Now + 10_000);
        Assert.Equal(scans, _h.Sent(CommandKind.ScanStops).Count());
        Assert.False(_h.Stops.IsIdle(_btc));

        _h.Stops.HoldNewSyncs = false;
        _h.RunUntil(_h.Now + 100);
        Assert.Equal(scans + 1, _h.Sent(CommandKind.ScanStops).Count());
        Assert.True(_h.Stops.IsIdle(_btc));
    }

    [Fact]
    public void Two_symbols_sync_independently_each_one_at_a_time()
    {
        var eth = _h.Source.Add("ETHUSDT", 0.01m);
        _h.Source.Set(eth, PositionSide.Short, -2m, liq: 4000m, mark: 3000m);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Request(eth, StopSyncReasons.Startup);
        _h.Timer();
        Assert.Equal([_btc, eth], _h.InFlight.Select(c => c.Symbol).Order());
        _h.Settle();
        Assert.Equal(2, _h.Sent(CommandKind.PlaceStop).Count());
        Assert.Equal(3960.39m, _h.Sent(CommandKind.PlaceStop).Single(c => c.Symbol == eth).TriggerPrice);
    }

    [Fact]
    public void A_failed_scan_aborts_and_retries_later()
    {
        _h.FailScans = true;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + ProtectiveStopCoordinator.FailureRetryDelayMs - 100);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        Assert.Equal(["scan_failed"], _h.StopEvents());
        Assert.False(_h.Stops.IsSyncing(_btc));

        _h.FailScans = false;
        _h.RunUntil(_h.Now + 300);
        Assert.Equal(ProtectiveStopCoordinator.RetryAfterFailure, _h.Sent(CommandKind.ScanStops).Last().Reason);
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
    }

    [Fact]
    public void A_failed_placement_is_logged_with_its_code_and_retried()
    {
        _h.PlaceErrorCode = _ => -2021;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        var failed = _h.Events.Single(e => e.Reason == "place_failed");
        Assert.Equal(-2021, failed.Code);
        Assert.True(failed.IsRisk);
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
        Assert.Empty(_h.Orders(_btc));

        _h.PlaceErrorCode = null;
        _h.RunUntil(_h.Now + ProtectiveStopCoordinator.FailureRetryDelayMs + 200);
        Assert.Equal(2, _h.Sent(CommandKind.PlaceStop).Count());
        Assert.Single(_h.Orders(_btc));
        Assert.True(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
    }

    [Fact]
    public void Repeated_failures_back_off_and_a_clean_sync_resets_the_delay()
    {
        Assert.Equal([5000, 10_000, 20_000, 40_000, 60_000, 60_000], Enumerable.Range(1, 6).Select(ProtectiveStopCoordinator.RetryDelayMs));

        var start = _h.Now;
        _h.PlaceErrorCode = _ => -4130;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(start + 200_000, stepMs: 100);
        var attempts = _h.Sent(CommandKind.PlaceStop).Select(c => _h.Events.First(e => e.Reason == "place_failed" && e.ClientOrderId == c.ClientOrderId).TimeMs - start);
        Assert.Equal([0L, 5000, 15_000, 35_000, 75_000, 135_000, 195_000], attempts);

        _h.PlaceErrorCode = null;
        _h.RunUntil(start + 300_000, stepMs: 100);
        Assert.Single(_h.Orders(_btc));

        // A new failure after the clean sync starts again at 5 s.
        _h.Orders(_btc).Clear();
        _h.PlaceErrorCode = _ => -2021;
        _h.Request(_btc, StopSyncReasons.Calibration);
        _h.RunUntil(_h.Now + 5_100, stepMs: 100);
        Assert.Equal(2, _h.Events.Count(e => e.Reason == "place_failed" && e.Code == -2021));
    }

    [Fact]
    public void An_unanswered_command_stalls_the_sync_only_until_the_guard_and_a_late_answer_is_ignored()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        Assert.True(_h.AnswerOne());
        var place = Assert.Single(_h.InFlight); // never answered

        _h.Now += ProtectiveStopCoordinator.StallTimeoutMs;
        _h.Stops.OnTimer(_h.Now, _h.Out);
        Assert.Contains(_h.Out.Events.ToArray(), e => e.Reason == "sync_stalled");
        Assert.Empty(_h.Out.Commands.ToArray());
        _h.Out.Clear();
        Assert.False(_h.Stops.IsSyncing(_btc));

        // The answer arrives after all: nothing happens, the memory stays empty, the retry's scan adopts the stop.
        _h.Stops.OnStopCommandResult(place, StopCommandResult.Placed(4242), _h.Now, _h.WallMicros, _h.Out);
        Assert.Empty(_h.Out.Commands.ToArray());
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
        _h.Orders(_btc).Add(new ScannedOrder(OrderBook.Algo, 4242, place.ClientOrderId, OrderKind.StopMarket, PositionSide.Long, true, false, place.TriggerPrice));

        _h.RunUntil(_h.Now + ProtectiveStopCoordinator.FailureRetryDelayMs + 200);
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(4242, _h.Stops.Memory(_btc, PositionSide.Long).AlgoId);
        Assert.Equal("adopt_existing", _h.StopEvents().Last());
    }

    [Fact]
    public void A_stale_scan_answer_is_ignored()
    {
        _h.Stops.OnStopScan(_btc, [], normalFetchFailed: false, _h.Now, _h.WallMicros, _h.Out);
        Assert.Empty(_h.Out.Commands.ToArray());
        Assert.Empty(_h.Out.Events.ToArray());
    }

    [Fact]
    public void Our_stop_cancelled_in_the_app_is_forgotten_and_replaced()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        var ours = Assert.Single(_h.Orders(_btc));
        _h.Orders(_btc).Clear();

        _h.UserEvent(StopHarness.Event(_btc, ours, terminal: true));
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
        Assert.Contains("own_stop_terminal", _h.StopEvents());
        _h.RunUntil(_h.Now + 200);
        Assert.Equal(StopSyncReasons.OwnStopUpdate, _h.Sent(CommandKind.ScanStops).Last().Reason);
        Assert.Equal(2, _h.Sent(CommandKind.PlaceStop).Count());
    }

    [Fact]
    public void A_non_terminal_event_of_our_stop_requests_nothing()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        _h.UserEvent(StopHarness.Event(_btc, _h.Orders(_btc)[0], terminal: false));
        _h.RunUntil(_h.Now + 5000);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
    }

    [Fact]
    public void User_events_that_beat_the_rest_answers_of_a_replace_cause_no_extra_sync()
    {
        _h.UserEventsBeforeResult = true;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);

        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 101m, mark: 110m);
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(_h.Now + 10_000);

        Assert.Equal(2, _h.Sent(CommandKind.ScanStops).Count());
        Assert.Equal([101.1m, 102.1m], _h.Sent(CommandKind.PlaceStop).Select(c => c.TriggerPrice));
        Assert.DoesNotContain("own_stop_terminal", _h.StopEvents());
        var memory = _h.Stops.Memory(_btc, PositionSide.Long);
        Assert.Equal(102.1m, memory.TriggerPrice);
        Assert.Equal(101m, memory.LiquidationAtPlacement);
    }

    [Fact]
    public void Our_placement_reported_terminal_before_its_answer_is_not_kept()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        Assert.True(_h.AnswerOne());
        var place = Assert.Single(_h.InFlight);

        // ALGO_UPDATE REJECTED for it beats the REST answer.
        var rejected = new StopOrderEvent(_btc, PositionSide.Long, OrderBook.Algo, 9001, place.ClientOrderId, OrderKind.StopMarket, true, false, IsTerminal: true);
        _h.UserEvent(rejected);
        Assert.True(_h.AnswerOne());
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);

        _h.Orders(_btc).Clear(); // the exchange dropped it
        _h.RunUntil(_h.Now + 200);
        Assert.Equal(2, _h.Sent(CommandKind.PlaceStop).Count());
    }

    [Fact]
    public void External_stop_event_for_one_leg_latches_only_that_leg_and_other_orders_are_ignored()
    {
        _h.UserEvent(new StopOrderEvent(_btc, PositionSide.Short, OrderBook.Algo, 1, ClientOrderId.Parse("x1"), OrderKind.StopMarket, true, false, false));
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Short));
        Assert.False(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));

        // A stop that neither closes nor reduces is no takeover.
        _h.UserEvent(new StopOrderEvent(_btc, PositionSide.Long, OrderBook.Normal, 2, ClientOrderId.Parse("x2"), OrderKind.StopMarket, false, false, false));
        Assert.False(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
        _h.RunUntil(_h.Now + 1000);
        Assert.Empty(_h.Commands);
    }

    [Fact]
    public void Position_gone_cancels_our_stop_and_clears_the_latch()
    {
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        _h.UserEvent(new StopOrderEvent(_btc, PositionSide.Long, OrderBook.Algo, 1, ClientOrderId.Parse("x1"), OrderKind.StopMarket, true, false, false));
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));

        _h.Source.Set(_btc, PositionSide.Long, 0m, liq: null, mark: 110m);
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(_h.Now + 1100);
        Assert.Equal("cancel_no_position", Assert.Single(_h.Sent(CommandKind.CancelStop)).Reason);
        Assert.Empty(_h.Orders(_btc));
        Assert.False(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
    }

    // P16: the loosen cooldown survives a tighten whose cancel event beats the cancel's REST answer.
    [Fact]
    public void The_loosen_cooldown_survives_a_replace_raced_by_its_own_cancel_event()
    {
        _h.UserEventsBeforeResult = true;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100); // 101.1 at liq 100

        _h.Now += 60_000;
        Resync(liq: 99m); // 1 % better: loosen to 100.0
        Assert.Equal(100.0m, _h.Sent(CommandKind.PlaceStop).Last().TriggerPrice);
        Assert.Equal("replace_loosen_on_liq_improve", _h.Sent(CommandKind.PlaceStop).Last().Reason);

        Resync(liq: 99.5m); // desired 100.6: tighten
        Assert.Equal("replace_tighten", _h.Sent(CommandKind.PlaceStop).Last().Reason);

        Resync(liq: 98m); // 1.5 % better than 99.5, but only ~4 s after the last loosen: kept
        Assert.Equal(3, _h.Sent(CommandKind.PlaceStop).Count());
        Assert.Equal(100.6m, Assert.Single(_h.Orders(_btc)).TriggerPrice);
    }

    private void Resync(decimal liq)
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq, mark: 110m);
        _h.Request(_btc, StopSyncReasons.PositionRefresh);
        _h.RunUntil(_h.Now + 1000);
    }
}
