namespace Vq.Core.Execution;

/// <summary>Where a paced leg stands against its schedule.</summary>
public enum PaceStatus : byte
{
    /// <summary>Not paced (no deadline), or not started.</summary>
    None = 0,
    /// <summary>Within the slack of the schedule: slice as usual.</summary>
    OnSchedule = 1,
    /// <summary>More closed than the schedule asks by more than the slack: wait instead of slicing.</summary>
    Ahead = 2,
    /// <summary>Less closed than the schedule asks by more than the slack: larger slices, shorter maker patience.</summary>
    Behind = 3,
    /// <summary>The last stretch before the deadline (or past it): aggressive, largest slices, for the rest.</summary>
    Final = 4,
}

/// <summary>The pacer's verdict for one pass: the status, the remaining quantity the schedule wants now, and how much to catch up.</summary>
public readonly record struct PaceAdvice(PaceStatus Status, decimal TargetRemaining, decimal CatchUpQty, long TimeLeftMs);

/// <summary>
/// <c>vq flatten --deadline</c> pacing. The schedule is linear: the start quantity at the leg's start, zero at
/// <see cref="FinishAtMs"/> (a margin before the deadline, so the last fills are confirmed in time). Within a slack
/// band around it the leg slices as usual; ahead of it the leg waits; behind it the leg escalates; in the final window
/// (and past the deadline) it goes aggressive for the rest. Leaving behind or ahead takes a narrower band than entering
/// it (hysteresis), so a leg hovering at the edge does not flip its status, and its waiting or escalating, every pass.
/// Pure: time and the previous status come in as arguments, nothing is stored between calls, so it never sizes or
/// places anything itself and cannot over-close; the reduce budget still caps every order.
/// </summary>
public readonly record struct DeadlinePacer(long StartMs, decimal StartQty, long DeadlineAtMs)
{
    /// <summary>The slack band is at least this share of the start quantity, so one fill does not flip the status.</summary>
    public const decimal SlackFraction = 0.05m;

    /// <summary>
    /// A leg that is behind (or ahead) returns to on-schedule only inside this share of the slack band. Half the band:
    /// one fill or one pass of schedule drift at the edge can no longer flip the status back and forth, and a leg that
    /// has clearly caught up still returns within about half a band's worth of progress.
    /// </summary>
    public const decimal ReturnBandFraction = 0.5m;

    /// <summary>Margin and final window are each this share of the whole duration (1/20 = 5 %).</summary>
    private const long WindowDivisor = 20;

    /// <summary>The finish margin never needs more than this: a few seconds confirm the last fills.</summary>
    private const long MaxFinishMarginMs = 5_000;

    public long DurationMs => DeadlineAtMs - StartMs;

    /// <summary>When the schedule reaches zero: the deadline less a margin of 5 % of the duration, at most 5 s.</summary>
    public long FinishAtMs => DeadlineAtMs - Math.Min(Math.Max(DurationMs, 0) / WindowDivisor, MaxFinishMarginMs);

    /// <summary>The remaining quantity the linear schedule wants at <paramref name="nowMs"/>: from the start quantity down to 0.</summary>
    public decimal TargetRemaining(long nowMs)
    {
        var span = FinishAtMs - StartMs;
        if (span <= 0 || nowMs >= FinishAtMs)
        {
            return 0m;
        }

        if (nowMs <= StartMs)
        {
            return StartQty;
        }

        return StartQty * (FinishAtMs - nowMs) / span;
    }

    /// <summary>
    /// The advice for this pass. <paramref name="sliceQty"/> is one ordinary slice (it widens the slack band so the leg
    /// is never "ahead" by less than one slice); <paramref name="minFinalWindowMs"/> is the shortest useful final window
    /// (one aggressive order's TTL and cooldown); <paramref name="previous"/> is the status of the leg's last pass, which
    /// narrows the band for leaving behind or ahead (<see cref="ReturnBandFraction"/>).
    /// </summary>
    public PaceAdvice Advise(decimal remaining, decimal sliceQty, long nowMs, int minFinalWindowMs, PaceStatus previous = PaceStatus.None)
    {
        var timeLeft = Math.Max(DeadlineAtMs - nowMs, 0);
        var target = TargetRemaining(nowMs);
        if (remaining <= 0m)
        {
            return new PaceAdvice(PaceStatus.OnSchedule, target, 0m, timeLeft);
        }

        var finalWindow = Math.Max(Math.Max(DurationMs, 0) / WindowDivisor, Math.Max(minFinalWindowMs, 0));
        if (DurationMs <= 0 || nowMs >= FinishAtMs - finalWindow)
        {
            return new PaceAdvice(PaceStatus.Final, target, remaining, timeLeft);
        }

        var slack = Math.Max(StartQty * SlackFraction, Math.Max(sliceQty, 0m));
        var returnSlack = slack * ReturnBandFraction;
        var deficit = remaining - target;
        if (deficit > (previous == PaceStatus.Behind ? returnSlack : slack))
        {
            return new PaceAdvice(PaceStatus.Behind, target, deficit, timeLeft);
        }

        var ahead = -deficit > (previous == PaceStatus.Ahead ? returnSlack : slack);
        return new PaceAdvice(ahead ? PaceStatus.Ahead : PaceStatus.OnSchedule, target, 0m, timeLeft);
    }
}
