using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>Everything one new slice is decided from: the book snapshot, the leg's size and budget, and the multipliers.</summary>
public readonly record struct SliceRequest
{
    public required string Reason { get; init; }
    public required bool IsRisk { get; init; }
    public required decimal Bid { get; init; }
    public required decimal Ask { get; init; }
    public required decimal LastTradePrice { get; init; }
    public int RoiMult { get; init; }
    public int AccelMult { get; init; }
    /// <summary>&gt; 0 selects the panic slice formula (§4.3) instead of the normal one.</summary>
    public decimal PanicSliceRatio { get; init; }
    /// <summary>
    /// Flatten's max slippage (<see cref="SlippageCap"/>): no price of this slice, maker, aggressive or the post-only
    /// retry, is worse than this (a SELL below it, a BUY above it); 0 = no bound.
    /// </summary>
    public decimal WorstPrice { get; init; }
    /// <summary>Flatten's deadline pacing: an extra size multiplier to catch up with the schedule (≤ 1 = none; <c>max_mult</c> still caps).</summary>
    public int PaceMult { get; init; }
}

public enum SliceDecision : byte
{
    Placed = 0,
    /// <summary>The leg is not IDLE (an order is working, cooling down or being placed).</summary>
    Busy = 1,
    /// <summary>The leg is done (§3.7).</summary>
    Done = 2,
    /// <summary>The computed quantity is below minQty (e.g. the notional cap).</summary>
    TooSmall = 3,
    /// <summary>Resting close orders leave nothing to close (D21): vq says so instead of sending an order.</summary>
    Blocked = 4,
    /// <summary>The soft order rate limit denied it (a synthetic failure, §3.8 step 1): the leg cools down.</summary>
    RateLimited = 5,
    /// <summary>No valid price (empty book).</summary>
    NoPrice = 6,
}
