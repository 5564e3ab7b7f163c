using System.Runtime.CompilerServices;

namespace Vq.Binance.Protocol;

/// <summary>
/// Byte scanner for the common frame shapes, about twice as fast as a <c>Utf8JsonReader</c> loop:
/// <c>{"stream":"&lt;name&gt;","data":{flat}}</c> (combined streams) or <c>{flat}</c> (raw), where <c>flat</c> is an
/// object of <c>"key":value</c> pairs with string, integer, true, false or null values and no whitespace.
/// Keys may come in any order and unknown flat keys are skipped. Anything else (whitespace, escapes, non-ASCII,
/// nesting, fractions or exponents in numbers, trailing bytes, a truncated frame) returns false and the caller
/// falls back to <see cref="MarketReaderPath"/>, which is the reference; a property test keeps them identical.
/// </summary>
internal static class MarketFastPath
{
    /// <summary>Bytes a string may contain on the fast path: printable ASCII except the backslash.</summary>
    private static readonly bool[] s_plain = BuildPlainTable();

    private static bool[] BuildPlainTable()
    {
        var table = new bool[256];
        for (var b = 0x20; b <= 0x7E; b++)
        {
            table[b] = b != '\\';
        }

        return table;
    }

    public static bool TryParse(ReadOnlySpan<byte> frame, SymbolTable symbols, ref MarketFields fields)
    {
        var pos = 0;
        if (frame.Length < 2 || frame[0] != (byte)'{')
        {
            return false;
        }

        if (frame[1..].StartsWith("\"stream\":\""u8))
        {
            pos = 11;
            if (!SkipString(frame, ref pos) || !frame[pos..].StartsWith(",\"data\":"u8))
            {
                return false;
            }

            pos += 8;
            if (!TryParseFlat(frame, ref pos, symbols, ref fields))
            {
                return false;
            }

            // The wrapper's closing brace must end the frame.
            return pos == frame.Length - 1 && frame[pos] == (byte)'}';
        }

        return TryParseFlat(frame, ref pos, symbols, ref fields) && pos == frame.Length;
    }

    /// <summary>Parses <c>{...}</c> starting at <paramref name="pos"/>; leaves <paramref name="pos"/> after the closing brace.</summary>
    private static bool TryParseFlat(ReadOnlySpan<byte> f, ref int pos, SymbolTable symbols, ref MarketFields fields)
    {
        if (pos >= f.Length || f[pos] != (byte)'{')
        {
            return false;
        }

        pos++;
        if (pos < f.Length && f[pos] == (byte)'}')
        {
            pos++;
            return true;
        }

        while (true)
        {
            if (pos >= f.Length || f[pos] != (byte)'"')
            {
                return false;
            }

            var keyStart = ++pos;
            if (!ScanStringBody(f, ref pos))
            {
                return false;
            }

            var key = f[keyStart..pos];
            pos++; // closing quote
            if (pos >= f.Length || f[pos] != (byte)':')
            {
                return false;
            }

            pos++;
            if (pos >= f.Length)
            {
                return false;
            }

            var c = f[pos];
            if (c == (byte)'"')
            {
                var start = ++pos;
                if (!ScanStringBody(f, ref pos))
                {
                    return false;
                }

                fields.Apply(key, JsonValueKind.String, f[start..pos], symbols);
                pos++;
            }
            else if (c == (byte)'-' || (uint)(c - '0') <= 9)
            {
                if (!ScanInteger(f, ref pos, out var number))
                {
                    return false;
                }

                fields.ApplyInteger(key, number, symbols);
            }
            else if (f[pos..].StartsWith("true"u8))
            {
                pos += 4;
                fields.Apply(key, JsonValueKind.True, default, symbols);
            }
            else if (f[pos..].StartsWith("false"u8))
            {
                pos += 5;
                fields.Apply(key, JsonValueKind.False, default, symbols);
            }
            else if (f[pos..].StartsWith("null"u8))
            {
                pos += 4;
                fields.Apply(key, JsonValueKind.Null, default, symbols);
            }
            else
            {
                return false;
            }

            if (pos >= f.Length)
            {
                return false;
            }

            if (f[pos] == (byte)',')
            {
                pos++;
                continue;
            }

            if (f[pos] == (byte)'}')
            {
                pos++;
                return true;
            }

            return false;
        }
    }

    /// <summary>Skips a string whose opening quote is already consumed; leaves pos after the closing quote.</summary>
    private static bool SkipString(ReadOnlySpan<byte> f, ref int pos)
    {
        if (!ScanStringBody(f, ref pos))
        {
            return false;
        }

        pos++;
        return true;
    }

    /// <summary>Advances to the closing quote. Fails on escapes, control characters and non-ASCII (reader decides those).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScanStringBody(ReadOnlySpan<byte> f, ref int pos)
    {
        // Keys and values are 1–20 bytes: a scalar loop beats the vectorised searches' setup cost here.
        for (var i = pos; i < f.Length; i++)
        {
            var b = f[i];
            if (b == (byte)'"')
            {
                pos = i;
                return true;
            }

            // Printable ASCII only: control characters are invalid JSON, '\\' starts an escape, and non-ASCII
            // needs UTF-8 validation.
            if (!s_plain[b])
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A JSON integer <c>-?(0|[1-9][0-9]*)</c> followed by a delimiter, parsed while scanning. Fractions,
    /// exponents and more than 18 digits fall back (the reader path then decides, with the same integer rules).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScanInteger(ReadOnlySpan<byte> f, ref int pos, out long value)
    {
        value = 0;
        var negative = f[pos] == (byte)'-';
        if (negative)
        {
            pos++;
        }

        var digitsStart = pos;
        long acc = 0;
        while (pos < f.Length)
        {
            var d = (uint)(f[pos] - '0');
            if (d > 9)
            {
                break;
            }

            acc = (acc * 10) + d;
            pos++;
        }

        var digits = pos - digitsStart;
        // 18 digits always fit a long; longer literals take the reader path.
        if (digits is 0 or > 18 || (digits > 1 && f[digitsStart] == (byte)'0'))
        {
            return false;
        }

        value = negative ? -acc : acc;
        return pos < f.Length && f[pos] is (byte)',' or (byte)'}';
    }
}
