namespace Vq.Core.Risk;

/// <summary>What a soft-risk latch update changed; the caller logs and notifies only on a transition.</summary>
public enum SoftRiskTransition : byte
{
    None = 0,
    /// <summary>The leg just entered the zone: force AGGRESSIVE (<c>risk_trigger</c>), WARN <c>[RISK_TRIGGER]</c>, notify once.</summary>
    Entered = 1,
    /// <summary>The leg just left the zone: log <c>liq_distance_recovered</c> once.</summary>
    Exited = 2,
}

/// <summary>
/// The per-leg <c>liq_distance_active</c> latch (P11, D7). Evaluate on every normal-path pass, feed each result to
/// <see cref="Update"/>, and read <see cref="IsActive"/> before any AGGRESSIVE → MAKER switch (fill, partial fill,
/// timeout): while it is set, the leg never de-escalates.
/// Single-threaded: owned by the leg's execution state, like every per-leg object here.
/// </summary>
public sealed class SoftRiskLatch
{
    public const string RecoveredCode = "liq_distance_recovered";

    public bool IsActive { get; private set; }

    /// <summary>The distance that last set or kept the latch (for the entry log).</summary>
    public decimal? LastDistance { get; private set; }

    /// <summary>
    /// Applies one evaluation. An evaluation without a distance (mark or liq unknown) leaves the latch as it is: a
    /// missing price is not evidence of safety, so aggression is kept until a real distance says otherwise.
    /// </summary>
    public SoftRiskTransition Update(in SoftRiskEvaluation evaluation)
    {
        if (!evaluation.HasDistance)
        {
            return SoftRiskTransition.None;
        }

        LastDistance = evaluation.Distance;
        if (evaluation.Triggered == IsActive)
        {
            return SoftRiskTransition.None;
        }

        IsActive = evaluation.Triggered;
        return IsActive ? SoftRiskTransition.Entered : SoftRiskTransition.Exited;
    }

    /// <summary>The position is gone or done: drop the latch silently (no recovery log; the leg has nothing left).</summary>
    public void Reset()
    {
        IsActive = false;
        LastDistance = null;
    }
}
