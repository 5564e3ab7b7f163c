namespace Vq.Sim.Matching;

/// <summary>A CONDITIONAL algo order (STOP_MARKET / TAKE_PROFIT_MARKET) waiting for its trigger. Owned by the engine.</summary>
public sealed class AlgoOrder
{
    public long AlgoId { get; init; }
    public required string ClientAlgoId { get; init; }
    public required Instrument Instrument { get; init; }
    public AlgoKind Kind { get; init; }
    public Side Side { get; init; }
    public LegSide PositionSide { get; init; }
    public decimal Quantity { get; init; }
    public decimal TriggerPrice { get; init; }
    public WorkingType WorkingType { get; init; }
    public bool ClosePosition { get; init; }
    public bool PriceProtect { get; init; }
    public AlgoState State { get; set; }
    public long ChildOrderId { get; set; }
    public decimal ChildAvgPrice { get; set; }
    public decimal ChildExecutedQty { get; set; }
    public long CreateTime { get; init; }
    public long UpdateTime { get; set; }
    public long TriggerTime { get; set; }

    public string Symbol => Instrument.Symbol;
    public bool IsOpen => State == AlgoState.New;

    /// <summary>STOP fires when the price reaches the trigger in the order's direction; TAKE_PROFIT the reverse (§3.10).</summary>
    public bool ShouldTrigger(decimal price)
    {
        var buyFiresUp = Kind == AlgoKind.StopMarket;
        var firesWhenAbove = Side == Side.Buy ? buyFiresUp : !buyFiresUp;
        return firesWhenAbove ? price >= TriggerPrice : price <= TriggerPrice;
    }

    public AlgoOrder Snapshot() => (AlgoOrder)MemberwiseClone();
}
