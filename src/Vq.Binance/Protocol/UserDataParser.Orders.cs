using System.Text.Json;
using Vq.Core.Primitives;
using static Vq.Binance.Protocol.JsonValues;

namespace Vq.Binance.Protocol;

public static partial class UserDataParser
{
    // ORDER_TRADE_UPDATE (BINANCE.md §7.1):
    // {"e":"ORDER_TRADE_UPDATE","E":..,"T":..,"o":{"s":..,"c":..,"S":..,"o":..,"f":..,"q":..,"p":..,"ap":..,"sp":..,
    //  "x":..,"X":..,"i":..,"l":..,"z":..,"L":..,"N":..,"n":..,"T":..,"t":..,"m":..,"R":..,"ot":..,"ps":..,"cp":..,
    //  "rp":..,"er":..}}   (N and n are absent when there is no commission)
    private static UserDataParseResult ParseOrderTradeUpdate(ref Utf8JsonReader reader, SymbolTable symbols,
        ref ParsedEvent parsed)
    {
        long eventTime = 0, transactionTime = 0;
        OrderTradeUpdate order = default;
        var hasOrder = false;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "E": ok = TryInt64(ref reader, out eventTime); break;
                case "T": ok = TryInt64(ref reader, out transactionTime); break;
                case "o":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Bad;
                    }

                    var inner = ParseOrderObject(ref reader, symbols, out order);
                    if (inner.Status != ParseStatus.Done)
                    {
                        return inner;
                    }

                    hasOrder = true;
                    break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        if (!hasOrder)
        {
            return Missing;
        }

        var e = order with { EventTime = eventTime, TransactionTime = transactionTime };
        parsed.Order = e;
        return UserDataParseResult.Done(UserDataKind.OrderTradeUpdate);
    }

    private static UserDataParseResult ParseOrderObject(ref Utf8JsonReader reader, SymbolTable symbols, out OrderTradeUpdate order)
    {
        order = default;
        string? symbol = null;
        SymbolId? symbolId = null;
        ClientOrderId clientOrderId = default;
        OrderSide side = default;
        OrderType type = default, originalType = default;
        TimeInForce? tif = null;
        decimal qty = 0, price = 0, avg = 0, stop = 0, last = 0, cum = 0, lastPrice = 0, realized = 0;
        decimal? commission = null;
        string? commissionAsset = null;
        var execution = ExecutionType.Unknown;
        OrderStatus status = default;
        bool statusKnown = false, expiredInMatch = false, maker = false, reduceOnly = false, closePosition = false;
        long orderId = 0, tradeTime = 0, tradeId = 0;
        PositionSide? positionSide = null;
        var expireReason = 0;
        bool hasSymbol = false, hasClientId = false, hasSide = false, hasStatus = false, hasOrderId = false;

        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "s":
                    if (reader.TokenType == JsonTokenType.String && TryGetScalarBytes(ref reader, out var symbolBytes))
                    {
                        symbol = symbols.GetOrCreateString(symbolBytes, out symbolId);
                        hasSymbol = true;
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                case "c": ok = hasClientId = TryClientOrderId(ref reader, out clientOrderId); break;
                case "S": ok = hasSide = TrySide(ref reader, out side); break;
                case "o": type = ReadOrderType(ref reader); break;
                case "ot": originalType = ReadOrderType(ref reader); break;
                case "f": tif = ReadTimeInForce(ref reader); break;
                case "q": ok = TryDecimal(ref reader, out qty); break;
                case "p": ok = TryDecimal(ref reader, out price); break;
                case "ap": ok = TryDecimal(ref reader, out avg); break;
                case "sp": ok = TryDecimal(ref reader, out stop); break;
                case "x": execution = ReadExecutionType(ref reader); break;
                case "X":
                    hasStatus = reader.TokenType == JsonTokenType.String;
                    statusKnown = TryOrderStatus(ref reader, out status, out expiredInMatch);
                    ok = hasStatus;
                    break;
                case "i": ok = hasOrderId = TryInt64(ref reader, out orderId); break;
                case "l": ok = TryDecimal(ref reader, out last); break;
                case "z": ok = TryDecimal(ref reader, out cum); break;
                case "L": ok = TryDecimal(ref reader, out lastPrice); break;
                case "N": ok = TryString(ref reader, out commissionAsset); break;
                case "n": ok = TryOptionalDecimal(ref reader, out commission); break;
                case "T": ok = TryInt64(ref reader, out tradeTime); break;
                case "t": ok = TryInt64(ref reader, out tradeId); break;
                case "m": ok = TryBool(ref reader, out maker); break;
                case "R": ok = TryBool(ref reader, out reduceOnly); break;
                case "cp": ok = TryBool(ref reader, out closePosition); break;
                case "ps": ok = TryPositionSide(ref reader, out positionSide); break;
                case "rp": ok = TryDecimal(ref reader, out realized); break;
                case "er": ok = TryInt32(ref reader, out expireReason); break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        if (!hasSymbol || !hasClientId || !hasSide || !hasStatus || !hasOrderId)
        {
            return Missing;
        }

        order = new OrderTradeUpdate
        {
            Symbol = symbol!,
            SymbolId = symbolId,
            ClientOrderId = clientOrderId,
            Side = side,
            OrderType = type,
            OriginalOrderType = originalType,
            TimeInForce = tif,
            OriginalQty = qty,
            Price = price,
            AveragePrice = avg,
            StopPrice = stop,
            ExecutionType = execution,
            Status = status,
            StatusRecognized = statusKnown,
            IsExpiredInMatch = expiredInMatch,
            OrderId = orderId,
            LastFilledQty = last,
            CumulativeFilledQty = cum,
            LastFilledPrice = lastPrice,
            CommissionAsset = commissionAsset,
            Commission = commission,
            TradeTime = tradeTime,
            TradeId = tradeId,
            IsMaker = maker,
            IsReduceOnly = reduceOnly,
            ClosePosition = closePosition,
            PositionSide = positionSide,
            RealizedProfit = realized,
            ExpireReason = expireReason,
        };
        return UserDataParseResult.Done(UserDataKind.OrderTradeUpdate);
    }

    // ALGO_UPDATE (BINANCE.md §7.4): {"e":"ALGO_UPDATE","T":..,"E":..,"o":{"caid":..,"aid":..,"at":..,"o":..,"s":..,
    //  "S":..,"ps":..,"f":..,"q":..,"X":..,"ai":"",...}}. T and E are both timestamps (their labels are swapped in the docs).
    private static UserDataParseResult ParseAlgoUpdate(ref Utf8JsonReader reader, SymbolTable symbols,
        ref ParsedEvent parsed)
    {
        long eventTime = 0, transactionTime = 0;
        AlgoUpdate? algo = null;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "E": ok = TryInt64(ref reader, out eventTime); break;
                case "T": ok = TryInt64(ref reader, out transactionTime); break;
                case "o":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Bad;
                    }

                    var inner = ParseAlgoObject(ref reader, symbols, out algo);
                    if (inner.Status != ParseStatus.Done)
                    {
                        return inner;
                    }

                    break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        if (algo is null)
        {
            return Missing;
        }

        parsed.Algo = algo with { EventTime = eventTime, TransactionTime = transactionTime };
        return UserDataParseResult.Done(UserDataKind.AlgoUpdate);
    }

    private static UserDataParseResult ParseAlgoObject(ref Utf8JsonReader reader, SymbolTable symbols, out AlgoUpdate? algo)
    {
        algo = null;
        var a = new AlgoUpdate();
        bool hasId = false, hasSymbol = false, hasStatus = false;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "caid": ok = TryString(ref reader, out var caid); a = a with { ClientAlgoId = caid ?? "" }; break;
                case "aid": ok = hasId = TryInt64(ref reader, out var aid); a = a with { AlgoId = aid }; break;
                case "at": ok = TryString(ref reader, out var at); a = a with { AlgoType = at }; break;
                case "o": a = a with { OrderType = ReadOrderType(ref reader) }; break;
                case "s":
                    if (reader.TokenType == JsonTokenType.String && TryGetScalarBytes(ref reader, out var symbolBytes))
                    {
                        var name = symbols.GetOrCreateString(symbolBytes, out var id);
                        a = a with { Symbol = name, SymbolId = id };
                        hasSymbol = true;
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                case "S": ok = TrySide(ref reader, out var side); a = a with { Side = side }; break;
                case "ps": ok = TryPositionSide(ref reader, out var ps); a = a with { PositionSide = ps }; break;
                case "f": ok = TryString(ref reader, out var f); a = a with { TimeInForce = f }; break;
                case "q": ok = TryDecimal(ref reader, out var q); a = a with { Quantity = q }; break;
                case "X": hasStatus = true; a = a with { Status = ReadAlgoStatus(ref reader) }; break;
                case "ai": ok = TryInt64OrEmpty(ref reader, out var ai); a = a with { ActualOrderId = ai }; break;
                case "ap": ok = TryDecimal(ref reader, out var ap); a = a with { ActualAveragePrice = ap }; break;
                case "aq": ok = TryDecimal(ref reader, out var aq); a = a with { ActualQty = aq }; break;
                case "act": a = a with { ActualOrderType = ReadOrderType(ref reader) }; break;
                case "tp": ok = TryDecimal(ref reader, out var tp); a = a with { TriggerPrice = tp }; break;
                case "p": ok = TryDecimal(ref reader, out var p); a = a with { Price = p }; break;
                case "V": ok = TryString(ref reader, out var v); a = a with { SelfTradePreventionMode = v }; break;
                case "wt": ok = TryString(ref reader, out var wt); a = a with { WorkingType = wt }; break;
                case "pm": ok = TryString(ref reader, out var pm); a = a with { PriceMatch = pm }; break;
                case "cp": ok = TryBool(ref reader, out var cp); a = a with { ClosePosition = cp }; break;
                case "pP": ok = TryBool(ref reader, out var pp); a = a with { PriceProtect = pp }; break;
                case "R": ok = TryBool(ref reader, out var r); a = a with { ReduceOnly = r }; break;
                case "tt": ok = TryInt64(ref reader, out var tt); a = a with { TriggerTime = tt }; break;
                case "gtd": ok = TryInt64(ref reader, out var gtd); a = a with { GoodTillDate = gtd }; break;
                case "rm": ok = TryString(ref reader, out var rm); a = a with { FailureReason = rm }; break;
                case "ia": ok = TryBool(ref reader, out var ia); a = a with { IsActivated = ia }; break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        if (!hasId || !hasSymbol || !hasStatus)
        {
            return Missing;
        }

        algo = a;
        return UserDataParseResult.Done(UserDataKind.AlgoUpdate);
    }
}
