using System.Security.Cryptography;
using System.Text;

namespace Vq.Binance.Protocol;

/// <summary>
/// HMAC-SHA256 request signing (BINANCE.md §2.2): <c>signature = lowercase_hex(HMAC(secret, query + body))</c>,
/// computed into a stack buffer and appended as the last parameter. The secret never leaves this object and never
/// reaches a log (STYLE 21).
/// Thread-safety: safe to share. One keyed HMAC context is cached and taken out with an interlocked exchange for
/// each signature (re-keying per call costs about 1 µs in OpenSSL); a concurrent signer that finds the slot
/// empty makes its own context for that call. The cached native context is released by its SafeHandle when the
/// signer is collected.
/// </summary>
public sealed class RequestSigner
{
    /// <summary>SHA-256 digest bytes; the hex form is twice as long.</summary>
    public const int HashBytes = 32;

    public const int SignatureChars = HashBytes * 2;

    private readonly byte[] _secret;
    private IncrementalHash? _cached;

    public RequestSigner(string secretKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        _secret = Encoding.UTF8.GetBytes(secretKey);
        _cached = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
    }

    /// <summary>Writes 64 lowercase hex bytes of the signature of <paramref name="payload"/>.</summary>
    public void Sign(ReadOnlySpan<byte> payload, Span<byte> hexDestination)
    {
        if (hexDestination.Length < SignatureChars)
        {
            ThrowHelper.ThrowArgument(nameof(hexDestination), "needs 64 bytes");
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        var hmac = Interlocked.Exchange(ref _cached, null) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(payload);
        hmac.GetHashAndReset(hash);
        if (Interlocked.CompareExchange(ref _cached, hmac, null) is not null)
        {
            hmac.Dispose();
        }

        Convert.TryToHexStringLower(hash, hexDestination, out _);
    }

    /// <summary>Appends <c>&amp;signature=&lt;hex&gt;</c> over everything the writer holds.</summary>
    public void AppendSignature(ref QueryWriter writer)
    {
        var payloadLength = writer.Length;
        writer.AppendRaw("&signature="u8);
        if (writer.TryAppendSpan(SignatureChars, out var hex))
        {
            Sign(writer.Written[..payloadLength], hex);
        }
    }
}
