using Vq.Core.Primitives;

namespace Vq.Notify;

/// <summary>
/// The "position before → after" pair of a fill message (§5.8, §9.17 #143), as absolute values: the observed change
/// when one arrived and it is a decrease, otherwise an estimate from the cached amount and the filled quantity,
/// clamped at zero (vq only ever reduces a leg).
/// </summary>
public static class FillPositions
{
    /// <param name="cachedAmount">The signed cached position amount before the fill (LONG ≥ 0, SHORT ≤ 0).</param>
    /// <param name="observed">A (before, after) pair of signed amounts seen in the next position update, if any.</param>
    public static (decimal Before, decimal After) Resolve(
        PositionSide side, decimal cachedAmount, decimal filled, (decimal Before, decimal After)? observed = null)
    {
        if (observed is { } change && Math.Abs(change.After) <= Math.Abs(change.Before))
        {
            return (Math.Abs(change.Before), Math.Abs(change.After));
        }

        var after = side == PositionSide.Long ? cachedAmount - filled : cachedAmount + filled;
        // A LONG below zero or a SHORT above zero means the estimate overshot: the leg is closed.
        if ((side == PositionSide.Long && after < 0) || (side == PositionSide.Short && after > 0))
        {
            after = 0;
        }

        return (Math.Abs(cachedAmount), Math.Abs(after));
    }
}
