namespace Vq.Sim.Matching;

/// <summary>A user-data event the account's listenKey streams receive (BINANCE.md §7). Snapshots, never live objects.</summary>
public abstract class UserEvent
{
    public long EventTime { get; init; }
    public long TransactionTime { get; init; }
}

/// <summary>ORDER_TRADE_UPDATE. Trade fields are zero unless <see cref="Exec"/> is TRADE or CALCULATED.</summary>
public sealed class OrderTradeUpdate : UserEvent
{
    public required SimOrder Order { get; init; }
    public ExecType Exec { get; init; }
    public decimal LastQty { get; init; }
    public decimal LastPrice { get; init; }
    public decimal Commission { get; init; }
    public long TradeId { get; init; }
    public bool Maker { get; init; }
    public decimal RealizedPnl { get; init; }
}

/// <summary>One leg as ACCOUNT_UPDATE's <c>P[]</c> shows it.</summary>
public sealed record LegView(string Symbol, LegSide Side, decimal SignedAmount, decimal EntryPrice, decimal BreakEven,
    decimal CumRealized, decimal Unrealized, MarginMode MarginMode, decimal IsolatedWallet, Instrument Instrument);

/// <summary>ACCOUNT_UPDATE: the changed balance and the changed legs only.</summary>
public sealed class AccountUpdate : UserEvent
{
    public required string Reason { get; init; }
    public decimal WalletBalance { get; init; }
    public decimal CrossWalletBalance { get; init; }
    public decimal BalanceChange { get; init; }
    public required IReadOnlyList<LegView> Legs { get; init; }
}

/// <summary>ALGO_UPDATE for a conditional order.</summary>
public sealed class AlgoUpdate : UserEvent
{
    public required AlgoOrder Algo { get; init; }
}

/// <summary>ACCOUNT_CONFIG_UPDATE for a leverage change.</summary>
public sealed class AccountConfigUpdate : UserEvent
{
    public required string Symbol { get; init; }
    public int Leverage { get; init; }
}

/// <summary>listenKeyExpired: pushed on the connections using the key when it lapses.</summary>
public sealed class ListenKeyExpired : UserEvent
{
    public required string ListenKey { get; init; }
}

/// <summary>A trade the account's own taker order printed on the public tape.</summary>
public readonly record struct PublicPrint(string Symbol, decimal Price, decimal Qty, bool BuyerIsMaker);
