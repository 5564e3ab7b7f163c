using System.Buffers.Text;
using System.Globalization;

namespace Vq.Binance.Protocol;

/// <summary>
/// Writes an <c>application/x-www-form-urlencoded</c> query (<c>k=v&amp;k=v</c>) straight into a caller's UTF-8
/// buffer (STYLE 14). Values are percent-encoded where needed, and the signature is computed over exactly these
/// bytes (BINANCE.md §2.2: sign what you send). Overflow is sticky: check <see cref="Overflowed"/> once at the end.
/// </summary>
public ref struct QueryWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private bool _overflowed;

    public QueryWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
        _overflowed = false;
    }

    public readonly int Length => _length;

    public readonly bool Overflowed => _overflowed;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Add(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> asciiValue)
    {
        StartPair(key);
        foreach (var b in asciiValue)
        {
            AppendEncoded(b);
        }
    }

    /// <summary>ASCII text (symbols, ids): unreserved characters pass, everything else is percent-encoded.</summary>
    public void Add(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<char> value)
    {
        StartPair(key);
        foreach (var c in value)
        {
            if (c > 0x7F)
            {
                // Binance symbols and client ids are ASCII; refuse rather than guess an encoding.
                _overflowed = true;
                return;
            }

            AppendEncoded((byte)c);
        }
    }

    public void Add(scoped ReadOnlySpan<byte> key, long value)
    {
        StartPair(key);
        if (!Utf8Formatter.TryFormat(value, _buffer[Math.Min(_length, _buffer.Length)..], out var written))
        {
            _overflowed = true;
            return;
        }

        _length += written;
    }

    /// <summary>Invariant, no exponent, no trailing zeros (<c>0.0010</c> → <c>0.001</c>, <c>100.00</c> → <c>100</c>).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, decimal value)
    {
        StartPair(key);
        if (!DecimalText.TryFormat(value, _buffer[Math.Min(_length, _buffer.Length)..], out var written))
        {
            _overflowed = true;
            return;
        }

        _length += written;
    }

    /// <summary>Appends raw bytes with no separator (e.g. <c>&amp;signature=</c> plus the hex).</summary>
    public void AppendRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (_overflowed || !bytes.TryCopyTo(_buffer[_length..]))
        {
            _overflowed = true;
            return;
        }

        _length += bytes.Length;
    }

    private void StartPair(scoped ReadOnlySpan<byte> key)
    {
        if (_length > 0)
        {
            AppendRaw("&"u8);
        }

        AppendRaw(key);
        AppendRaw("="u8);
    }

    private void AppendEncoded(byte b)
    {
        if (_overflowed)
        {
            return;
        }

        // RFC 3986 unreserved set; Binance ids may contain ':' and '/', which must be encoded (§2.2).
        var unreserved = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z')
            or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
        if (unreserved)
        {
            if (_length >= _buffer.Length)
            {
                _overflowed = true;
                return;
            }

            _buffer[_length++] = b;
            return;
        }

        if (_length + 3 > _buffer.Length)
        {
            _overflowed = true;
            return;
        }

        _buffer[_length++] = (byte)'%';
        _buffer[_length++] = (byte)"0123456789ABCDEF"[b >> 4];
        _buffer[_length++] = (byte)"0123456789ABCDEF"[b & 0xF];
    }
}

/// <summary>Decimal → wire text (D12): invariant, never an exponent, trailing fractional zeros removed.</summary>
public static class DecimalText
{
    public static bool TryFormat(decimal value, Span<byte> destination, out int written)
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

        // "-0.000" must not become "-0".
        if (written == 2 && text[0] == (byte)'-' && text[1] == (byte)'0')
        {
            text[0] = (byte)'0';
            written = 1;
        }

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
}
