using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Stops;

/// <summary>SPEC §9.14 end to end through commands: the coordinator against a fake exchange, as the host drives it.</summary>
public class CoordinatorScenarioTests
{
    private readonly StopHarness _h = new();
    private readonly int _btc;

    public CoordinatorScenarioTests()
    {
        _btc = _h.Source.Add("BTCUSDT", 0.1m);
    }

    // SPEC §9.14 #115
    [Fact]
    public void Scenario_115_one_placement_with_the_right_fields()
    {
        _h.Source.Set(_btc, PositionSide.Long, 0.01m, liq: 100m, mark: 110m);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        Assert.Equal(CommandKind.ScanStops, Assert.Single(_h.InFlight).Kind);
        _h.Settle();

        var place = Assert.Single(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(_btc, place.Symbol);
        Assert.Equal(PositionSide.Long, place.Side);
        Assert.Equal(OrderSide.Sell, place.OrderSide);
        Assert.Equal(101.1m, place.TriggerPrice);
        Assert.Equal(OrderBook.Algo, place.Book);
        Assert.True(place.IsRisk);
        Assert.Equal(0m, place.Qty);
        Assert.Equal("place_or_update", place.Reason);
        var id = place.ClientOrderId.ToString();
        Assert.StartsWith("vq-ps-btcusdt-L-", id, StringComparison.Ordinal);
        Assert.True(id.Length <= ClientOrderId.MaxLength);
        Assert.Equal(["place_or_update"], _h.StopEvents());

        var resting = Assert.Single(_h.Orders(_btc));
        var memory = _h.Stops.Memory(_btc, PositionSide.Long);
        Assert.True(memory.HasStop);
        Assert.Equal(resting.OrderId, memory.AlgoId);
        Assert.Equal(101.1m, memory.TriggerPrice);
        Assert.False(_h.Stops.IsSyncing(_btc));

        // The next sync finds it in place: a scan and nothing else.
        _h.Request(_btc, StopSyncReasons.Calibration);
        _h.Timer();
        _h.Settle();
        Assert.Equal([CommandKind.ScanStops, CommandKind.PlaceStop, CommandKind.ScanStops], _h.Commands.Select(c => c.Kind));
        Assert.Single(_h.Orders(_btc));
    }

    // SPEC §9.14 #116
    [Fact]
    public void Scenario_116_own_stop_without_a_position_is_cancelled_on_the_algo_book()
    {
        _h.AddOwnStop(_btc, PositionSide.Long, 123, 101.1m);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.Timer();
        _h.Settle();

        var cancel = Assert.Single(_h.Sent(CommandKind.CancelStop));
        Assert.Equal(OrderBook.Algo, cancel.Book);
        Assert.Equal(123, cancel.OrderId);
        Assert.Equal(PositionSide.Long, cancel.Side);
        Assert.Empty(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(["cancel_no_position"], _h.StopEvents());
        Assert.Empty(_h.Orders(_btc));
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
    }

    // SPEC §9.14 #118
    [Fact]
    public void Scenario_118_float_formatted_trigger_does_not_churn()
    {
        var xrp = _h.Source.Add("XRPUSDT", 0.001m);
        _h.Source.Set(xrp, PositionSide.Short, -5m, liq: 8.34967m, mark: 8.0m); // desired floorTick(8.34967 / 1.01) = 8.267
        _h.AddOwnStop(xrp, PositionSide.Short, 77, 8.266999999999999m);

        _h.Request(xrp, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 500);
        Assert.Equal(["adopt_existing"], _h.StopEvents());

        for (var i = 0; i < 3; i++)
        {
            _h.Request(xrp, StopSyncReasons.PositionUpdate);
            _h.RunUntil(_h.Now + 1500);
        }

        Assert.All(_h.Commands, c => Assert.Equal(CommandKind.ScanStops, c.Kind));
        Assert.Equal(4, _h.Commands.Count);
        Assert.Equal(["adopt_existing"], _h.StopEvents());
        Assert.Equal(77, _h.Stops.Memory(xrp, PositionSide.Short).AlgoId);
    }

    // SPEC §9.14 #119
    [Fact]
    public void Scenario_119_tighten_only_then_cancel_first_and_place_after_the_answer()
    {
        _h.Source.StopSettings = _h.Source.StopSettings with { DistToLiq = 0.005m };
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m); // desired 100.6: looser than the listed 101.1
        _h.AddOwnStop(_btc, PositionSide.Long, 123, 101.1m);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 200);
        Assert.Equal(["keep_existing_tighter"], _h.StopEvents());
        Assert.Empty(_h.Sent(CommandKind.CancelStop));

        // Liq rises to 101 at D 0.01 → desired 102.1: cancel 123, and only after its answer place 102.1.
        _h.Source.StopSettings = _h.Source.StopSettings with { DistToLiq = 0.01m };
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 101m, mark: 110m);
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.Now += 1000;
        _h.Timer();
        Assert.True(_h.AnswerOne()); // the scan
        var cancel = Assert.Single(_h.InFlight);
        Assert.Equal(CommandKind.CancelStop, cancel.Kind);
        Assert.Equal(123, cancel.OrderId);
        Assert.Equal(OrderBook.Algo, cancel.Book);
        Assert.Equal("cancel_for_replace", cancel.Reason);

        Assert.True(_h.AnswerOne()); // the cancel
        var place = Assert.Single(_h.InFlight);
        Assert.Equal(CommandKind.PlaceStop, place.Kind);
        Assert.Equal(102.1m, place.TriggerPrice);
        Assert.Equal("replace_tighten", place.Reason);
        _h.Settle();

        Assert.Equal(102.1m, Assert.Single(_h.Orders(_btc)).TriggerPrice);
        Assert.Equal(["keep_existing_tighter", "cancel_for_replace", "replace_tighten"], _h.StopEvents());
        Assert.False(_h.Stops.IsSyncing(_btc));
    }

    // SPEC §9.14 #119, P16: if cancelling the old stop fails, never place a new one.
    [Fact]
    public void Scenario_119_a_failed_cancel_means_no_placement_and_a_later_retry()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 101m, mark: 110m);
        _h.AddOwnStop(_btc, PositionSide.Long, 123, 101.1m);
        _h.CancelFails = _ => true;
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + ProtectiveStopCoordinator.FailureRetryDelayMs - 100);

        Assert.Single(_h.Sent(CommandKind.CancelStop));
        Assert.Empty(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(["cancel_for_replace_failed"], _h.StopEvents());
        var failed = _h.Events.Single(e => e.Reason == "cancel_for_replace_failed");
        Assert.Equal(-1001, failed.Code);
        Assert.True(failed.IsRisk);
        Assert.Equal(101.1m, Assert.Single(_h.Orders(_btc)).TriggerPrice); // the old stop still protects

        // The retry: it fails again (still no placement), then succeeds and replaces.
        _h.RunUntil(_h.Now + 200);
        Assert.Equal(2, _h.Sent(CommandKind.CancelStop).Count());
        Assert.Empty(_h.Sent(CommandKind.PlaceStop));

        _h.CancelFails = null;
        _h.RunUntil(_h.Now + ProtectiveStopCoordinator.RetryDelayMs(2) + 200);
        Assert.Equal(102.1m, Assert.Single(_h.Sent(CommandKind.PlaceStop)).TriggerPrice);
        Assert.Equal(102.1m, Assert.Single(_h.Orders(_btc)).TriggerPrice);
    }

    // SPEC §9.14 #121
    [Fact]
    public void Scenario_121_wrong_side_liquidation_skips_and_logs_once()
    {
        // Mark 110: LONG liq 120 ≥ mark and SHORT liq 90 ≤ mark are both on the wrong side.
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 120m, mark: 110m);
        _h.Source.Set(_btc, PositionSide.Short, -1m, liq: 90m, mark: 110m);
        for (var i = 0; i < 3; i++)
        {
            _h.Request(_btc, StopSyncReasons.PositionRefresh);
            _h.RunUntil(_h.Now + 500);
        }

        Assert.Empty(_h.Sent(CommandKind.PlaceStop));
        var skips = _h.Events.Where(e => e.Reason == "skip_liq_wrong_side").ToList();
        Assert.Equal([PositionSide.Long, PositionSide.Short], skips.Select(e => e.Side));

        // Mark unknown → proceed.
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 120m, mark: null);
        _h.Source.Set(_btc, PositionSide.Short, -1m, liq: 90m, mark: null);
        _h.Request(_btc, StopSyncReasons.PositionRefresh);
        _h.RunUntil(_h.Now + 500);
        var placed = _h.Sent(CommandKind.PlaceStop).ToList();
        Assert.Equal([121.3m, 89.1m], placed.Select(p => p.TriggerPrice));
        Assert.Equal([OrderSide.Sell, OrderSide.Buy], placed.Select(p => p.OrderSide));
        Assert.StartsWith("vq-ps-btcusdt-S-", placed[1].ClientOrderId.ToString(), StringComparison.Ordinal);
    }

    // SPEC §9.14 #122
    [Fact]
    public void Scenario_122_valid_external_stop_cancels_ours_and_places_nothing()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
        _h.AddOwnStop(_btc, PositionSide.Long, 123, 101.1m);
        _h.AddExternal(_btc, PositionSide.Long, 555, 101m, "ios-abc");
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 200);

        var cancel = Assert.Single(_h.Sent(CommandKind.CancelStop));
        Assert.Equal(123, cancel.OrderId);
        Assert.Equal("cancel_own_due_to_external_stop", cancel.Reason);
        Assert.Contains("cancel_own_due_to_external_stop", _h.StopEvents());
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));

        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(_h.Now + 60_000, stepMs: 500);
        Assert.Empty(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(555, Assert.Single(_h.Orders(_btc)).OrderId);
        Assert.False(_h.Stops.Memory(_btc, PositionSide.Long).HasStop);
    }

    // D6 / P15: an invalid external stop (beyond liq) is cancelled on its own book, and ours is placed.
    [Fact]
    public void Invalid_external_stop_is_cancelled_on_its_book_and_ours_placed()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
        _h.AddExternal(_btc, PositionSide.Long, 56, 99m, "web_x", OrderBook.Normal);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 200);

        var cancel = Assert.Single(_h.Sent(CommandKind.CancelStop));
        Assert.Equal(OrderBook.Normal, cancel.Book);
        Assert.Equal(56, cancel.OrderId);
        Assert.Equal(101.1m, Assert.Single(_h.Sent(CommandKind.PlaceStop)).TriggerPrice);
        Assert.True(_h.Events.Single(e => e.Reason == "cancel_invalid_external_stop").IsRisk);
    }

    // SPEC §9.14 #125
    [Fact]
    public void Scenario_125_latch_by_algo_update_release_by_rest_then_our_stop_comes_back()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
        var external = new StopOrderEvent(_btc, PositionSide.Long, OrderBook.Algo, 777, ClientOrderId.Parse("external"), OrderKind.Stop,
            ClosePosition: true, ReduceOnly: false, IsTerminal: false);
        _h.UserEvent(external);
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
        Assert.Equal(["external_takeover_latched"], _h.StopEvents());

        // REST does not list it yet: the latched leg is frozen.
        _h.Request(_btc, StopSyncReasons.PositionUpdate);
        _h.RunUntil(_h.Now + 1500);
        Assert.Single(_h.Sent(CommandKind.ScanStops));
        Assert.Empty(_h.Sent(CommandKind.PlaceStop));
        Assert.Contains("skip_external_takeover_latched", _h.StopEvents());

        // X CANCELED → pending release and a verify sync; REST finds nothing → release → our stop is placed.
        _h.UserEvent(external with { IsTerminal = true });
        _h.RunUntil(_h.Now + 200);
        Assert.False(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
        var scans = _h.Sent(CommandKind.ScanStops).ToList();
        Assert.Equal(StopSyncReasons.ExternalVerify, scans[1].Reason);
        var place = Assert.Single(_h.Sent(CommandKind.PlaceStop));
        Assert.Equal(101.1m, place.TriggerPrice);
        var events = _h.StopEvents().ToList();
        Assert.True(events.IndexOf("external_takeover_released") < events.IndexOf("place_or_update"));

        // The immediate resync asked for by the release runs and finds our stop.
        _h.RunUntil(_h.Now + 300);
        Assert.Equal(StopSyncReasons.ExternalRelease, _h.Sent(CommandKind.ScanStops).Last().Reason);
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
    }

    // P14: while latched, a verify scan runs every rest_verify_interval_s; nothing seen for that long → release.
    [Fact]
    public void Latch_without_a_terminal_event_is_verified_periodically_and_released()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
        _h.UserEvent(new StopOrderEvent(_btc, null, OrderBook.Normal, 5, ClientOrderId.Parse("app1"), OrderKind.TakeProfitMarket, true, false, false));
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
        Assert.True(_h.Stops.IsExternalLatched(_btc, PositionSide.Short)); // ps missing → both legs

        _h.RunUntil(_h.Now + 29_000, stepMs: 500);
        Assert.Empty(_h.Sent(CommandKind.ScanStops));

        _h.RunUntil(_h.Now + 2_000, stepMs: 500);
        // The verify scan releases and places; the release's resync then finds our stop.
        Assert.Equal([StopSyncReasons.ExternalVerify, StopSyncReasons.ExternalRelease], _h.Sent(CommandKind.ScanStops).Select(c => c.Reason));
        Assert.False(_h.Stops.IsExternalLatched(_btc, PositionSide.Long));
        Assert.Equal(101.1m, Assert.Single(_h.Sent(CommandKind.PlaceStop)).TriggerPrice);
    }

    // SPEC §9.14 #127
    [Theory]
    [InlineData("BTCUSDT", "vq-ps-btcusdt-S")]
    [InlineData("1000VERYLONGNAMEDCOINUSDT", null)] // prefix would be ≥ 30 characters: hashed
    public void Scenario_127_ids_fit_and_are_recognised_after_a_restart(string symbol, string? expectedPrefix)
    {
        var s = _h.Source.Add(symbol, 0.1m);
        _h.Source.Set(s, PositionSide.Short, -1m, liq: 100m, mark: 90m);
        _h.Request(s, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        var id = Assert.Single(_h.Sent(CommandKind.PlaceStop)).ClientOrderId.ToString();
        Assert.True(id.Length <= ClientOrderId.MaxLength);
        var prefix = ProtectiveStopIdentity.BuildPrefix(symbol, PositionSide.Short);
        Assert.StartsWith(prefix + "-", id, StringComparison.Ordinal);
        if (expectedPrefix is not null)
        {
            Assert.Equal(expectedPrefix, prefix);
        }
        else
        {
            Assert.Equal("vq-ps-".Length + 7 + 2, prefix.Length);
        }

        var algoId = Assert.Single(_h.Orders(s)).OrderId;
        _h.Restart();
        _h.Request(s, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now + 100);
        Assert.Single(_h.Sent(CommandKind.PlaceStop));
        Assert.Empty(_h.Sent(CommandKind.CancelStop));
        Assert.Equal("adopt_existing", _h.StopEvents().Last());
        Assert.Equal(algoId, _h.Stops.Memory(s, PositionSide.Short).AlgoId);
    }

    [Fact]
    public void Ids_stay_unique_across_placements_in_the_same_microsecond()
    {
        _h.Source.Set(_btc, PositionSide.Long, 1m, liq: 100m, mark: 110m);
        _h.Source.Set(_btc, PositionSide.Short, -1m, liq: 120m, mark: 110m);
        _h.Request(_btc, StopSyncReasons.Startup);
        _h.RunUntil(_h.Now);
        var ids = _h.Sent(CommandKind.PlaceStop).Select(c => c.ClientOrderId.ToString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal("0000", ids[0][^4..]);
        Assert.Equal("0001", ids[1][^4..]);
    }
}
