using Vq.Core.Orders;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>
/// A user-data event about a stop-like order, in domain terms: an <c>ORDER_TRADE_UPDATE</c> whose type is stop-like or
/// whose id starts with <c>vq-ps-</c> (<see cref="OrderBook.Normal"/>, <c>i</c>, <c>c</c>, <c>o</c>, <c>cp</c>,
/// <c>R</c>), or an <c>ALGO_UPDATE</c> (<see cref="OrderBook.Algo"/>, <c>aid</c>, <c>caid</c>, <c>o</c>, <c>cp</c>,
/// <c>R</c>). <paramref name="PositionSide"/> is null when <c>ps</c> is missing or BOTH (an external report then
/// concerns both legs, P14). <paramref name="IsTerminal"/>: FILLED, CANCELED, EXPIRED, REJECTED; for algo orders also
/// TRIGGERED and FINISHED.
/// </summary>
public readonly record struct StopOrderEvent(
    int Symbol,
    PositionSide? PositionSide,
    OrderBook Book,
    long OrderId,
    ClientOrderId ClientId,
    OrderKind Kind,
    bool ClosePosition,
    bool ReduceOnly,
    bool IsTerminal)
{
    /// <summary>The engine's view of an <c>ORDER_TRADE_UPDATE</c> (normal book) for a stop-like or <c>vq-ps-</c> order.</summary>
    public static StopOrderEvent From(in OrderUpdate update) =>
        new(update.Symbol, update.PositionSide, OrderBook.Normal, update.OrderId, update.ClientOrderId, update.Kind,
            update.ClosePosition, update.ReduceOnly, update.Status.IsTerminal());
}

/// <summary>
/// The outcome of a <see cref="CommandKind.PlaceStop"/> or <see cref="CommandKind.CancelStop"/>. <see cref="Ok"/> for a
/// cancel means the order no longer rests (an "unknown order" answer counts as gone); for a placement, that the
/// exchange accepted it with <see cref="AlgoId"/>. An unknown outcome (timeout) is a failure: the next sync adopts the
/// stop if it was placed after all. <see cref="ErrorCode"/> is Binance's code, 0 when none.
/// </summary>
public readonly record struct StopCommandResult(bool Ok, long AlgoId, int ErrorCode)
{
    public static StopCommandResult Placed(long algoId) => new(true, algoId, 0);

    public static StopCommandResult Cancelled => new(true, 0, 0);

    public static StopCommandResult Failed(int errorCode = 0) => new(false, 0, errorCode);
}
