using System.Runtime.CompilerServices;

namespace Vq.Binance.Protocol;

// Exact-layout shortcuts for the two hot streams. Binance writes bookTicker and aggTrade with a fixed key order
// (recorded 2023–2024 USDⓈ-M frames, BINANCE.md §6):
//   {"e":"bookTicker","u":<int>,"E":<int>,"T":<int>,"s":"<sym>","b":"<dec>","B":"<dec>","a":"<dec>","A":"<dec>"}
//   {"e":"aggTrade","E":<int>,"a":<int>,"s":"<sym>","p":"<dec>","q":"<dec>","f":<int>,"l":<int>,"T":<int>,"m":<bool>}
// When the object is byte-for-byte that shape, keys are matched as literals instead of being scanned and dispatched
// one by one. Values go through the same scanners and the same MarketFields slots as the general flat loop, so
// the result is identical; any other shape (another order, an extra or missing key, whitespace, an unusual number)
// returns false, the fields are reset, and the general loop starts over at the same position.
internal static partial class MarketFastPath
{
    /// <summary>At the object's <c>{</c>: true with pos after the closing brace when the object has an exact hot layout.</summary>
    private static bool TryExactLayout(ReadOnlySpan<byte> f, ref int pos, SymbolTable symbols, ref MarketFields fields)
    {
        var p = pos;
        var ok = f[p..].StartsWith("{\"e\":\"bookTicker\",\"u\":"u8)
            ? BookTickerLayout(f, ref p, symbols, ref fields)
            : f[p..].StartsWith("{\"e\":\"aggTrade\",\"E\":"u8) && AggTradeLayout(f, ref p, symbols, ref fields);
        if (!ok)
        {
            fields.Reset();
            return false;
        }

        pos = p;
        return true;
    }

    private static bool BookTickerLayout(ReadOnlySpan<byte> f, ref int p, SymbolTable symbols, ref MarketFields fields)
    {
        fields.Apply("e"u8, JsonValueKind.String, "bookTicker"u8, symbols);
        p += 22;
        return Integer(f, ref p, "u"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"E\":"u8) && Integer(f, ref p, "E"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"T\":"u8) && Integer(f, ref p, "T"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"s\":"u8) && Symbol(f, ref p, symbols, ref fields)
            && Literal(f, ref p, ",\"b\":"u8) && Decimal(f, ref p, "b"u8, ref fields)
            && Literal(f, ref p, ",\"B\":"u8) && Decimal(f, ref p, "B"u8, ref fields)
            && Literal(f, ref p, ",\"a\":"u8) && Decimal(f, ref p, "a"u8, ref fields)
            && Literal(f, ref p, ",\"A\":"u8) && Decimal(f, ref p, "A"u8, ref fields)
            && Literal(f, ref p, "}"u8);
    }

    private static bool AggTradeLayout(ReadOnlySpan<byte> f, ref int p, SymbolTable symbols, ref MarketFields fields)
    {
        fields.Apply("e"u8, JsonValueKind.String, "aggTrade"u8, symbols);
        p += 20;
        return Integer(f, ref p, "E"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"a\":"u8) && Integer(f, ref p, "a"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"s\":"u8) && Symbol(f, ref p, symbols, ref fields)
            && Literal(f, ref p, ",\"p\":"u8) && Decimal(f, ref p, "p"u8, ref fields)
            && Literal(f, ref p, ",\"q\":"u8) && Decimal(f, ref p, "q"u8, ref fields)
            && Literal(f, ref p, ",\"f\":"u8) && Integer(f, ref p, "f"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"l\":"u8) && Integer(f, ref p, "l"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"T\":"u8) && Integer(f, ref p, "T"u8, symbols, ref fields)
            && Literal(f, ref p, ",\"m\":"u8) && Boolean(f, ref p, symbols, ref fields)
            && Literal(f, ref p, "}"u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Literal(ReadOnlySpan<byte> f, ref int p, ReadOnlySpan<byte> literal)
    {
        if (!f[p..].StartsWith(literal))
        {
            return false;
        }

        p += literal.Length;
        return true;
    }

    private static bool Integer(ReadOnlySpan<byte> f, ref int p, ReadOnlySpan<byte> key, SymbolTable symbols, ref MarketFields fields)
    {
        if (p >= f.Length || !(f[p] == (byte)'-' || (uint)(f[p] - '0') <= 9) || !ScanInteger(f, ref p, out var value))
        {
            return false;
        }

        fields.ApplyInteger(key, value, symbols);
        return true;
    }

    private static bool Decimal(ReadOnlySpan<byte> f, ref int p, ReadOnlySpan<byte> key, ref MarketFields fields)
    {
        if (p >= f.Length || f[p] != (byte)'"' || !TryScanDecimalString(f, ref p, out var value))
        {
            return false;
        }

        fields.ApplyDecimal(key, value);
        return true;
    }

    private static bool Symbol(ReadOnlySpan<byte> f, ref int p, SymbolTable symbols, ref MarketFields fields)
    {
        if (p >= f.Length || f[p] != (byte)'"')
        {
            return false;
        }

        var start = ++p;
        if (!ScanStringBody(f, ref p))
        {
            return false;
        }

        fields.Apply("s"u8, JsonValueKind.String, f[start..p], symbols);
        p++;
        return true;
    }

    private static bool Boolean(ReadOnlySpan<byte> f, ref int p, SymbolTable symbols, ref MarketFields fields)
    {
        if (f[p..].StartsWith("true"u8))
        {
            p += 4;
            fields.Apply("m"u8, JsonValueKind.True, default, symbols);
            return true;
        }

        if (f[p..].StartsWith("false"u8))
        {
            p += 5;
            fields.Apply("m"u8, JsonValueKind.False, default, symbols);
            return true;
        }

        return false;
    }
}
