using CsCheck;
using Vq.Core.Execution;

namespace Vq.Core.Tests.Execution;

/// <summary>
/// The deadline schedule: 1.0 to close between t=0 and a deadline at 100 s, so the schedule reaches zero at 95 s (5 %
/// margin) and the final window opens at 90 s.
/// </summary>
public class DeadlinePacerTests
{
    private static readonly DeadlinePacer Pacer = new(StartMs: 0, StartQty: 1.0m, DeadlineAtMs: 100_000);

    [Fact]
    public void The_schedule_is_linear_from_the_start_quantity_to_zero_a_margin_before_the_deadline()
    {
        Assert.Equal(95_000, Pacer.FinishAtMs);
        Assert.Equal(1.0m, Pacer.TargetRemaining(0));
        Assert.Equal(0.5m, Pacer.TargetRemaining(47_500));
        Assert.Equal(0m, Pacer.TargetRemaining(95_000));
        Assert.Equal(0m, Pacer.TargetRemaining(120_000));
        Assert.Equal(1.0m, Pacer.TargetRemaining(-5));
    }

    [Fact]
    public void The_finish_margin_is_at_most_five_seconds_on_long_deadlines()
    {
        var hour = new DeadlinePacer(0, 1m, 3_600_000);
        Assert.Equal(3_595_000, hour.FinishAtMs);
    }

    [Fact]
    public void At_the_start_the_leg_is_on_schedule()
    {
        var advice = Pacer.Advise(remaining: 1.0m, sliceQty: 0.001m, nowMs: 0, minFinalWindowMs: 900);
        Assert.Equal(PaceStatus.OnSchedule, advice.Status);
        Assert.Equal(100_000, advice.TimeLeftMs);
    }

    [Fact]
    public void Closing_more_than_the_slack_ahead_of_the_schedule_means_wait()
    {
        // Target 0.5 at 47.5 s; slack is 5 % of 1.0 = 0.05.
        Assert.Equal(PaceStatus.Ahead, Pacer.Advise(0.44m, 0.001m, 47_500, 900).Status);
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.46m, 0.001m, 47_500, 900).Status);
    }

    [Fact]
    public void Falling_behind_by_more_than_the_slack_asks_to_catch_up_the_difference()
    {
        var advice = Pacer.Advise(0.9m, 0.001m, 47_500, 900);
        Assert.Equal(PaceStatus.Behind, advice.Status);
        Assert.Equal(0.4m, advice.CatchUpQty);
        Assert.Equal(0.5m, advice.TargetRemaining);
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.54m, 0.001m, 47_500, 900).Status);
    }

    [Fact]
    public void A_slice_larger_than_the_slack_fraction_widens_the_band()
    {
        // 0.3 ahead of the schedule, but one ordinary slice is 0.4: still on schedule, not waiting.
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.2m, 0.4m, 47_500, 900).Status);
        Assert.Equal(PaceStatus.Ahead, Pacer.Advise(0.2m, 0.001m, 47_500, 900).Status);
    }

    [Fact]
    public void The_final_window_goes_aggressive_for_everything_left()
    {
        var advice = Pacer.Advise(0.05m, 0.001m, 90_000, 900);
        Assert.Equal(PaceStatus.Final, advice.Status);
        Assert.Equal(0.05m, advice.CatchUpQty);
        Assert.NotEqual(PaceStatus.Final, Pacer.Advise(0.05m, 0.001m, 89_999, 900).Status);
    }

    [Fact]
    public void The_final_window_is_at_least_one_aggressive_round_trip()
    {
        // 10 s: margin 500 ms, finish at 9.5 s; 5 % would be 500 ms but one TTL + cooldown is 900 ms.
        var shortRun = new DeadlinePacer(0, 1m, 10_000);
        Assert.Equal(PaceStatus.Final, shortRun.Advise(0.1m, 0.001m, 8_600, 900).Status);
        Assert.NotEqual(PaceStatus.Final, shortRun.Advise(0.1m, 0.001m, 8_599, 900).Status);
    }

    [Fact]
    public void A_deadline_already_passed_is_the_final_stretch_with_no_time_left()
    {
        var late = new DeadlinePacer(StartMs: 5_000, StartQty: 1m, DeadlineAtMs: 4_000);
        var advice = late.Advise(1m, 0.001m, 5_000, 900);
        Assert.Equal(PaceStatus.Final, advice.Status);
        Assert.Equal(0, advice.TimeLeftMs);
        Assert.Equal(0m, advice.TargetRemaining);
        Assert.Equal(PaceStatus.Final, Pacer.Advise(0.3m, 0.001m, 150_000, 900).Status);
        Assert.Equal(0, Pacer.Advise(0.3m, 0.001m, 150_000, 900).TimeLeftMs);
    }

    [Fact]
    public void Nothing_left_is_never_behind_or_final()
    {
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0m, 0.001m, 99_000, 900).Status);
        Assert.Equal(0m, Pacer.Advise(0m, 0.001m, 99_000, 900).CatchUpQty);
    }

    [Fact]
    public void Target_stays_within_the_start_quantity_and_never_rises_and_catch_up_never_exceeds_what_is_left()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[-10_000, 3_600_000], Gen.Decimal[0.001m, 1000m], Gen.Long[-10_000, 4_000_000], Gen.Long[0, 100_000], Gen.Double[0, 1.2])
            .Sample((start, duration, qty, t, dt, share) =>
            {
                var pacer = new DeadlinePacer(start, qty, start + duration);
                var now = start + t;
                var a = pacer.TargetRemaining(now);
                var b = pacer.TargetRemaining(now + dt);
                var remaining = Math.Round(qty * (decimal)share, 6);
                var advice = pacer.Advise(remaining, 0.001m, now, 900);
                var pastDeadline = now >= start + duration && remaining > 0m;
                return a >= 0m && a <= qty && b <= a
                    && advice.CatchUpQty >= 0m && advice.CatchUpQty <= Math.Max(remaining, 0m)
                    && (!pastDeadline || advice.Status == PaceStatus.Final);
            }, iter: 2000);
    }

    [Fact]
    public void Entering_behind_or_ahead_keeps_the_full_slack_band()
    {
        // Target 0.5 at 47.5 s, slack 0.05: the entering thresholds do not depend on hysteresis.
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.549m, 0.001m, 47_500, 900, PaceStatus.OnSchedule).Status);
        Assert.Equal(PaceStatus.Behind, Pacer.Advise(0.551m, 0.001m, 47_500, 900, PaceStatus.OnSchedule).Status);
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.451m, 0.001m, 47_500, 900, PaceStatus.OnSchedule).Status);
        Assert.Equal(PaceStatus.Ahead, Pacer.Advise(0.449m, 0.001m, 47_500, 900, PaceStatus.OnSchedule).Status);
    }

    [Fact]
    public void Progress_oscillating_at_the_edge_of_the_band_changes_the_status_once()
    {
        var previous = PaceStatus.OnSchedule;
        var changes = 0;
        for (var i = 0; i < 20; i++)
        {
            var remaining = i % 2 == 0 ? 0.551m : 0.549m;
            var status = Pacer.Advise(remaining, 0.001m, 47_500, 900, previous).Status;
            changes += status != previous ? 1 : 0;
            previous = status;
        }

        Assert.Equal(1, changes);
        Assert.Equal(PaceStatus.Behind, previous);
    }

    [Fact]
    public void Behind_returns_to_on_schedule_only_inside_half_the_band()
    {
        var advice = Pacer.Advise(0.526m, 0.001m, 47_500, 900, PaceStatus.Behind);
        Assert.Equal(PaceStatus.Behind, advice.Status);
        Assert.Equal(0.026m, advice.CatchUpQty);
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.524m, 0.001m, 47_500, 900, PaceStatus.Behind).Status);
    }

    [Fact]
    public void Ahead_returns_to_on_schedule_only_inside_half_the_band()
    {
        Assert.Equal(PaceStatus.Ahead, Pacer.Advise(0.474m, 0.001m, 47_500, 900, PaceStatus.Ahead).Status);
        Assert.Equal(PaceStatus.OnSchedule, Pacer.Advise(0.476m, 0.001m, 47_500, 900, PaceStatus.Ahead).Status);

        // Far enough the other way, behind is entered straight from ahead (and back) at the full band.
        Assert.Equal(PaceStatus.Behind, Pacer.Advise(0.551m, 0.001m, 47_500, 900, PaceStatus.Ahead).Status);
        Assert.Equal(PaceStatus.Ahead, Pacer.Advise(0.449m, 0.001m, 47_500, 900, PaceStatus.Behind).Status);
    }

    [Fact]
    public void Hysteresis_only_ever_holds_the_previous_status_inside_the_band_and_never_touches_the_final_window()
    {
        var statuses = new[] { PaceStatus.None, PaceStatus.OnSchedule, PaceStatus.Ahead, PaceStatus.Behind, PaceStatus.Final };
        Gen.Select(Gen.Long[0, 100_000], Gen.Double[0, 1.2], Gen.Int[0, 4])
            .Sample((now, share, previousIndex) =>
            {
                var previous = statuses[previousIndex];
                var remaining = Math.Round(1.0m * (decimal)share, 6);
                var plain = Pacer.Advise(remaining, 0.001m, now, 900);
                var held = Pacer.Advise(remaining, 0.001m, now, 900, previous);
                var deficit = remaining - plain.TargetRemaining;
                var outsideBand = Math.Abs(deficit) > DeadlinePacer.SlackFraction;
                var insideReturnBand = Math.Abs(deficit) <= DeadlinePacer.SlackFraction * DeadlinePacer.ReturnBandFraction;
                return (held.Status == plain.Status || held.Status == previous)
                    && (plain.Status != PaceStatus.Final || held.Status == PaceStatus.Final)
                    && (!(outsideBand || insideReturnBand) || held.Status == plain.Status)
                    && held.TargetRemaining == plain.TargetRemaining
                    && held.CatchUpQty >= 0m && held.CatchUpQty <= remaining;
            }, iter: 2000);
    }
}
