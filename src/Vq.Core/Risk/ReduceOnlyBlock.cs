using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>
/// A resting normal (non-algo) order as seen by the open-orders snapshot or the user-data stream.
/// <paramref name="PositionSide"/> is null for <c>BOTH</c> or a missing field: such an order is never a hedge leg's
/// close order. <paramref name="ClientId"/> is empty when the wire id did not fit Binance's pattern.
/// </summary>
public readonly record struct RestingOrder(
    PositionSide? PositionSide,
    OrderSide Side,
    decimal OrigQty,
    decimal ExecutedQty,
    ClientOrderId ClientId)
{
    /// <summary><c>origQty − executedQty</c>, never negative.</summary>
    public decimal RemainingQty => OrigQty > ExecutedQty ? OrigQty - ExecutedQty : 0m;
}

/// <summary>Who owns the orders that block a leg (P9 log field <c>source</c>).</summary>
public enum BlockSource : byte
{
    None = 0,
    Own = 1,
    External = 2,
    Mixed = 3,
}

/// <summary>What a -4118 / D21 inspection found for one leg.</summary>
public readonly record struct ReduceOnlyBlockInspection(
    decimal AbsPosition,
    decimal TradableQty,
    decimal BlockingQty,
    decimal OwnQty,
    int OwnCount,
    decimal ExternalQty,
    int ExternalCount,
    bool IsBlocked,
    bool IsDone)
{
    public int OrderCount => OwnCount + ExternalCount;

    public BlockSource Source => (OwnCount > 0, ExternalCount > 0) switch
    {
        (true, true) => BlockSource.Mixed,
        (true, false) => BlockSource.Own,
        (false, true) => BlockSource.External,
        _ => BlockSource.None,
    };

    /// <summary>What is left for a new slice once every resting close order is counted (D21), never negative.</summary>
    public decimal Headroom => TradableQty > BlockingQty ? TradableQty - BlockingQty : 0m;
}

/// <summary>
/// P9/D21: do the leg's resting close orders already cover everything that can be closed? Only orders on the
/// leg's <c>positionSide</c> AND on its closing side count (a BUY on a LONG leg opens, it does not close).
/// </summary>
public static class ReduceOnlyBlockInspector
{
    public const string BlockedCode = "reduce_only_blocked_by_open_orders";

    /// <param name="side">The leg.</param>
    /// <param name="positionAmount">Signed or absolute; only its magnitude is used.</param>
    /// <param name="orders">The symbol's open normal orders (any side, any leg).</param>
    /// <param name="rules">Step and minQty.</param>
    /// <param name="runPrefix">This run's client id prefix (<c>vq-&lt;10 hex&gt;-</c>), ASCII; an order carrying it is "own".</param>
    public static ReduceOnlyBlockInspection Inspect(
        PositionSide side,
        decimal positionAmount,
        ReadOnlySpan<RestingOrder> orders,
        SymbolRules rules,
        ReadOnlySpan<byte> runPrefix)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var absPosition = Math.Abs(positionAmount);
        var tradable = rules.FloorQty(absPosition);
        var closeSide = side.CloseSide();
        decimal ownQty = 0m, externalQty = 0m;
        int ownCount = 0, externalCount = 0;
        foreach (ref readonly var order in orders)
        {
            if (order.PositionSide != side || order.Side != closeSide)
            {
                continue;
            }

            var remaining = order.RemainingQty;
            if (remaining <= 0m)
            {
                continue;
            }

            if (!runPrefix.IsEmpty && order.ClientId.StartsWith(runPrefix))
            {
                ownQty += remaining;
                ownCount++;
            }
            else
            {
                externalQty += remaining;
                externalCount++;
            }
        }

        var blocking = ownQty + externalQty;
        var isDone = rules.IsDone(absPosition);
        var isBlocked = !isDone && tradable > 0m && tradable >= rules.MinQty && blocking >= tradable;
        return new ReduceOnlyBlockInspection(
            absPosition, tradable, blocking, ownQty, ownCount, externalQty, externalCount, isBlocked, isDone);
    }
}

public static class BlockSourceExtensions
{
    public static string Code(this BlockSource source) => source switch
    {
        BlockSource.Own => "own",
        BlockSource.External => "external",
        BlockSource.Mixed => "mixed",
        _ => "none",
    };
}
