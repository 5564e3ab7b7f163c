using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using static Vq.Core.Tests.Risk.StopTestKit;

namespace Vq.Core.Tests.Risk;

public class ExternalTakeoverLatchTests
{
    private static readonly ExternalTakeoverSettings s_settings = new(); // 30 s verify, 300 s max hold

    [Fact]
    public void Ws_report_latches_and_terminal_asks_for_a_verify_once()
    {
        var latch = new ExternalTakeoverLatch(s_settings);
        Assert.Equal(TakeoverChange.Latched, latch.OnExternalStopReported(terminal: false, 1000));
        Assert.Equal(TakeoverChange.None, latch.OnExternalStopReported(terminal: false, 1100));
        Assert.True(latch.IsLatched);

        Assert.Equal(TakeoverChange.VerifyRequested, latch.OnExternalStopReported(terminal: true, 2000));
        Assert.Equal(TakeoverChange.None, latch.OnExternalStopReported(terminal: true, 2001));
        Assert.True(latch.PendingRelease);
        Assert.True(latch.IsLatched);
        Assert.True(latch.IsVerifyDue(2001));
    }

    [Fact]
    public void Terminal_report_without_a_latch_does_nothing()
    {
        var latch = new ExternalTakeoverLatch(s_settings);
        Assert.Equal(TakeoverChange.None, latch.OnExternalStopReported(terminal: true, 0));
        Assert.False(latch.PendingRelease);
    }

    [Fact]
    public void Release_needs_an_empty_scan_and_either_a_pending_release_or_30_s_unseen()
    {
        var latch = new ExternalTakeoverLatch(s_settings);
        latch.OnExternalStopReported(terminal: false, 0);

        // Not visible in REST yet, seen 10 s ago, nothing pending: hold.
        Assert.Equal(TakeoverChange.None, latch.OnRestScan(externalPresent: false, 10_000));
        Assert.True(latch.IsLatched);

        // Unseen for 30 s: release.
        Assert.Equal(TakeoverChange.Released, latch.OnRestScan(externalPresent: false, 30_000));
        Assert.False(latch.IsLatched);

        // REST sees one: latch; a pending release is then released by the next empty scan.
        Assert.Equal(TakeoverChange.Latched, latch.OnRestScan(externalPresent: true, 40_000));
        latch.OnExternalStopReported(terminal: true, 41_000);
        Assert.Equal(TakeoverChange.Released, latch.OnRestScan(externalPresent: false, 41_500));
    }

    [Fact]
    public void A_scan_that_still_shows_the_order_cancels_the_pending_release()
    {
        var latch = new ExternalTakeoverLatch(s_settings);
        latch.OnExternalStopReported(terminal: false, 0);
        latch.OnExternalStopReported(terminal: true, 1000);
        Assert.Equal(TakeoverChange.None, latch.OnRestScan(externalPresent: true, 1200));
        Assert.False(latch.PendingRelease);
        Assert.True(latch.IsLatched);
    }

    [Fact]
    public void Verify_every_30_s_then_every_5_s_after_max_hold()
    {
        var latch = new ExternalTakeoverLatch(s_settings);
        latch.OnRestScan(externalPresent: true, 0);
        Assert.Equal(30_000, latch.NextVerifyAtMs);
        Assert.False(latch.IsVerifyDue(29_999));
        Assert.True(latch.IsVerifyDue(30_000));

        latch.OnRestScan(externalPresent: true, 290_000);
        Assert.Equal(300_000, latch.NextVerifyAtMs); // the long-hold cadence starts at max_hold_s
        latch.OnRestScan(externalPresent: true, 300_000);
        Assert.Equal(305_000, latch.NextVerifyAtMs);
    }

    [Fact]
    public void Report_without_position_side_latches_both_legs()
    {
        var longLeg = new ExternalTakeoverLatch(s_settings);
        var shortLeg = new ExternalTakeoverLatch(s_settings);
        Assert.Equal(TakeoverChange.Latched, ExternalTakeoverLatch.Report(longLeg, shortLeg, null, terminal: false, 0));
        Assert.True(longLeg.IsLatched && shortLeg.IsLatched);

        Assert.Equal(TakeoverChange.VerifyRequested, ExternalTakeoverLatch.Report(longLeg, shortLeg, PositionSide.Short, terminal: true, 10));
        Assert.False(longLeg.PendingRelease);
        Assert.True(shortLeg.PendingRelease);
    }

    [Fact]
    public void Not_latched_needs_no_verify_and_disabled_never_latches()
    {
        Assert.Null(new ExternalTakeoverLatch(s_settings).NextVerifyAtMs);
        var disabled = new ExternalTakeoverLatch(s_settings with { Enabled = false });
        Assert.Equal(TakeoverChange.None, disabled.OnExternalStopReported(terminal: false, 0));
        Assert.Equal(TakeoverChange.None, disabled.OnRestScan(externalPresent: true, 0));
        Assert.False(disabled.IsLatched);
    }

    [Fact]
    public void Retained_external_stop_ignores_invalid_ones_about_to_be_cancelled()
    {
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        var identity = Identity(PositionSide.Long);
        var memory = new ProtectiveStopMemory();
        Assert.True(ProtectiveStopPlanner.HasRetainedExternalStop(leg, identity, Defaults, [External(PositionSide.Long, 1, 101m)], memory));
        Assert.False(ProtectiveStopPlanner.HasRetainedExternalStop(leg, identity, Defaults, [External(PositionSide.Long, 1, 99m)], memory));
        Assert.False(ProtectiveStopPlanner.HasRetainedExternalStop(leg, identity, Defaults, [Own(PositionSide.Long, 2, 101.1m)], memory));

        var alertOnly = Defaults with { ExternalTakeover = Defaults.ExternalTakeover with { CancelInvalid = false } };
        Assert.True(ProtectiveStopPlanner.HasRetainedExternalStop(leg, identity, alertOnly, [External(PositionSide.Long, 1, 99m)], memory));
    }

    // SPEC §9.14 #125, end to end through the classifier, the latch, the scheduler and the planner.
    [Fact]
    public void Scenario_125_ws_latch_then_terminal_verify_release_and_resync_places_our_stop()
    {
        const string symbol = "BTCUSDT";
        var latch = new ExternalTakeoverLatch(s_settings);
        var scheduler = new StopSyncScheduler();
        var memory = new ProtectiveStopMemory();
        var leg = Leg(PositionSide.Long, 1m, liq: 100m, mark: 110m);
        var identity = Identity(PositionSide.Long);

        // ALGO_UPDATE {o STOP, ps LONG, X NEW, cp true, caid external}.
        Assert.False(identity.IsOwn(ClientOrderId.Parse("external")));
        Assert.True(OrderKinds.IsExternalStop(OrderKinds.FromWireName("STOP"u8), closePosition: true, reduceOnly: false));
        Assert.Equal(TakeoverChange.Latched, latch.OnExternalStopReported(terminal: false, 1000));

        // A sync now (REST does not list the new order yet) does nothing.
        scheduler.Request(symbol, StopSyncReasons.PositionUpdate, 1000);
        Assert.True(scheduler.TryStartDue(2000, out _, out _));
        Assert.Equal(TakeoverChange.None, latch.OnRestScan(ProtectiveStopPlanner.HasRetainedExternalStop(leg, identity, Defaults, [], memory), 2000));
        var frozen = Assert.Single(Plan(leg, memory, [], latched: latch.IsLatched, now: 2000));
        Assert.Equal(StopReason.SkipExternalTakeoverLatched, frozen.Reason);
        Execute([frozen], memory, 2000);
        scheduler.Complete(symbol, 2000);

        // X CANCELED → pending release and a verify sync.
        Assert.Equal(TakeoverChange.VerifyRequested, latch.OnExternalStopReported(terminal: true, 3000));
        Assert.True(scheduler.Request(symbol, StopSyncReasons.ExternalVerify, 3000));
        Assert.True(scheduler.TryStartDue(3200, out _, out var reason));
        Assert.Equal(StopSyncReasons.ExternalVerify, reason);

        // REST finds no external stop → released; the release asks for an immediate resync.
        Assert.Equal(TakeoverChange.Released, latch.OnRestScan(externalPresent: false, 3200));
        Assert.True(scheduler.Request(symbol, StopSyncReasons.ExternalRelease, 3200));
        var placed = Execute(Plan(leg, memory, [], latched: latch.IsLatched, now: 3200), memory, 3200, nextAlgoId: 77);
        Assert.Equal(101.1m, Assert.Single(placed).TriggerPrice);
        scheduler.Complete(symbol, 3300);

        // The resync runs after the running one, and finds our stop in place.
        Assert.True(scheduler.TryStartDue(3500, out _, out reason));
        Assert.Equal(StopSyncReasons.ExternalRelease, reason);
        var resync = Assert.Single(Plan(leg, memory, [Listed(placed[0], 77)], latched: latch.IsLatched, now: 3500));
        Assert.Equal(StopReason.KeepUnchanged, resync.Reason);
    }
}
