using System.Buffers.Text;
using System.Text.Json;

namespace Vq.Sim.Market;

public enum ReplayParseStatus { Done, Skipped, Invalid }

/// <summary>
/// Parses one JSONL line of a Binance market recording (shared/data/market README: the <c>data</c> part of a combined
/// stream message) into a <see cref="MarketEvent"/>. Shapes:
/// <c>{"e":"bookTicker","E":..,"s":..,"b":"..","B":"..","a":"..","A":".."}</c>,
/// <c>{"e":"aggTrade","E":..,"s":..,"p":"..","q":"..","m":bool}</c>,
/// <c>{"e":"markPriceUpdate","E":..,"s":..,"p":"..","i":"..","r":".."}</c>. Unknown keys are skipped; other event
/// types are <see cref="ReplayParseStatus.Skipped"/>. Pure: no I/O.
/// </summary>
public static class ReplayLineParser
{
    public static ReplayParseStatus TryParse(ReadOnlySpan<byte> line, out MarketEvent result)
    {
        result = default;
        var reader = new Utf8JsonReader(line);
        string? type = null, symbol = null;
        long eventTime = 0;
        decimal b = 0m, bq = 0m, a = 0m, aq = 0m, p = 0m, q = 0m, i = 0m, r = 0m;
        var m = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ReplayParseStatus.Invalid;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.ValueSpan;
                if (!reader.Read())
                {
                    return ReplayParseStatus.Invalid;
                }

                if (key.Length != 1)
                {
                    reader.Skip();
                    continue;
                }

                switch (key[0])
                {
                    case (byte)'e': type = reader.GetString(); break;
                    case (byte)'s': symbol = reader.GetString(); break;
                    case (byte)'E': eventTime = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0; break;
                    case (byte)'b': b = Dec(ref reader); break;
                    case (byte)'B': bq = Dec(ref reader); break;
                    case (byte)'a': a = reader.TokenType == JsonTokenType.String ? Dec(ref reader) : a; break;
                    case (byte)'A': aq = Dec(ref reader); break;
                    case (byte)'p': p = Dec(ref reader); break;
                    case (byte)'q': q = Dec(ref reader); break;
                    case (byte)'i': i = Dec(ref reader); break;
                    case (byte)'r': r = Dec(ref reader); break;
                    case (byte)'m': m = reader.TokenType == JsonTokenType.True; break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException)
        {
            return ReplayParseStatus.Invalid;
        }

        if (symbol is null || type is null)
        {
            return ReplayParseStatus.Invalid;
        }

        switch (type)
        {
            case "bookTicker":
                result = new MarketEvent(MarketEventKind.Quote, symbol, eventTime, b, bq, a, aq);
                return b > 0m && a > 0m ? ReplayParseStatus.Done : ReplayParseStatus.Invalid;
            case "aggTrade" or "trade":
                result = new MarketEvent(MarketEventKind.Trade, symbol, eventTime, Price: p, Qty: q, BuyerIsMaker: m);
                return p > 0m && q > 0m ? ReplayParseStatus.Done : ReplayParseStatus.Invalid;
            case "markPriceUpdate":
                result = new MarketEvent(MarketEventKind.Mark, symbol, eventTime, Price: p, Index: i, FundingRate: r);
                return p > 0m ? ReplayParseStatus.Done : ReplayParseStatus.Invalid;
            default:
                return ReplayParseStatus.Skipped;
        }
    }

    private static decimal Dec(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return 0m;
        }

        // Binance sends decimals as strings: parse the bytes, never through a .NET string.
        return Utf8Parser.TryParse(reader.ValueSpan, out decimal value, out var consumed) && consumed == reader.ValueSpan.Length ? value : 0m;
    }
}
