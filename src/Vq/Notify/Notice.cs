using Vq.Core.Primitives;

namespace Vq.Notify;

public enum NoticeKind : byte
{
    Fill = 0,
    OpenAlert = 1,
    Reconnect = 2,
    Risk = 3,
}

/// <summary>
/// One queued notification: the raw facts, formatted into text on the sender thread so the engine thread does no
/// string work. Which fields are used depends on <see cref="Kind"/>; <see cref="Symbol"/> is the exchange form.
/// </summary>
public readonly record struct Notice
{
    public required NoticeKind Kind { get; init; }
    public string Symbol { get; init; }
    public PositionSide Side { get; init; }
    public ExecutionMode Mode { get; init; }
    /// <summary>Fill: the filled quantity and average price.</summary>
    public decimal Qty { get; init; }
    public decimal Price { get; init; }
    /// <summary>Fill: maker or taker, when known.</summary>
    public bool? IsMaker { get; init; }
    public decimal? RealizedPnl { get; init; }
    public decimal? Fee { get; init; }
    /// <summary>Fill reason (§5.8: long_primary, panic_close@2 …).</summary>
    public string Reason { get; init; }
    /// <summary>Fill and open alert: absolute position before and after.</summary>
    public decimal PositionBefore { get; init; }
    public decimal PositionAfter { get; init; }
    /// <summary>Reconnect: <c>market_data</c> or <c>user_data</c>.</summary>
    public string Stream { get; init; }
    /// <summary>Risk: distance to liquidation as a fraction.</summary>
    public decimal LiqDistance { get; init; }
}
