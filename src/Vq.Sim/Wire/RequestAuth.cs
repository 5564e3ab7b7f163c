using System.Security.Cryptography;
using System.Text;
using Vq.Sim.Matching;

namespace Vq.Sim.Wire;

/// <summary>
/// API-key, signature and timing checks for SIGNED endpoints (BINANCE.md §2): HMAC-SHA256 over the raw query string
/// concatenated with the raw body (no '&amp;' between), with the trailing <c>signature</c> parameter removed, compared
/// as case-insensitive hex. Pure: no state.
/// </summary>
public static class RequestAuth
{
    public const long DefaultRecvWindow = 5000;
    public const long MaxRecvWindow = 60_000;

    /// <summary>USER_STREAM and MARKET_DATA endpoints: the key header only.</summary>
    public static SimError? CheckKey(string? apiKeyHeader, string apiKey)
    {
        if (string.IsNullOrEmpty(apiKeyHeader) || apiKeyHeader.Length > 256 || !IsAlphanumeric(apiKeyHeader))
        {
            return Errors.ApiKeyFormat;
        }

        return string.Equals(apiKeyHeader, apiKey, StringComparison.Ordinal) ? null : Errors.ApiKeyInvalid;
    }

    public static SimError? CheckSigned(string? apiKeyHeader, RequestParams p, string apiKey, string apiSecret, long serverNow)
    {
        if (CheckKey(apiKeyHeader, apiKey) is { } keyError)
        {
            return keyError;
        }

        if (p["timestamp"] is not { Length: > 0 })
        {
            return Errors.Mandatory("timestamp");
        }

        if (p["signature"] is not { Length: > 0 } signature)
        {
            return Errors.Mandatory("signature");
        }

        var timestamp = p.Long("timestamp");
        if (timestamp is null)
        {
            return Errors.Mandatory("timestamp");
        }

        var recvWindow = p.Has("recvWindow") ? p.Long("recvWindow") : DefaultRecvWindow;
        if (recvWindow is null or <= 0)
        {
            return Errors.Mandatory("recvWindow");
        }

        if (recvWindow > MaxRecvWindow)
        {
            return Errors.RecvWindowTooLarge;
        }

        var payload = StripSignature(p.RawQuery) + StripSignature(p.RawBody);
        if (!SignatureMatches(payload, signature, apiSecret))
        {
            return Errors.BadSignature;
        }

        if (timestamp >= serverNow + 1000)
        {
            return Errors.TimestampAhead;
        }

        return serverNow - timestamp > recvWindow ? Errors.TimestampOutside : null;
    }

    public static string Sign(string payload, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return Convert.ToHexStringLower(mac);
    }

    private static bool SignatureMatches(string payload, string signature, string secret)
    {
        var expected = Sign(payload, secret);
        return expected.Length == signature.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    /// <summary>Removes the <c>signature=…</c> pair (Binance requires it last; the sim tolerates any position).</summary>
    private static string StripSignature(string raw)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var parts = raw.Split('&');
        var kept = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (!part.StartsWith("signature=", StringComparison.Ordinal))
            {
                kept.Add(part);
            }
        }

        return string.Join('&', kept);
    }

    private static bool IsAlphanumeric(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
