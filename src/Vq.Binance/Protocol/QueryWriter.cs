using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Vq.Binance.Protocol;

/// <summary>
/// Writes an <c>application/x-www-form-urlencoded</c> query (<c>k=v&amp;k=v</c>) straight into a caller's UTF-8
/// buffer (STYLE 14). Values are percent-encoded where needed, and the signature is computed over exactly these
/// bytes (BINANCE.md §2.2: sign what you send). Overflow is sticky: check <see cref="Overflowed"/> once at the end.
/// </summary>
public ref struct QueryWriter
{
    // RFC 3986 unreserved set; Binance ids may contain ':' and '/', which must be encoded (§2.2).
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    private static readonly SearchValues<byte> s_unreservedBytes = SearchValues.Create(Encoding.ASCII.GetBytes(Unreserved));
    private static readonly SearchValues<char> s_unreservedChars = SearchValues.Create(Unreserved);

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
        if (!StartPair(key))
        {
            return;
        }

        // Common case (enum words, symbols): nothing to encode, one vectorised scan and one copy.
        if (!asciiValue.ContainsAnyExcept(s_unreservedBytes))
        {
            AppendRaw(asciiValue);
            return;
        }

        foreach (var b in asciiValue)
        {
            AppendEncoded(b);
        }
    }

    /// <summary>ASCII text (symbols, ids): unreserved characters pass, everything else is percent-encoded.</summary>
    public void Add(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<char> value)
    {
        if (!StartPair(key))
        {
            return;
        }

        if (!value.ContainsAnyExcept(s_unreservedChars))
        {
            // All unreserved, hence ASCII: narrow in one go.
            if (Ascii.FromUtf16(value, _buffer[_length..], out var narrowed) != OperationStatus.Done)
            {
                _overflowed = true;
                return;
            }

            _length += narrowed;
            return;
        }

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
        if (!StartPair(key))
        {
            return;
        }

        if (!Utf8Formatter.TryFormat(value, _buffer[_length..], out var written))
        {
            _overflowed = true;
            return;
        }

        _length += written;
    }

    /// <summary>Invariant, no exponent, no trailing zeros (<c>0.0010</c> → <c>0.001</c>, <c>100.00</c> → <c>100</c>).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, decimal value)
    {
        if (!StartPair(key))
        {
            return;
        }

        if (!DecimalText.TryFormat(value, _buffer[_length..], out var written))
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

    /// <summary>
    /// Reserves <paramref name="count"/> bytes at the end for the caller to fill (the signature's hex); false and
    /// sticky overflow when they do not fit.
    /// </summary>
    public bool TryAppendSpan(int count, out Span<byte> destination)
    {
        if (_overflowed || _buffer.Length - _length < count)
        {
            _overflowed = true;
            destination = default;
            return false;
        }

        destination = _buffer.Slice(_length, count);
        _length += count;
        return true;
    }

    /// <summary>Writes <c>&amp;key=</c> (no <c>&amp;</c> first); false once the writer has overflowed.</summary>
    private bool StartPair(scoped ReadOnlySpan<byte> key)
    {
        var needed = key.Length + (_length > 0 ? 2 : 1);
        if (_overflowed || _buffer.Length - _length < needed)
        {
            _overflowed = true;
            return false;
        }

        if (_length > 0)
        {
            _buffer[_length++] = (byte)'&';
        }

        key.CopyTo(_buffer[_length..]);
        _length += key.Length;
        _buffer[_length++] = (byte)'=';
        return true;
    }

    private void AppendEncoded(byte b)
    {
        if (_overflowed)
        {
            return;
        }

        if (s_unreservedBytes.Contains(b))
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
