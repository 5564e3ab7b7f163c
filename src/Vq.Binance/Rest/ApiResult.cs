namespace Vq.Binance.Rest;

/// <summary>What a REST call's outcome means for the caller (STYLE 12: exchange rejections are values).</summary>
public enum ApiOutcome : byte
{
    Ok = 0,
    /// <summary>Binance refused the request (400 + code); nothing happened. <see cref="ApiError.Code"/> says why.</summary>
    Rejected,
    /// <summary>429 / -1003 / -1015, or held locally to stay under the limits: wait <see cref="ApiError.RetryAfter"/>.</summary>
    RateLimited,
    /// <summary>418: the IP is banned until <see cref="ApiError.BannedUntil"/>; no trading requests are sent until then.</summary>
    Banned,
    /// <summary>401/403, -2014, -2015, -1022: key, IP whitelist, permissions or signature. Not retryable.</summary>
    AuthFailure,
    /// <summary>-1021 / -5028: timestamp outside recvWindow. Re-measure the server time.</summary>
    ClockSkew,
    /// <summary>
    /// The request may or may not have been executed (503 "Unknown error", -1007, 408, timeouts, a connection lost
    /// after sending). For orders: resolve by querying the client order id, never by resending blindly.
    /// </summary>
    Unknown,
    /// <summary>Definitely not executed and safe to retry later (503 "Service Unavailable", -1008, connect failures).</summary>
    Transient,
}

/// <summary>The HTTP status and Binance <c>code</c>/<c>msg</c> of a failed call, plus what the mapping derived.</summary>
public readonly record struct ApiError(
    int HttpStatus,
    int Code,
    string? Message,
    TimeSpan RetryAfter = default,
    DateTimeOffset? BannedUntil = null);

/// <summary>A REST result: a value when <see cref="Outcome"/> is Ok, otherwise the classified error.</summary>
public readonly record struct ApiResult<T>(ApiOutcome Outcome, T? Value, ApiError Error)
{
    public bool IsOk => Outcome == ApiOutcome.Ok;

    /// <summary>True when an order placement with this outcome may exist on the exchange.</summary>
    public bool MayHaveExecuted => Outcome is ApiOutcome.Ok or ApiOutcome.Unknown;

    public ApiResult<TOther> Cast<TOther>() => new(Outcome, default, Error);

    public override string ToString() =>
        IsOk ? $"Ok({Value})" : $"{Outcome}(http {Error.HttpStatus}, code {Error.Code}, {Error.Message})";
}

public static class ApiResult
{
    public static ApiResult<T> Ok<T>(T value, int httpStatus = 200) => new(ApiOutcome.Ok, value, new ApiError(httpStatus, 0, null));

    public static ApiResult<T> Fail<T>(ApiOutcome outcome, ApiError error) => new(outcome, default, error);
}
