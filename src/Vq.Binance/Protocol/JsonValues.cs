using System.Buffers;
using System.Text.Json;
using Vq.Core.Primitives;

namespace Vq.Binance.Protocol;

/// <summary>
/// Value readers for hand-written <see cref="Utf8JsonReader"/> loops on the user-data and REST cold paths.
/// Binance sends decimals as strings and sometimes integers as strings (<c>listenKeyExpired.E</c>, <c>ac.l</c>,
/// <c>er</c>), so numbers are accepted from either JSON type. All reads are positioned on the value token.
/// </summary>
internal static class JsonValues
{
    private const int ScratchBytes = 256;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>The string or number token's bytes, unescaped; empty with false when too long or not a scalar.</summary>
    public static bool TryGetScalarBytes(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> bytes)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.PropertyName))
        {
            bytes = default;
            return false;
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            bytes = reader.ValueSpan;
            return true;
        }

        var scratch = t_scratch ??= new byte[ScratchBytes];
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > scratch.Length)
        {
            bytes = default;
            return false;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            reader.ValueSequence.CopyTo(scratch);
            bytes = scratch.AsSpan(0, (int)length);
            return true;
        }

        bytes = scratch.AsSpan(0, reader.CopyString(scratch));
        return true;
    }

    public static bool TryDecimal(scoped ref Utf8JsonReader reader, out decimal value)
    {
        value = 0m;
        return TryGetScalarBytes(ref reader, out var bytes) && Utf8Number.TryParseDecimal(bytes, out value);
    }

    /// <summary>A decimal that may be absent as <c>null</c> or <c>""</c> (e.g. <c>activatePrice</c>).</summary>
    public static bool TryOptionalDecimal(scoped ref Utf8JsonReader reader, out decimal? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (!TryGetScalarBytes(ref reader, out var bytes))
        {
            return false;
        }

        if (bytes.IsEmpty || bytes.SequenceEqual("null"u8))
        {
            return true;
        }

        if (!Utf8Number.TryParseDecimal(bytes, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    public static bool TryInt64(scoped ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return TryGetScalarBytes(ref reader, out var bytes) && Utf8Number.TryParseInt64(bytes, out value);
    }

    /// <summary>An id sent as a string that is <c>""</c> until it exists (<c>ALGO_UPDATE.o.ai</c>).</summary>
    public static bool TryInt64OrEmpty(scoped ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return TryGetScalarBytes(ref reader, out var bytes) && (bytes.IsEmpty || Utf8Number.TryParseInt64(bytes, out value));
    }

    public static bool TryInt32(scoped ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (!TryInt64(ref reader, out var wide) || wide is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)wide;
        return true;
    }

    public static bool TryBool(scoped ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("true"u8):
                value = true;
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("false"u8):
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A string value (allocates: cold paths only); null for JSON null; false for other types.</summary>
    public static bool TryString(scoped ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = reader.GetString();
        return true;
    }

    public static bool TryClientOrderId(scoped ref Utf8JsonReader reader, out ClientOrderId id)
    {
        id = default;
        if (reader.TokenType != JsonTokenType.String || !TryGetScalarBytes(ref reader, out var bytes))
        {
            return false;
        }

        // Ids outside the pattern (a liquidation's long autoclose id, say) are legal on the wire; they are not ours.
        ClientOrderId.TryCreate(bytes, out id);
        return true;
    }

    public static bool TrySide(scoped ref Utf8JsonReader reader, out OrderSide side)
    {
        side = OrderSide.Buy;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueTextEquals("BUY"u8))
        {
            return true;
        }

        side = OrderSide.Sell;
        return reader.ValueTextEquals("SELL"u8);
    }

    /// <summary>LONG/SHORT → the side; BOTH or anything else → null (not a hedge leg, D11).</summary>
    public static bool TryPositionSide(scoped ref Utf8JsonReader reader, out PositionSide? side)
    {
        side = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TokenType == JsonTokenType.Null;
        }

        if (reader.ValueTextEquals("LONG"u8))
        {
            side = PositionSide.Long;
        }
        else if (reader.ValueTextEquals("SHORT"u8))
        {
            side = PositionSide.Short;
        }

        return true;
    }

    public static OrderType ReadOrderType(scoped ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? OrderType.Unknown
        : reader.ValueTextEquals("LIMIT"u8) ? OrderType.Limit
        : reader.ValueTextEquals("MARKET"u8) ? OrderType.Market
        : reader.ValueTextEquals("STOP"u8) ? OrderType.Stop
        : reader.ValueTextEquals("STOP_MARKET"u8) ? OrderType.StopMarket
        : reader.ValueTextEquals("TAKE_PROFIT"u8) ? OrderType.TakeProfit
        : reader.ValueTextEquals("TAKE_PROFIT_MARKET"u8) ? OrderType.TakeProfitMarket
        : reader.ValueTextEquals("TRAILING_STOP_MARKET"u8) ? OrderType.TrailingStopMarket
        : reader.ValueTextEquals("LIQUIDATION"u8) ? OrderType.Liquidation
        : OrderType.Unknown;

    public static TimeInForce? ReadTimeInForce(scoped ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("GTC"u8) ? TimeInForce.Gtc
        : reader.ValueTextEquals("IOC"u8) ? TimeInForce.Ioc
        : reader.ValueTextEquals("FOK"u8) ? TimeInForce.Fok
        : reader.ValueTextEquals("GTX"u8) ? TimeInForce.Gtx
        : null;

    /// <summary>Order status with D11: EXPIRED_IN_MATCH → Expired. False when the string is not a known status.</summary>
    public static bool TryOrderStatus(scoped ref Utf8JsonReader reader, out OrderStatus status, out bool expiredInMatch)
    {
        expiredInMatch = false;
        status = OrderStatus.New;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueTextEquals("NEW"u8))
        {
            return true;
        }

        if (reader.ValueTextEquals("PARTIALLY_FILLED"u8))
        {
            status = OrderStatus.PartiallyFilled;
            return true;
        }

        if (reader.ValueTextEquals("FILLED"u8))
        {
            status = OrderStatus.Filled;
            return true;
        }

        if (reader.ValueTextEquals("CANCELED"u8))
        {
            status = OrderStatus.Canceled;
            return true;
        }

        if (reader.ValueTextEquals("REJECTED"u8))
        {
            status = OrderStatus.Rejected;
            return true;
        }

        if (reader.ValueTextEquals("EXPIRED"u8))
        {
            status = OrderStatus.Expired;
            return true;
        }

        if (reader.ValueTextEquals("EXPIRED_IN_MATCH"u8))
        {
            status = OrderStatus.Expired;
            expiredInMatch = true;
            return true;
        }

        return false;
    }

    public static ExecutionType ReadExecutionType(scoped ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? ExecutionType.Unknown
        : reader.ValueTextEquals("NEW"u8) ? ExecutionType.New
        : reader.ValueTextEquals("TRADE"u8) ? ExecutionType.Trade
        : reader.ValueTextEquals("CANCELED"u8) ? ExecutionType.Canceled
        : reader.ValueTextEquals("EXPIRED"u8) ? ExecutionType.Expired
        : reader.ValueTextEquals("AMENDMENT"u8) ? ExecutionType.Amendment
        : reader.ValueTextEquals("CALCULATED"u8) ? ExecutionType.Calculated
        : ExecutionType.Unknown;

    public static AlgoStatus ReadAlgoStatus(scoped ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? AlgoStatus.Unknown
        : reader.ValueTextEquals("NEW"u8) ? AlgoStatus.New
        : reader.ValueTextEquals("CANCELED"u8) ? AlgoStatus.Canceled
        : reader.ValueTextEquals("TRIGGERING"u8) ? AlgoStatus.Triggering
        : reader.ValueTextEquals("TRIGGERED"u8) ? AlgoStatus.Triggered
        : reader.ValueTextEquals("FINISHED"u8) ? AlgoStatus.Finished
        : reader.ValueTextEquals("REJECTED"u8) ? AlgoStatus.Rejected
        : reader.ValueTextEquals("EXPIRED"u8) ? AlgoStatus.Expired
        : AlgoStatus.Unknown;
}
