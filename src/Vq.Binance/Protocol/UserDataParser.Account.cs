using System.Text.Json;
using Vq.Core.Primitives;
using static Vq.Binance.Protocol.JsonValues;

namespace Vq.Binance.Protocol;

public static partial class UserDataParser
{
    // ACCOUNT_UPDATE (BINANCE.md §7.3): {"e":"ACCOUNT_UPDATE","E":..,"T":..,"a":{"m":"ORDER",
    //   "B":[{"a":"USDT","wb":..,"cw":..,"bc":..}],"P":[{"s":..,"pa":..,"ep":..,"bep":..,"cr":..,"up":..,"mt":..,"iw":..,"ps":..}]}}
    private static UserDataParseResult ParseAccountUpdate(ref Utf8JsonReader reader, SymbolTable symbols,
        ref ParsedEvent parsed)
    {
        long eventTime = 0, transactionTime = 0;
        string? reason = null;
        var balances = new List<BalanceUpdate>();
        var positions = new List<PositionUpdate>();
        var hasBody = false;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "E": ok = TryInt64(ref reader, out eventTime); break;
                case "T": ok = TryInt64(ref reader, out transactionTime); break;
                case "a":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Bad;
                    }

                    hasBody = true;
                    while (NextProperty(ref reader))
                    {
                        var inner = Key(ref reader);
                        reader.Read();
                        switch (inner)
                        {
                            case "m": ok = TryString(ref reader, out reason); break;
                            case "B": ok = ReadArray(ref reader, balances, static (ref Utf8JsonReader r, List<BalanceUpdate> list) => ReadBalance(ref r, list)); break;
                            case "P": ok = ReadArray(ref reader, positions, (ref Utf8JsonReader r, List<PositionUpdate> list) => ReadPosition(ref r, symbols, list)); break;
                            default: reader.TrySkip(); break;
                        }

                        if (!ok)
                        {
                            return Bad;
                        }
                    }

                    break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        if (!hasBody)
        {
            return Missing;
        }

        parsed.Account = new AccountUpdate(eventTime, transactionTime, reason ?? "", balances, positions);
        return UserDataParseResult.Done(UserDataKind.AccountUpdate);
    }

    private delegate bool ItemReader<T>(ref Utf8JsonReader reader, List<T> list);

    private static bool ReadArray<T>(ref Utf8JsonReader reader, List<T> list, ItemReader<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || !item(ref reader, list))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadBalance(ref Utf8JsonReader reader, List<BalanceUpdate> list)
    {
        string? asset = null;
        decimal wallet = 0, cross = 0, change = 0;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = key switch
            {
                "a" => TryString(ref reader, out asset),
                "wb" => TryDecimal(ref reader, out wallet),
                "cw" => TryDecimal(ref reader, out cross),
                "bc" => TryDecimal(ref reader, out change),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (asset is null)
        {
            return false;
        }

        list.Add(new BalanceUpdate(asset, wallet, cross, change));
        return true;
    }

    private static bool ReadPosition(ref Utf8JsonReader reader, SymbolTable symbols, List<PositionUpdate> list)
    {
        string? symbol = null;
        SymbolId? symbolId = null;
        PositionSide? side = null;
        string? marginType = null;
        decimal amount = 0, entry = 0, breakEven = 0, realized = 0, unrealized = 0, isolatedWallet = 0;
        var hasAmount = false;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            bool ok;
            switch (key)
            {
                case "s":
                    ok = false;
                    if (reader.TokenType == JsonTokenType.String && TryGetScalarBytes(ref reader, out var bytes))
                    {
                        symbol = symbols.GetOrCreateString(bytes, out symbolId);
                        ok = true;
                    }

                    break;
                case "pa": ok = hasAmount = TryDecimal(ref reader, out amount); break;
                case "ep": ok = TryDecimal(ref reader, out entry); break;
                case "bep": ok = TryDecimal(ref reader, out breakEven); break;
                case "cr": ok = TryDecimal(ref reader, out realized); break;
                case "up": ok = TryDecimal(ref reader, out unrealized); break;
                case "mt": ok = TryString(ref reader, out marginType); break;
                case "iw": ok = TryDecimal(ref reader, out isolatedWallet); break;
                case "ps": ok = TryPositionSide(ref reader, out side); break;
                default: ok = reader.TrySkip(); break;
            }

            if (!ok)
            {
                return false;
            }
        }

        if (symbol is null || !hasAmount)
        {
            return false;
        }

        // SPEC §6.3 / §9.15 #130: the sign is forced by the side, whatever Binance sent.
        var normalized = side switch
        {
            PositionSide.Long => Math.Abs(amount),
            PositionSide.Short => -Math.Abs(amount),
            _ => amount,
        };
        list.Add(new PositionUpdate(symbol, symbolId, side, normalized, entry > 0 ? entry : null, breakEven, realized,
            unrealized, marginType, isolatedWallet));
        return true;
    }

    // ACCOUNT_CONFIG_UPDATE: {"e":"ACCOUNT_CONFIG_UPDATE","E":..,"T":..,"ac":{"s":"BTCUSDT","l":25}} or {..,"ai":{"j":true}}.
    // l has been seen as a number and as a string (§9.15 #131).
    private static UserDataParseResult ParseAccountConfigUpdate(ref Utf8JsonReader reader, ref ParsedEvent parsed)
    {
        long eventTime = 0, transactionTime = 0;
        string? symbol = null;
        int? leverage = null;
        bool? multiAssets = null;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = true;
            switch (key)
            {
                case "E": ok = TryInt64(ref reader, out eventTime); break;
                case "T": ok = TryInt64(ref reader, out transactionTime); break;
                case "ac" or "ai" when reader.TokenType == JsonTokenType.StartObject:
                    while (ok && NextProperty(ref reader))
                    {
                        var inner = Key(ref reader);
                        reader.Read();
                        switch (inner)
                        {
                            case "s": ok = TryString(ref reader, out symbol); break;
                            case "l":
                                ok = TryInt32(ref reader, out var l) && l > 0;
                                leverage = l;
                                break;
                            case "j":
                                ok = TryBool(ref reader, out var j);
                                multiAssets = j;
                                break;
                            default: reader.TrySkip(); break;
                        }
                    }

                    break;
                default: reader.TrySkip(); break;
            }

            if (!ok)
            {
                return Bad;
            }
        }

        var e = new AccountConfigUpdate(eventTime, transactionTime, symbol, leverage, multiAssets);
        parsed.Config = e;
        return UserDataParseResult.Done(UserDataKind.AccountConfigUpdate);
    }

    // listenKeyExpired: {"e":"listenKeyExpired","E":"1736996475556","listenKey":"..."}; E is a string or a number.
    private static UserDataParseResult ParseListenKeyExpired(ref Utf8JsonReader reader, ref ParsedEvent parsed)
    {
        long eventTime = 0;
        string? listenKey = null;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = key switch
            {
                "E" => TryInt64(ref reader, out eventTime),
                "listenKey" => TryString(ref reader, out listenKey),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return Bad;
            }
        }

        var e = new ListenKeyExpired(eventTime, listenKey);
        parsed.Expired = e;
        return UserDataParseResult.Done(UserDataKind.ListenKeyExpired);
    }

    // MARGIN_CALL: {"e":"MARGIN_CALL","E":..,"cw":"3.16","p":[{"s":..,"ps":..,"pa":..,"mt":..,"iw":..,"mp":..,"up":..,"mm":..}]}
    private static UserDataParseResult ParseMarginCall(ref Utf8JsonReader reader, ref ParsedEvent parsed)
    {
        long eventTime = 0;
        decimal crossWallet = 0;
        var positions = new List<MarginCallPosition>();
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = key switch
            {
                "E" => TryInt64(ref reader, out eventTime),
                "cw" => TryDecimal(ref reader, out crossWallet),
                "p" => ReadArray(ref reader, positions, static (ref Utf8JsonReader r, List<MarginCallPosition> list) => ReadMarginPosition(ref r, list)),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return Bad;
            }
        }

        parsed.MarginCall = new MarginCall(eventTime, crossWallet, positions);
        return UserDataParseResult.Done(UserDataKind.MarginCall);
    }

    private static bool ReadMarginPosition(ref Utf8JsonReader reader, List<MarginCallPosition> list)
    {
        string? symbol = null, marginType = null;
        PositionSide? side = null;
        decimal amount = 0, isolatedWallet = 0, mark = 0, unrealized = 0, maintenance = 0;
        while (NextProperty(ref reader))
        {
            var key = Key(ref reader);
            reader.Read();
            var ok = key switch
            {
                "s" => TryString(ref reader, out symbol),
                "ps" => TryPositionSide(ref reader, out side),
                "pa" => TryDecimal(ref reader, out amount),
                "mt" => TryString(ref reader, out marginType),
                "iw" => TryDecimal(ref reader, out isolatedWallet),
                "mp" => TryDecimal(ref reader, out mark),
                "up" => TryDecimal(ref reader, out unrealized),
                "mm" => TryDecimal(ref reader, out maintenance),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (symbol is null)
        {
            return false;
        }

        list.Add(new MarginCallPosition(symbol, side, amount, marginType, isolatedWallet, mark, unrealized, maintenance));
        return true;
    }
}
