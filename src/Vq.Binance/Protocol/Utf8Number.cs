using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Vq.Binance.Protocol;

/// <summary>
/// Parses Binance's decimal strings (<c>"28145.10"</c>, <c>"-0.50"</c>) and integer literals straight from UTF-8.
/// The common shape <c>-?digits(.digits)?</c> with at most 19 digits takes a digit loop (no strings, no
/// Utf8Parser); anything else goes to <see cref="Utf8Parser"/> and must consume every byte.
/// </summary>
internal static class Utf8Number
{
    /// <summary>19 decimal digits always fit a ulong (10^19 − 1 &lt; 2^64).</summary>
    private const int MaxFastDigits = 19;

    /// <summary>decimal's maximum scale.</summary>
    private const int MaxScale = 28;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = 0;
        var intStart = i;
        while (i < text.Length)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + d;
            digits++;
            i++;
        }

        if (i == intStart)
        {
            return Slow(text, out value);
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            var fracStart = i;
            while (i < text.Length)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                mantissa = (mantissa * 10) + d;
                digits++;
                i++;
            }

            scale = i - fracStart;
            if (scale == 0)
            {
                return Slow(text, out value);
            }
        }

        if (i != text.Length || digits > MaxFastDigits || scale > MaxScale)
        {
            return Slow(text, out value);
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    private static bool Slow(ReadOnlySpan<byte> text, out decimal value)
    {
        // Exponents, 20–29 digit mantissas: rare, correct, and still allocation-free. Utf8Parser alone would also
        // take ".5" and "1.", which are not JSON numbers: insist on a digit first and after any point.
        value = 0m;
        var first = text.Length > 0 && text[0] == (byte)'-' ? 1 : 0;
        if (first >= text.Length || (uint)(text[first] - '0') > 9)
        {
            return false;
        }

        var dot = text.IndexOf((byte)'.');
        if (dot >= 0 && (dot + 1 >= text.Length || (uint)(text[dot + 1] - '0') > 9))
        {
            return false;
        }

        if ( ((Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length) || (Utf8Parser.TryParse(text, out value, out consumed, 'E') && consumed == text.Length)))
        {
            return true;
        }

        value = 0m;
        return false;
    }

    /// <summary>A JSON integer literal (<c>-?digits</c>) into a long; false on anything else or on overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        if (i == text.Length || text.Length - i > MaxFastDigits)
        {
            return false;
        }

        ulong acc = 0;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return false;
            }

            acc = (acc * 10) + d;
        }

        if (acc > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)acc : (long)acc;
        return true;
    }
}
