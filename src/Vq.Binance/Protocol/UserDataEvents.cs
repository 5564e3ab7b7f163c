using Vq.Core.Primitives;

namespace Vq.Binance.Protocol;

// User-data events (BINANCE.md §7, SPEC §6.3). Not the hottest path: small structs or classes are fine here.
// Position sides: null means BOTH (one-way mode) or an unrecognised value; such rows are not hedge legs (D11).

public enum ExecutionType : byte
{
    Unknown = 0,
    New,
    Canceled,
    Calculated,
    Expired,
    Trade,
    Amendment,
}

public enum OrderType : byte
{
    Unknown = 0,
    Limit,
    Market,
    Stop,
    StopMarket,
    TakeProfit,
    TakeProfitMarket,
    TrailingStopMarket,
    Liquidation,
}

/// <summary><c>algoStatus</c> / <c>ALGO_UPDATE.o.X</c> (BINANCE.md §3.10).</summary>
public enum AlgoStatus : byte
{
    Unknown = 0,
    New,
    Canceled,
    Triggering,
    Triggered,
    Finished,
    Rejected,
    Expired,
}

/// <summary>
/// <c>ORDER_TRADE_UPDATE</c> (BINANCE.md §7.1). <see cref="Status"/> is mapped per D11 (<c>EXPIRED_IN_MATCH</c> →
/// Expired, with <see cref="IsExpiredInMatch"/> set); <see cref="StatusRecognized"/> is false for a status string
/// this client does not know (Status is then New and must not be acted on). <see cref="Commission"/> and
/// <see cref="CommissionAsset"/> are null when Binance omits <c>n</c>/<c>N</c> (no commission).
/// <see cref="TimeInForce"/> is null for GTD/RPI/GTE_GTC. <see cref="ClientOrderId"/> is empty when the wire id
/// does not fit the client-id pattern.
/// </summary>
public readonly record struct OrderTradeUpdate
{
    public long EventTime { get; init; }
    public long TransactionTime { get; init; }
    public string Symbol { get; init; }
    public SymbolId? SymbolId { get; init; }
    public ClientOrderId ClientOrderId { get; init; }
    public OrderSide Side { get; init; }
    public OrderType OrderType { get; init; }
    public OrderType OriginalOrderType { get; init; }
    public TimeInForce? TimeInForce { get; init; }
    public decimal OriginalQty { get; init; }
    public decimal Price { get; init; }
    public decimal AveragePrice { get; init; }
    public decimal StopPrice { get; init; }
    public ExecutionType ExecutionType { get; init; }
    public OrderStatus Status { get; init; }
    public bool StatusRecognized { get; init; }
    public bool IsExpiredInMatch { get; init; }
    public long OrderId { get; init; }
    public decimal LastFilledQty { get; init; }
    public decimal CumulativeFilledQty { get; init; }
    public decimal LastFilledPrice { get; init; }
    public string? CommissionAsset { get; init; }
    public decimal? Commission { get; init; }
    public long TradeTime { get; init; }
    public long TradeId { get; init; }
    public bool IsMaker { get; init; }
    public bool IsReduceOnly { get; init; }
    public bool ClosePosition { get; init; }
    public PositionSide? PositionSide { get; init; }
    public decimal RealizedProfit { get; init; }
    /// <summary><c>er</c>: 0 none, 1 STP, 2 IOC remainder, … 9 MARKET remainder (BINANCE.md §7.1).</summary>
    public int ExpireReason { get; init; }

    public bool IsHedgeLeg => PositionSide.HasValue;
}

/// <summary>One <c>a.B[]</c> entry: <c>a</c>, <c>wb</c>, <c>cw</c>, <c>bc</c> (balance change excluding PnL and commission).</summary>
public sealed record BalanceUpdate(string Asset, decimal WalletBalance, decimal CrossWalletBalance, decimal BalanceChange);

/// <summary>
/// One <c>a.P[]</c> entry. <see cref="Amount"/> is sign-normalised by side (SPEC §6.3, §9.15 #130): LONG → |pa|,
/// SHORT → −|pa|; for BOTH it is <c>pa</c> as sent. <see cref="EntryPrice"/> is null when <c>ep ≤ 0</c>.
/// </summary>
public sealed record PositionUpdate(
    string Symbol,
    SymbolId? SymbolId,
    PositionSide? PositionSide,
    decimal Amount,
    decimal? EntryPrice,
    decimal BreakEvenPrice,
    decimal AccumulatedRealized,
    decimal UnrealizedPnl,
    string? MarginType,
    decimal IsolatedWallet)
{
    public bool IsHedgeLeg => PositionSide.HasValue;
}

/// <summary><c>ACCOUNT_UPDATE</c> (BINANCE.md §7.3): only the changed balances and positions are listed.</summary>
public sealed record AccountUpdate(
    long EventTime,
    long TransactionTime,
    string Reason,
    IReadOnlyList<BalanceUpdate> Balances,
    IReadOnlyList<PositionUpdate> Positions);

/// <summary><c>ACCOUNT_CONFIG_UPDATE</c>: <c>ac.s</c>/<c>ac.l</c> (leverage; number or string) or <c>ai.j</c> (multi-assets).</summary>
public readonly record struct AccountConfigUpdate(
    long EventTime,
    long TransactionTime,
    string? Symbol,
    int? Leverage,
    bool? MultiAssetsMode);

/// <summary><c>ALGO_UPDATE</c> (BINANCE.md §7.4): every documented key of <c>o</c>.</summary>
public sealed record AlgoUpdate
{
    public long EventTime { get; init; }
    public long TransactionTime { get; init; }
    public string ClientAlgoId { get; init; } = "";
    public long AlgoId { get; init; }
    public string? AlgoType { get; init; }
    public OrderType OrderType { get; init; }
    public string Symbol { get; init; } = "";
    public SymbolId? SymbolId { get; init; }
    public OrderSide Side { get; init; }
    public PositionSide? PositionSide { get; init; }
    public string? TimeInForce { get; init; }
    public decimal Quantity { get; init; }
    public AlgoStatus Status { get; init; }
    /// <summary><c>ai</c>: the child order id (a string on the wire; <c>""</c> → 0 before trigger).</summary>
    public long ActualOrderId { get; init; }
    public decimal ActualAveragePrice { get; init; }
    public decimal ActualQty { get; init; }
    public OrderType ActualOrderType { get; init; }
    public decimal TriggerPrice { get; init; }
    public decimal Price { get; init; }
    public string? SelfTradePreventionMode { get; init; }
    public string? WorkingType { get; init; }
    public string? PriceMatch { get; init; }
    public bool ClosePosition { get; init; }
    public bool PriceProtect { get; init; }
    public bool ReduceOnly { get; init; }
    public long TriggerTime { get; init; }
    public long GoodTillDate { get; init; }
    /// <summary><c>rm</c> (2025-11+): failure reason, e.g. "Reduce Only reject".</summary>
    public string? FailureReason { get; init; }
    /// <summary><c>ia</c> (2026-08+): trailing orders only.</summary>
    public bool? IsActivated { get; init; }

    public bool IsHedgeLeg => PositionSide.HasValue;
}

/// <summary><c>listenKeyExpired</c>; <c>E</c> arrives as a string or a number.</summary>
public readonly record struct ListenKeyExpired(long EventTime, string? ListenKey);

public sealed record MarginCallPosition(
    string Symbol,
    PositionSide? PositionSide,
    decimal Amount,
    string? MarginType,
    decimal IsolatedWallet,
    decimal MarkPrice,
    decimal UnrealizedPnl,
    decimal MaintenanceMargin);

/// <summary><c>MARGIN_CALL</c>: <c>cw</c> cross wallet balance and the positions at risk.</summary>
public sealed record MarginCall(long EventTime, decimal CrossWalletBalance, IReadOnlyList<MarginCallPosition> Positions);

public enum UserDataKind : byte
{
    None = 0,
    OrderTradeUpdate,
    AccountUpdate,
    AccountConfigUpdate,
    AlgoUpdate,
    ListenKeyExpired,
    MarginCall,
    /// <summary>An event vq does not consume (TRADE_LITE, STRATEGY_UPDATE, …) or a control reply: count and ignore.</summary>
    Unknown,
}

public readonly record struct UserDataParseResult(ParseStatus Status, UserDataKind Kind, InvalidReason Reason)
{
    public static UserDataParseResult NeedMore => new(ParseStatus.NeedMoreData, UserDataKind.None, InvalidReason.None);

    public static UserDataParseResult Invalid(InvalidReason reason) => new(ParseStatus.Invalid, UserDataKind.None, reason);

    public static UserDataParseResult Done(UserDataKind kind) => new(ParseStatus.Done, kind, InvalidReason.None);
}

public interface IUserDataHandler
{
    void OnOrderTradeUpdate(in OrderTradeUpdate e);

    void OnAccountUpdate(AccountUpdate e);

    void OnAccountConfigUpdate(in AccountConfigUpdate e);

    void OnAlgoUpdate(AlgoUpdate e);

    void OnListenKeyExpired(in ListenKeyExpired e);

    void OnMarginCall(MarginCall e);
}
