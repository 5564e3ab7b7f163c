using CsCheck;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class StopSyncSchedulerTests
{
    [Theory]
    [InlineData("position_update", 1000)]
    [InlineData("position_update:LONG", 1000)]
    [InlineData("startup", 0)]
    [InlineData("calibration:user_data", 0)]
    [InlineData("own_stop_update", 200)]
    [InlineData("external_verify", 200)]
    public void Debounce_by_reason(string reason, int expected)
    {
        Assert.Equal(expected, StopSyncReasons.DebounceMs(reason));
    }

    [Fact]
    public void Debounced_request_runs_when_due()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.Request("BTCUSDT", StopSyncReasons.PositionUpdate, 0);
        Assert.Equal(1000, scheduler.NextDueAt);
        Assert.False(scheduler.TryStartDue(999, out _, out _));
        Assert.True(scheduler.TryStartDue(1000, out var symbol, out var reason));
        Assert.Equal("BTCUSDT", symbol);
        Assert.Equal(StopSyncReasons.PositionUpdate, reason);
        Assert.Null(scheduler.NextDueAt);
    }

    [Fact]
    public void Newer_request_during_the_debounce_replaces_it()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.Request("BTCUSDT", StopSyncReasons.OwnStopUpdate, 0);
        scheduler.Request("BTCUSDT", StopSyncReasons.PositionUpdate, 100);
        Assert.Equal(1100, scheduler.NextDueAt);
        scheduler.Request("BTCUSDT", StopSyncReasons.Calibration, 150);
        Assert.True(scheduler.TryStartDue(150, out _, out var reason));
        Assert.Equal(StopSyncReasons.Calibration, reason);
        Assert.False(scheduler.TryStartDue(10_000, out _, out _));
    }

    [Fact]
    public void A_stream_of_requests_cannot_postpone_a_sync_forever()
    {
        var scheduler = new StopSyncScheduler();
        for (var t = 0; t <= 2900; t += 100)
        {
            scheduler.Request("BTCUSDT", StopSyncReasons.PositionUpdate, t);
        }

        Assert.Equal(StopSyncScheduler.MaxDeferralMs, scheduler.NextDueAt);
    }

    [Fact]
    public void Running_sync_is_never_interrupted_and_a_newer_request_runs_it_again()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.Request("BTCUSDT", StopSyncReasons.Startup, 0);
        Assert.True(scheduler.TryStartDue(0, out _, out _));

        scheduler.Request("BTCUSDT", StopSyncReasons.OwnStopUpdate, 10);
        scheduler.Request("BTCUSDT", StopSyncReasons.PositionUpdate, 20); // latest reason kept
        Assert.True(scheduler.IsRunning("BTCUSDT"));
        Assert.False(scheduler.TryStartDue(5000, out _, out _)); // never two at once

        scheduler.Complete("BTCUSDT", 500);
        Assert.True(scheduler.IsPending("BTCUSDT"));
        Assert.True(scheduler.TryStartDue(1500, out _, out var reason));
        Assert.Equal(StopSyncReasons.PositionUpdate, reason);
        scheduler.Complete("BTCUSDT", 1600);
        Assert.False(scheduler.IsPending("BTCUSDT"));
        Assert.Null(scheduler.NextDueAt);
    }

    [Fact]
    public void Verify_requests_are_not_queued_twice()
    {
        var scheduler = new StopSyncScheduler();
        Assert.True(scheduler.Request("BTCUSDT", StopSyncReasons.ExternalVerify, 0));
        Assert.False(scheduler.Request("BTCUSDT", StopSyncReasons.ExternalVerify, 50));
        Assert.Equal(200, scheduler.NextDueAt);

        Assert.True(scheduler.TryStartDue(200, out _, out _));
        Assert.True(scheduler.Request("BTCUSDT", StopSyncReasons.ExternalVerify, 210)); // the running scan may predate the event
        Assert.False(scheduler.Request("BTCUSDT", StopSyncReasons.ExternalVerify, 220));
    }

    [Fact]
    public void Symbols_are_independent_and_the_most_overdue_starts_first()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.Request("ETHUSDT", StopSyncReasons.PositionUpdate, 0);
        scheduler.Request("BTCUSDT", StopSyncReasons.OwnStopUpdate, 500);
        Assert.Equal(700, scheduler.NextDueAt);
        Assert.True(scheduler.TryStartDue(2000, out var first, out _));
        Assert.True(scheduler.TryStartDue(2000, out var second, out _));
        Assert.Equal("BTCUSDT", first);
        Assert.Equal("ETHUSDT", second);
    }

    [Fact]
    public void Request_at_waits_until_the_given_time_unless_something_earlier_is_asked()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.RequestAt("BTCUSDT", StopSyncReasons.VisibilityRecheck, notBeforeMs: 5000, nowMs: 1000);
        Assert.Equal(5000, scheduler.NextDueAt);

        scheduler.Request("BTCUSDT", StopSyncReasons.OwnStopUpdate, 2000);
        Assert.Equal(2200, scheduler.NextDueAt);

        scheduler.RequestAt("BTCUSDT", StopSyncReasons.VisibilityRecheck, notBeforeMs: 9000, nowMs: 2100);
        Assert.Equal(2200, scheduler.NextDueAt); // the earlier pending sync does the work
    }

    [Fact]
    public void Request_at_during_a_run_keeps_its_time_for_the_rerun()
    {
        var scheduler = new StopSyncScheduler();
        scheduler.Request("BTCUSDT", StopSyncReasons.Startup, 0);
        Assert.True(scheduler.TryStartDue(0, out _, out _));
        scheduler.RequestAt("BTCUSDT", StopSyncReasons.VisibilityRecheck, notBeforeMs: 5000, nowMs: 100);
        scheduler.Complete("BTCUSDT", 200);
        Assert.Equal(5000, scheduler.NextDueAt);

        // A plain request during a run is not held back by an earlier RequestAt.
        Assert.True(scheduler.TryStartDue(5000, out _, out _));
        scheduler.RequestAt("BTCUSDT", StopSyncReasons.VisibilityRecheck, notBeforeMs: 20_000, nowMs: 5100);
        scheduler.Request("BTCUSDT", StopSyncReasons.OwnStopUpdate, 5200);
        scheduler.Complete("BTCUSDT", 5300);
        Assert.Equal(5500, scheduler.NextDueAt);
    }

    [Fact]
    public void Completing_a_sync_that_is_not_running_is_a_bug()
    {
        Assert.Throws<InvalidOperationException>(() => new StopSyncScheduler().Complete("BTCUSDT", 0));
    }

    [Fact]
    public void Property_never_two_at_once_and_no_request_is_lost()
    {
        // Ops: 0 request position_update, 1 request own_stop_update, 2 request verify, 3 start, 4 complete; symbol 0..1; time step.
        var op = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1], Gen.Int[0, 700]);
        op.Array[1, 80].Sample(ops =>
        {
            string[] symbols = ["BTCUSDT", "ETHUSDT"];
            var scheduler = new StopSyncScheduler();
            var running = new bool[2];
            var owed = new bool[2]; // a request arrived after the last sync of that symbol started
            long now = 0;
            foreach (var (kind, s, step) in ops)
            {
                now += step;
                switch (kind)
                {
                    case <= 2:
                        var reason = kind switch { 0 => StopSyncReasons.PositionUpdate, 1 => StopSyncReasons.OwnStopUpdate, _ => StopSyncReasons.ExternalVerify };
                        scheduler.Request(symbols[s], reason, now);
                        owed[s] = true;
                        break;
                    case 3:
                        while (scheduler.TryStartDue(now, out var started, out _))
                        {
                            var i = Array.IndexOf(symbols, started);
                            Assert.False(running[i]);
                            running[i] = true;
                            owed[i] = false;
                        }

                        break;
                    default:
                        if (running[s])
                        {
                            scheduler.Complete(symbols[s], now);
                            running[s] = false;
                        }

                        break;
                }

                for (var i = 0; i < 2; i++)
                {
                    Assert.Equal(running[i], scheduler.IsRunning(symbols[i]));
                    // Anything requested since the last start is either pending or will be after the running one completes.
                    if (owed[i] && !running[i])
                    {
                        Assert.True(scheduler.IsPending(symbols[i]));
                    }
                }
            }
        });
    }
}
