using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Orders;

/// <summary>
/// An order update from the user-data stream (<c>ORDER_TRADE_UPDATE</c>, §6.3) or from a REST snapshot row, in
/// domain terms. One struct for every order on the account: vq's own, protective stops and external ones.
/// </summary>
public readonly record struct OrderUpdate
{
    public required int Symbol { get; init; }
    public required PositionSide PositionSide { get; init; }
    public required OrderSide Side { get; init; }
    public required ClientOrderId ClientOrderId { get; init; }
    public required long OrderId { get; init; }
    public required OrderStatus Status { get; init; }
    /// <summary>The order type; stop-like kinds belong to the protective-stop sync, not to the reduce budget.</summary>
    public OrderKind Kind { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public decimal OrigQty { get; init; }
    public decimal Price { get; init; }
    /// <summary>Cumulative filled quantity (<c>z</c>).</summary>
    public decimal CumFilledQty { get; init; }
    public decimal AvgPrice { get; init; }
    /// <summary>This event's fill (<c>l</c>, <c>L</c>), zero when the event is not a trade.</summary>
    public decimal LastFillQty { get; init; }
    public decimal LastFillPrice { get; init; }
    /// <summary>Trade id (<c>t</c>), 0 when not a trade. Fills are counted by it exactly once (D10).</summary>
    public long TradeId { get; init; }
    public bool IsMaker { get; init; }
    public decimal Commission { get; init; }
    public decimal RealizedPnl { get; init; }
    public bool ClosePosition { get; init; }
    public bool ReduceOnly { get; init; }
    /// <summary>Exchange transaction time (<c>T</c>), used to order fills against position snapshots.</summary>
    public long TransactionTimeMs { get; init; }

    public decimal RemainingQty => Status.IsTerminal() ? 0m : Math.Max(0m, OrigQty - CumFilledQty);

    /// <summary>A close order for its leg: SELL on LONG, BUY on SHORT.</summary>
    public bool IsClosing => Side == PositionSide.CloseSide();
}
