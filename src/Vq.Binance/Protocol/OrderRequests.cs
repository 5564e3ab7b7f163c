using Vq.Core.Primitives;

namespace Vq.Binance.Protocol;

/// <summary>
/// A hedge-mode LIMIT close order for <c>POST /fapi/v1/order</c> (BINANCE.md §3.6). <see cref="Side"/> must be the
/// side that closes <see cref="PositionSide"/> (SELL+LONG, BUY+SHORT): vq never opens or increases a position.
/// </summary>
public readonly record struct LimitOrderRequest(
    string Symbol,
    OrderSide Side,
    PositionSide PositionSide,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal Price,
    ClientOrderId ClientOrderId);

/// <summary>
/// The protective stop (SPEC §4.4/§4.5, D17): algo CONDITIONAL STOP_MARKET, <c>workingType=MARK_PRICE</c>,
/// <c>closePosition=true</c>, no quantity, no timeInForce, no reduceOnly. The side is the leg's close side.
/// </summary>
public readonly record struct StopMarketRequest(
    string Symbol,
    PositionSide PositionSide,
    decimal TriggerPrice,
    ClientOrderId ClientAlgoId);

/// <summary>Identifies an order by exchange id (when &gt; 0) or else by client order id.</summary>
public readonly record struct OrderRef(string Symbol, long OrderId, ClientOrderId ClientOrderId)
{
    public static OrderRef ById(string symbol, long orderId) => new(symbol, orderId, default);

    public static OrderRef ByClientId(string symbol, ClientOrderId clientOrderId) => new(symbol, 0, clientOrderId);
}

/// <summary>Identifies an algo order by <c>algoId</c> (when &gt; 0) or else by <c>clientAlgoId</c>.</summary>
public readonly record struct AlgoOrderRef(string Symbol, long AlgoId, ClientOrderId ClientAlgoId)
{
    public static AlgoOrderRef ById(string symbol, long algoId) => new(symbol, algoId, default);

    public static AlgoOrderRef ByClientId(string symbol, ClientOrderId clientAlgoId) => new(symbol, 0, clientAlgoId);
}

public enum EncodeError : byte
{
    None = 0,
    BufferTooSmall,
    MissingSymbol,
    NonPositiveQuantity,
    NonPositivePrice,
    /// <summary>The side would open or increase the leg (BUY+LONG or SELL+SHORT).</summary>
    WouldOpenPosition,
    MissingClientOrderId,
    MissingOrderReference,
}

/// <summary>
/// Writes order parameters in wire form. Never writes <c>reduceOnly</c>: in hedge mode Binance rejects it (-1106),
/// even as "false" (BINANCE.md §4.1, D17). Thread-safety: static and pure.
/// </summary>
public static class OrderEncoder
{
    public static EncodeError WriteLimitOrder(ref QueryWriter writer, in LimitOrderRequest order)
    {
        if (string.IsNullOrEmpty(order.Symbol))
        {
            return EncodeError.MissingSymbol;
        }

        if (order.Quantity <= 0m)
        {
            return EncodeError.NonPositiveQuantity;
        }

        if (order.Price <= 0m)
        {
            return EncodeError.NonPositivePrice;
        }

        if (order.Side != order.PositionSide.CloseSide())
        {
            return EncodeError.WouldOpenPosition;
        }

        if (order.ClientOrderId.IsEmpty)
        {
            return EncodeError.MissingClientOrderId;
        }

        writer.Add("symbol"u8, order.Symbol.AsSpan());
        writer.Add("side"u8, SideBytes(order.Side));
        writer.Add("positionSide"u8, PositionSideBytes(order.PositionSide));
        writer.Add("type"u8, "LIMIT"u8);
        writer.Add("timeInForce"u8, TimeInForceBytes(order.TimeInForce));
        writer.Add("quantity"u8, order.Quantity);
        writer.Add("price"u8, order.Price);
        var clientOrderId = order.ClientOrderId;
        writer.Add("newClientOrderId"u8, clientOrderId.AsSpan());
        return writer.Overflowed ? EncodeError.BufferTooSmall : EncodeError.None;
    }

    /// <summary>For cancel (DELETE) and query (GET) of <c>/fapi/v1/order</c>: symbol plus orderId or origClientOrderId.</summary>
    public static EncodeError WriteOrderRef(ref QueryWriter writer, in OrderRef order)
    {
        if (string.IsNullOrEmpty(order.Symbol))
        {
            return EncodeError.MissingSymbol;
        }

        writer.Add("symbol"u8, order.Symbol.AsSpan());
        if (order.OrderId > 0)
        {
            writer.Add("orderId"u8, order.OrderId);
        }
        else if (!order.ClientOrderId.IsEmpty)
        {
            var clientOrderId = order.ClientOrderId;
            writer.Add("origClientOrderId"u8, clientOrderId.AsSpan());
        }
        else
        {
            return EncodeError.MissingOrderReference;
        }

        return writer.Overflowed ? EncodeError.BufferTooSmall : EncodeError.None;
    }

    public static EncodeError WriteStopMarket(ref QueryWriter writer, in StopMarketRequest stop)
    {
        if (string.IsNullOrEmpty(stop.Symbol))
        {
            return EncodeError.MissingSymbol;
        }

        if (stop.TriggerPrice <= 0m)
        {
            return EncodeError.NonPositivePrice;
        }

        if (stop.ClientAlgoId.IsEmpty)
        {
            return EncodeError.MissingClientOrderId;
        }

        writer.Add("algoType"u8, "CONDITIONAL"u8);
        writer.Add("symbol"u8, stop.Symbol.AsSpan());
        writer.Add("side"u8, SideBytes(stop.PositionSide.CloseSide()));
        writer.Add("positionSide"u8, PositionSideBytes(stop.PositionSide));
        writer.Add("type"u8, "STOP_MARKET"u8);
        writer.Add("triggerPrice"u8, stop.TriggerPrice);
        writer.Add("workingType"u8, "MARK_PRICE"u8);
        writer.Add("closePosition"u8, "true"u8);
        var clientAlgoId = stop.ClientAlgoId;
        writer.Add("clientAlgoId"u8, clientAlgoId.AsSpan());
        return writer.Overflowed ? EncodeError.BufferTooSmall : EncodeError.None;
    }

    /// <summary>For algo cancel (DELETE) and query (GET): symbol plus algoId or clientAlgoId.</summary>
    public static EncodeError WriteAlgoRef(ref QueryWriter writer, in AlgoOrderRef algo)
    {
        if (string.IsNullOrEmpty(algo.Symbol))
        {
            return EncodeError.MissingSymbol;
        }

        writer.Add("symbol"u8, algo.Symbol.AsSpan());
        if (algo.AlgoId > 0)
        {
            writer.Add("algoId"u8, algo.AlgoId);
        }
        else if (!algo.ClientAlgoId.IsEmpty)
        {
            var clientAlgoId = algo.ClientAlgoId;
            writer.Add("clientAlgoId"u8, clientAlgoId.AsSpan());
        }
        else
        {
            return EncodeError.MissingOrderReference;
        }

        return writer.Overflowed ? EncodeError.BufferTooSmall : EncodeError.None;
    }

    /// <summary>The SIGNED suffix before the signature (BINANCE.md §2.3): <c>recvWindow</c> and <c>timestamp</c> (ms).</summary>
    public static void WriteTiming(ref QueryWriter writer, int recvWindowMs, long timestampMs)
    {
        writer.Add("recvWindow"u8, recvWindowMs);
        writer.Add("timestamp"u8, timestampMs);
    }

    private static ReadOnlySpan<byte> SideBytes(OrderSide side) => side == OrderSide.Buy ? "BUY"u8 : "SELL"u8;

    private static ReadOnlySpan<byte> PositionSideBytes(PositionSide side) => side == PositionSide.Long ? "LONG"u8 : "SHORT"u8;

    private static ReadOnlySpan<byte> TimeInForceBytes(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC"u8,
        TimeInForce.Ioc => "IOC"u8,
        TimeInForce.Fok => "FOK"u8,
        _ => "GTX"u8,
    };
}
