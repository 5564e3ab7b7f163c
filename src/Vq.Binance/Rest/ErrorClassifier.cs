using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vq.Binance.Rest;

/// <summary>
/// Maps HTTP status + Binance code/msg to an <see cref="ApiOutcome"/> (BINANCE.md §4.2, §5). Pure and static.
/// When in doubt for anything that might have reached the matching engine, the answer is Unknown, never Rejected.
/// </summary>
public static class ErrorClassifier
{
    /// <summary>429 without Retry-After: wait a whole weight window; ignoring 429s escalates to bans of 2 min to 3 days.</summary>
    public static readonly TimeSpan DefaultRateLimitHold = TimeSpan.FromSeconds(60);

    /// <summary>418 whose ban end cannot be read: Binance's shortest ban.</summary>
    public static readonly TimeSpan DefaultBan = TimeSpan.FromMinutes(2);

    public static (ApiOutcome Outcome, ApiError Error) Classify(int httpStatus, int code, string? message,
        TimeSpan? retryAfter, DateTimeOffset now)
    {
        var error = new ApiError(httpStatus, code, message);
        if (httpStatus == 418)
        {
            var until = ParseBannedUntil(message) ?? now + (retryAfter ?? DefaultBan);
            return (ApiOutcome.Banned, error with { BannedUntil = until, RetryAfter = until - now });
        }

        if (httpStatus == 429 || code is -1003 or -1015)
        {
            return (ApiOutcome.RateLimited, error with { RetryAfter = retryAfter ?? DefaultRateLimitHold });
        }

        if (httpStatus is 401 or 403 || code is -2014 or -2015 or -1022)
        {
            return (ApiOutcome.AuthFailure, error);
        }

        if (code is -1021 or -5028)
        {
            return (ApiOutcome.ClockSkew, error);
        }

        if (code == -1007 || httpStatus == 408)
        {
            return (ApiOutcome.Unknown, error);
        }

        if (code == -1008)
        {
            // "Request throttled by system-level protection": definitely failed, not counted (§4.2).
            return (ApiOutcome.Transient, error with { RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) });
        }

        if (httpStatus >= 500)
        {
            if (message is not null
                && (message.Contains("Service Unavailable", StringComparison.OrdinalIgnoreCase)
                    || message.Contains("Internal error", StringComparison.OrdinalIgnoreCase)))
            {
                return (ApiOutcome.Transient, error with { RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) });
            }

            // 503 "Unknown error…" and every other 5xx: the execution status is unknown (§4.2).
            return (ApiOutcome.Unknown, error);
        }

        if (httpStatus is >= 200 and < 300 && code >= 0)
        {
            return (ApiOutcome.Ok, error);
        }

        return (ApiOutcome.Rejected, error);
    }

    /// <summary>Transport failures: a timeout or a connection lost after sending is Unknown; failing to connect is Transient.</summary>
    public static (ApiOutcome Outcome, ApiError Error) ClassifyTransport(Exception exception)
    {
        var message = exception.GetType().Name + ": " + exception.Message;
        if (exception is OperationCanceledException or TimeoutException)
        {
            return (ApiOutcome.Unknown, new ApiError(0, 0, message));
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused
                    or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                    or SocketError.TryAgain)
            {
                return (ApiOutcome.Transient, new ApiError(0, 0, message, TimeSpan.FromSeconds(1)));
            }
        }

        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError })
        {
            return (ApiOutcome.Transient, new ApiError(0, 0, message, TimeSpan.FromSeconds(1)));
        }

        return (ApiOutcome.Unknown, new ApiError(0, 0, message));
    }

    /// <summary>"… banned until 1790931239698. …" → that instant (ms since epoch).</summary>
    public static DateTimeOffset? ParseBannedUntil(string? message)
    {
        const string marker = "banned until ";
        var start = message?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = start;
        while (end < message!.Length && char.IsAsciiDigit(message[end]))
        {
            end++;
        }

        return long.TryParse(message.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    internal static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
