using System.Buffers.Text;
using System.Globalization;

namespace Vq.Binance.Protocol;

/// <summary>
/// Decimal → wire text (D12): invariant, never an exponent, trailing fractional zeros removed, never "-0".
/// Thread-safety: static and pure.
/// </summary>
public static class DecimalText
{
    /// <summary>Enough for any decimal: 29 digits, a sign, a point and "0." before a 28-digit fraction.</summary>
    public const int MaxLength = 32;

    public static bool TryFormat(decimal value, Span<byte> destination, out int written)
    {
        // Prices and quantities fit a 64-bit mantissa; the rare 96-bit one takes the BCL formatter.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            return TryFormatWide(value, destination, out written);
        }

        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0 && mantissa != 0;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        // Digits at the end of a small scratch buffer, then laid out as [-][int part or 0][.[zeros]digits].
        Span<byte> digits = stackalloc byte[20];
        if (!Utf8Formatter.TryFormat(mantissa, digits, out var digitCount))
        {
            written = 0;
            return false;
        }

        var integerDigits = digitCount - scale;
        var length = (negative ? 1 : 0) + (scale == 0 ? digitCount : integerDigits > 0 ? digitCount + 1 : scale + 2);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits[..digitCount].CopyTo(destination[at..]);
        }
        else if (integerDigits > 0)
        {
            digits[..integerDigits].CopyTo(destination[at..]);
            at += integerDigits;
            destination[at++] = (byte)'.';
            digits[integerDigits..digitCount].CopyTo(destination[at..]);
        }
        else
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -integerDigits).Fill((byte)'0');
            at -= integerDigits;
            digits[..digitCount].CopyTo(destination[at..]);
        }

        written = length;
        return true;
    }

    /// <summary>Allocates: logs and tests.</summary>
    public static string Format(decimal value)
    {
        Span<byte> buffer = stackalloc byte[64];
        return TryFormat(value, buffer, out var written)
            ? System.Text.Encoding.ASCII.GetString(buffer[..written])
            : value.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryFormatWide(decimal value, Span<byte> destination, out int written)
    {
        if (!value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        var text = destination[..written];
        if (text.IndexOf((byte)'.') < 0)
        {
            return true;
        }

        while (written > 0 && text[written - 1] == (byte)'0')
        {
            written--;
        }

        if (written > 0 && text[written - 1] == (byte)'.')
        {
            written--;
        }

        return true;
    }
}
