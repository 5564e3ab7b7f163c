using System.Security.Cryptography;
using System.Text;

namespace Vq.Binance.Protocol;

/// <summary>
/// HMAC-SHA256 request signing (BINANCE.md §2.2): <c>signature = lowercase_hex(HMAC(secret, query + body))</c>,
/// computed into a stack buffer and appended as the last parameter. Thread-safety: immutable; safe to share.
/// The secret never leaves this object and never reaches a log (STYLE 21).
/// </summary>
public sealed class RequestSigner
{
    /// <summary>SHA-256 digest bytes; the hex form is twice as long.</summary>
    public const int HashBytes = 32;

    public const int SignatureChars = HashBytes * 2;

    private readonly byte[] _secret;

    public RequestSigner(string secretKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        _secret = Encoding.UTF8.GetBytes(secretKey);
    }

    /// <summary>Writes 64 lowercase hex bytes of the signature of <paramref name="payload"/>.</summary>
    public void Sign(ReadOnlySpan<byte> payload, Span<byte> hexDestination)
    {
        if (hexDestination.Length < SignatureChars)
        {
            ThrowHelper.ThrowArgument(nameof(hexDestination), "needs 64 bytes");
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        HMACSHA256.HashData(_secret, payload, hash);
        var hex = "0123456789abcdef"u8;
        for (var i = 0; i < HashBytes; i++)
        {
            hexDestination[2 * i] = hex[hash[i] >> 4];
            hexDestination[(2 * i) + 1] = hex[hash[i] & 0xF];
        }
    }

    /// <summary>Appends <c>&amp;signature=&lt;hex&gt;</c> over everything the writer holds.</summary>
    public void AppendSignature(ref QueryWriter writer)
    {
        Span<byte> hex = stackalloc byte[SignatureChars];
        Sign(writer.Written, hex);
        writer.AppendRaw("&signature="u8);
        writer.AppendRaw(hex);
    }
}
