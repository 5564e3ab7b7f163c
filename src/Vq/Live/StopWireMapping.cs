using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Live;

/// <summary>Wire shapes of conditional orders (REST lists, ALGO_UPDATE, cancel answers) → the stop coordinator's. Pure.</summary>
internal static class StopWireMapping
{
    /// <summary>A <c>GET /fapi/v1/openOrders</c> row: <c>stopPrice</c> is the trigger (absent or 0 → none).</summary>
    public static ScannedOrder ToScanned(OrderInfo o)
    {
        ClientOrderId.TryCreate((o.ClientOrderId ?? "").AsSpan(), out var cid);
        return new ScannedOrder(OrderBook.Normal, o.OrderId, cid, WireMapping.ParseKind(o.OrigType ?? o.Type),
            WireMapping.ParsePositionSide(o.PositionSide), o.ClosePosition, o.ReduceOnly, o.StopPrice > 0m ? o.StopPrice : null);
    }

    /// <summary>A <c>GET /fapi/v1/openAlgoOrders</c> row: the id is the algoId, the type <c>orderType</c> (else <c>type</c>).</summary>
    public static ScannedOrder ToScanned(AlgoOrderInfo o)
    {
        ClientOrderId.TryCreate((o.ClientAlgoId ?? "").AsSpan(), out var cid);
        return new ScannedOrder(OrderBook.Algo, o.AlgoId, cid, WireMapping.ParseKind(o.EffectiveOrderType),
            WireMapping.ParsePositionSide(o.PositionSide), o.ClosePosition, o.ReduceOnly, o.TriggerPrice > 0m ? o.TriggerPrice : null);
    }

    /// <summary>
    /// <c>ALGO_UPDATE</c> (BINANCE.md §7.4, SPEC §4.5): terminal are CANCELED, TRIGGERED, FINISHED, REJECTED and
    /// EXPIRED; NEW and TRIGGERING are not. A missing or BOTH <c>ps</c> stays null (an external one then latches both legs).
    /// </summary>
    public static StopOrderEvent ToStopEvent(int symbol, AlgoUpdate update)
    {
        ClientOrderId.TryCreate(update.ClientAlgoId.AsSpan(), out var clientId);
        var terminal = update.Status is AlgoStatus.Canceled or AlgoStatus.Triggered or AlgoStatus.Finished
            or AlgoStatus.Rejected or AlgoStatus.Expired;
        return new StopOrderEvent(symbol, update.PositionSide, OrderBook.Algo, update.AlgoId, clientId,
            WireMapping.ToKind(update.OrderType), update.ClosePosition, update.ReduceOnly, terminal);
    }

    /// <summary>"Unknown order" (-2011) means the order no longer rests: for the coordinator that is a done cancel.</summary>
    public static StopCommandResult ToCancelResult(bool ok, ApiOutcome outcome, int code) =>
        ok || (outcome == ApiOutcome.Rejected && code == -2011) ? StopCommandResult.Cancelled : StopCommandResult.Failed(code);
}
