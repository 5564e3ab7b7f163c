namespace Vq.Sim.Matching;

/// <summary>A regular (non-algo) order in the book. Mutable; owned by <see cref="MatchingEngine"/>.</summary>
public sealed class SimOrder
{
    public long OrderId { get; init; }
    public required string ClientOrderId { get; init; }
    public required Instrument Instrument { get; init; }
    public Side Side { get; init; }
    public LegSide PositionSide { get; init; }
    public OrderKind Kind { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public decimal Price { get; set; }
    public decimal OrigQty { get; set; }
    public decimal ExecutedQty { get; set; }
    public decimal CumQuote { get; set; }
    public OrderState State { get; set; }
    /// <summary>Hedge-mode closes (SELL+LONG, BUY+SHORT) report <c>reduceOnly:true</c> (BINANCE.md §3.6).</summary>
    public bool IsClose { get; init; }
    /// <summary>Displayed quantity ahead of this order at its price; it fills at the touch only once this is traded away.</summary>
    public decimal QueueAhead { get; set; }
    public long Time { get; init; }
    public long UpdateTime { get; set; }
    public int ModifyCount { get; set; }
    /// <summary>Expire reason <c>er</c> of the last EXPIRED event (BINANCE.md §7.1).</summary>
    public int ExpireReason { get; set; }

    /// <summary>The conditional order this MARKET child was triggered by (null for ordinary orders).</summary>
    public AlgoOrder? ParentAlgo { get; init; }

    public string Symbol => Instrument.Symbol;
    public decimal Remaining => OrigQty - ExecutedQty;
    public bool IsOpen => State is OrderState.New or OrderState.PartiallyFilled;
    public decimal AvgPrice => ExecutedQty == 0m ? 0m : CumQuote / ExecutedQty;

    public SimOrder Snapshot() => (SimOrder)MemberwiseClone();
}
