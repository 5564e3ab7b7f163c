namespace Vq.Core.Engine;

/// <summary>
/// <c>vq flatten</c>'s per-leg limits. <paramref name="DeadlineAtMs"/>: the engine's monotonic time by which the leg
/// must be flat (0 = no deadline, no pacing). <paramref name="MaxSlippageBps"/>: no order price worse than this many
/// basis points from the leg's arrival mid (0 = no cap).
/// </summary>
public sealed record FlattenPlan(long DeadlineAtMs, decimal MaxSlippageBps)
{
    public bool HasDeadline => DeadlineAtMs > 0;

    public bool HasCap => MaxSlippageBps > 0m;
}
