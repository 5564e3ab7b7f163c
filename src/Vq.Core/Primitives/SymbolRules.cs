namespace Vq.Core.Primitives;

/// <summary>
/// Trading rules from exchangeInfo filters (P25): PRICE_FILTER.tickSize, LOT_SIZE.stepSize/minQty/maxQty,
/// MIN_NOTIONAL.notional. A zero field means "not constrained".
/// </summary>
public sealed record SymbolRules(
    string Symbol,
    decimal TickSize,
    decimal StepSize,
    decimal MinQty,
    decimal MinNotional,
    decimal MaxQty = 0m)
{
    public decimal FloorPrice(decimal price) => Rounding.FloorTo(price, TickSize);

    public decimal CeilPrice(decimal price) => Rounding.CeilTo(price, TickSize);

    public decimal FloorQty(decimal qty) => Rounding.FloorTo(qty, StepSize);

    public decimal CeilQty(decimal qty) => Rounding.CeilTo(qty, StepSize);

    /// <summary>SPEC §3.7: a leg is done when its step-floored size is zero or below minQty.</summary>
    public bool IsDone(decimal absPosition)
    {
        var floored = FloorQty(absPosition);
        return floored <= 0m || floored < MinQty;
    }
}
