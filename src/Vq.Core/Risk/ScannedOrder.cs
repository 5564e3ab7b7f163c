using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>Which list (and so which cancel endpoint, P22) an open order came from.</summary>
public enum OrderBook : byte
{
    /// <summary><c>GET /fapi/v1/openOrders</c>; cancelled with <c>DELETE /fapi/v1/order</c>.</summary>
    Normal = 0,
    /// <summary><c>GET /fapi/v1/openAlgoOrders</c>; cancelled with <c>DELETE /fapi/v1/algoOrder</c>.</summary>
    Algo = 1,
}

/// <summary>Order types relevant to stop detection (wire names via <see cref="OrderKinds.FromWireName"/>).</summary>
public enum OrderKind : byte
{
    Other = 0,
    Limit = 1,
    Market = 2,
    Stop = 3,
    StopMarket = 4,
    TakeProfit = 5,
    TakeProfitMarket = 6,
    TrailingStopMarket = 7,
}

/// <summary>
/// One open order of the symbol as the protective-stop REST scan sees it (normal and algo lists merged).
/// The wire parser fills it: <paramref name="OrderId"/> is the algoId for algo orders and the orderId otherwise;
/// <paramref name="ClientId"/> is <c>clientAlgoId</c> or <c>clientOrderId</c> (empty if absent or malformed);
/// <paramref name="Kind"/> comes from <c>orderType</c>, else <c>type</c>; <paramref name="PositionSide"/> is null for
/// <c>BOTH</c> or a missing field; <paramref name="TriggerPrice"/> is <c>triggerPrice</c>, else <c>stopPrice</c>, null
/// when absent or ≤ 0. The booleans may arrive as JSON booleans, <c>"true"</c>/<c>"false"</c> or <c>"1"</c>/<c>"0"</c>
/// (P14): the parser coerces them, and a value it cannot read is false.
/// </summary>
public readonly record struct ScannedOrder(
    OrderBook Book,
    long OrderId,
    ClientOrderId ClientId,
    OrderKind Kind,
    PositionSide? PositionSide,
    bool ClosePosition,
    bool ReduceOnly,
    decimal? TriggerPrice);

public static class OrderKinds
{
    /// <summary>P14: the conditional types that act as a stop or take-profit on a leg.</summary>
    public static bool IsStopLike(this OrderKind kind) =>
        kind is OrderKind.StopMarket or OrderKind.TakeProfitMarket or OrderKind.Stop or OrderKind.TakeProfit;

    /// <summary>
    /// P14: a user's order that takes over protection of a leg: a stop-like type that closes the position
    /// (<c>closePosition</c>) or only reduces it (<c>reduceOnly</c>). The caller has already ruled out our own ids.
    /// Used for REST orders, <c>ORDER_TRADE_UPDATE</c> (<c>o</c>, <c>cp</c>, <c>R</c>) and <c>ALGO_UPDATE</c> alike.
    /// </summary>
    public static bool IsExternalStop(OrderKind kind, bool closePosition, bool reduceOnly) =>
        kind.IsStopLike() && (closePosition || reduceOnly);

    public static OrderKind FromWireName(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("STOP_MARKET"u8))
        {
            return OrderKind.StopMarket;
        }

        if (name.SequenceEqual("TAKE_PROFIT_MARKET"u8))
        {
            return OrderKind.TakeProfitMarket;
        }

        if (name.SequenceEqual("STOP"u8))
        {
            return OrderKind.Stop;
        }

        if (name.SequenceEqual("TAKE_PROFIT"u8))
        {
            return OrderKind.TakeProfit;
        }

        if (name.SequenceEqual("LIMIT"u8))
        {
            return OrderKind.Limit;
        }

        if (name.SequenceEqual("MARKET"u8))
        {
            return OrderKind.Market;
        }

        return name.SequenceEqual("TRAILING_STOP_MARKET"u8) ? OrderKind.TrailingStopMarket : OrderKind.Other;
    }
}
