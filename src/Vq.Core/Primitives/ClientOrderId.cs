using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vq.Core.Primitives;

/// <summary>
/// A Binance client order id (<c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c>) stored inline as ASCII bytes, so that creating,
/// comparing, hashing and writing one to the wire never allocates (D10: ids are known before sending).
/// </summary>
public readonly struct ClientOrderId : IEquatable<ClientOrderId>
{
    public const int MaxLength = 36;

    private readonly Bytes36 _bytes;
    private readonly byte _length;

    private ClientOrderId(in Bytes36 bytes, int length)
    {
        _bytes = bytes;
        _length = (byte)length;
    }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    public static ClientOrderId Empty => default;

    /// <summary>The id as UTF-8/ASCII bytes, valid while this value lives.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> AsSpan() => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>Parses wire bytes. Returns false when the bytes violate Binance's pattern or length.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> ascii, out ClientOrderId id)
    {
        id = default;
        if (ascii.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var b in ascii)
        {
            if (!IsAllowed(b))
            {
                return false;
            }
        }

        var buffer = default(Bytes36);
        ascii.CopyTo(buffer);
        id = new ClientOrderId(buffer, ascii.Length);
        return true;
    }

    public static bool TryCreate(ReadOnlySpan<char> text, out ClientOrderId id)
    {
        id = default;
        if (text.Length is 0 or > MaxLength)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[MaxLength];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return TryCreate(ascii[..text.Length], out id);
    }

    public static ClientOrderId Parse(string text) =>
        TryCreate(text.AsSpan(), out var id) ? id : throw new FormatException($"'{text}' is not a valid client order id");

    public bool StartsWith(ReadOnlySpan<byte> prefix) => AsSpan().StartsWith(prefix);

    public bool Equals(ClientOrderId other) => AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is ClientOrderId other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(AsSpan());
        return hash.ToHashCode();
    }

    public static bool operator ==(ClientOrderId left, ClientOrderId right) => left.Equals(right);

    public static bool operator !=(ClientOrderId left, ClientOrderId right) => !left.Equals(right);

    /// <summary>Allocates: for logs and cold paths only.</summary>
    public override string ToString() => Encoding.ASCII.GetString(AsSpan());

    private static bool IsAllowed(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'.' or (byte)':' or (byte)'/' or (byte)'_' or (byte)'-';

    [InlineArray(MaxLength)]
    private struct Bytes36
    {
        private byte _element0;
    }
}
