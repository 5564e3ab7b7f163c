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
internal static partial class MarketFastPath
{
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

        if (TryExactLayout(f, ref pos, symbols, ref fields))
        {
            return true;
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
            if (c == (byte)'"' && IsDecimalKey(key) && TryScanDecimalString(f, ref pos, out var number))
            {
                // Prices and quantities parsed in the same pass that finds the closing quote (no re-scan).
                fields.ApplyDecimal(key, number);
            }
            else if (c == (byte)'"')
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
                if (!ScanInteger(f, ref pos, out var integer))
                {
                    return false;
                }

                fields.ApplyInteger(key, integer, symbols);
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

    /// <summary>The keys whose string value is a decimal (<see cref="MarketFields.ApplyDecimal"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDecimalKey(ReadOnlySpan<byte> key) => key.Length switch
    {
        1 => key[0] is (byte)'b' or (byte)'B' or (byte)'a' or (byte)'A' or (byte)'p' or (byte)'q' or (byte)'i'
            or (byte)'P' or (byte)'r',
        2 => (key[0] == (byte)'n' && key[1] == (byte)'q') || (key[0] == (byte)'a' && key[1] == (byte)'p'),
        _ => false,
    };

    /// <summary>
    /// At an opening quote: the string <c>"-?digits(.digits)?"</c> with at most 19 digits becomes a decimal exactly
    /// as <see cref="Utf8Number.TryParseDecimal"/> makes it, and pos moves past the closing quote. Any other shape
    /// returns false with pos unchanged, and the generic string path (same rules, slow cases included) decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryScanDecimalString(ReadOnlySpan<byte> f, ref int pos, out decimal value)
    {
        value = 0m;
        var i = pos + 1;
        var negative = i < f.Length && f[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        var intStart = i;
        DigitRun.Accumulate(f, ref i, ref mantissa);

        var digits = i - intStart;
        if (digits == 0)
        {
            return false;
        }

        var scale = 0;
        if (i < f.Length && f[i] == (byte)'.')
        {
            var fracStart = ++i;
            DigitRun.Accumulate(f, ref i, ref mantissa);

            scale = i - fracStart;
            if (scale == 0)
            {
                return false;
            }
        }

        // 19 digits always fit a ulong (and keep the scale under decimal's 28).
        if (i >= f.Length || f[i] != (byte)'"' || digits + scale > 19)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        pos = i + 1;
        return true;
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
            if ((uint)(b - 0x20) > 0x7E - 0x20 || b == (byte)'\\')
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
        ulong acc = 0;
        DigitRun.Accumulate(f, ref pos, ref acc);

        var digits = pos - digitsStart;
        // 18 digits always fit a long; longer literals take the reader path.
        if (digits is 0 or > 18 || (digits > 1 && f[digitsStart] == (byte)'0'))
        {
            return false;
        }

        value = negative ? -(long)acc : (long)acc;
        return pos < f.Length && f[pos] is (byte)',' or (byte)'}';
    }
}
