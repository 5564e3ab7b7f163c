using Vq.Core.Primitives;

namespace Vq.Core.Engine;

/// <summary>Decisions and observations worth a log line, a notification or a metric (stable names, §5.7).</summary>
public enum EngineEventKind : byte
{
    Signal = 0,
    OrderPlace = 1,
    OrderAck = 2,
    OrderFill = 3,
    OrderCancel = 4,
    OrderTimeout = 5,
    OrderReject = 6,
    OrderRetry = 7,
    ModeChange = 8,
    RiskTrigger = 9,
    RiskRecovered = 10,
    LegBlocked = 11,
    LegUnblocked = 12,
    OrphanRecovered = 13,
    MinNotionalAllowReduceOnly = 14,
    PositionUpdate = 15,
    OpenAlert = 16,
    RateLimit = 17,
    MarketReject = 18,
    OrderDone = 19,
    LegDone = 20,
    CancelFailed = 21,
    UnknownOutcome = 22,
    StrayOrder = 23,
    /// <summary>A protective-stop decision or outcome; <see cref="EngineEvent.Reason"/> is its stable code (Engine/Stops).</summary>
    ProtectiveStop = 24,
    /// <summary>Flatten's deadline pacing changed status; <see cref="EngineEvent.Reason"/> is on_schedule/ahead/behind/final.</summary>
    Pacing = 25,
    /// <summary>Flatten's slippage cap started (cap_binding) or stopped (cap_released) holding prices back.</summary>
    SlippageCap = 26,
}

/// <summary>One engine event. Flat and allocation-free; <see cref="Reason"/> is always a literal.</summary>
public readonly record struct EngineEvent
{
    public required EngineEventKind Kind { get; init; }
    public required int Symbol { get; init; }
    public PositionSide Side { get; init; }
    public string Reason { get; init; }
    public ExecutionMode Mode { get; init; }
    /// <summary>The previous mode (mode changes).</summary>
    public ExecutionMode FromMode { get; init; }
    public ClientOrderId ClientOrderId { get; init; }
    public long OrderId { get; init; }
    public decimal Price { get; init; }
    public decimal Qty { get; init; }
    /// <summary>Event-specific figure: cumulative filled, distance to liquidation, position after, blocking qty…</summary>
    public decimal Value { get; init; }
    /// <summary>Event-specific second figure: position before, tier, commission…</summary>
    public decimal Value2 { get; init; }
    /// <summary>Binance error code for rejects, timeout count for timeouts.</summary>
    public int Code { get; init; }
    public bool IsMaker { get; init; }
    public bool IsRisk { get; init; }
    public long TradeId { get; init; }
    public long TimeMs { get; init; }
    /// <summary>Signals: the book and multipliers the signal fired on (§2.8).</summary>
    public decimal Bid { get; init; }
    public decimal Ask { get; init; }
    public int RoiMult { get; init; }
    public int AccelMult { get; init; }
    public decimal? Roi { get; init; }
    public decimal? Ret { get; init; }
}
