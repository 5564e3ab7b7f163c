using Vq.Core.Primitives;

namespace Vq.Core.Execution;

public enum PlaceOutcome : byte
{
    /// <summary>The exchange accepted the order (status in <see cref="PlaceResult.Status"/>).</summary>
    Accepted = 0,
    /// <summary>A definite business rejection with a Binance code (-5022, -2022, -4118, -1111, …).</summary>
    Rejected = 1,
    /// <summary>Refused before or by the exchange for rate reasons (local limiter, 429, 418); nothing was placed.</summary>
    RateLimited = 2,
    /// <summary>503 "Unknown error", -1007, a timeout: the order may exist. Never resent blindly.</summary>
    Unknown = 3,
    /// <summary>Definitely not placed (transport failure before sending, 503 service unavailable, -1008).</summary>
    Failed = 4,
}

/// <summary>
/// The REST answer to a placement, correlated by client order id (D10). <paramref name="RetryAfterMs"/>: for
/// <see cref="PlaceOutcome.RateLimited"/>, how long the client holds requests (Retry-After, a ban, a local window).
/// </summary>
public readonly record struct PlaceResult(
    ClientOrderId ClientOrderId,
    PlaceOutcome Outcome,
    long OrderId = 0,
    OrderStatus Status = OrderStatus.New,
    decimal ExecutedQty = 0m,
    decimal AvgPrice = 0m,
    int ErrorCode = 0,
    int RetryAfterMs = 0);

public enum CancelOutcome : byte
{
    /// <summary>The exchange cancelled it (or it was already final at that instant).</summary>
    Accepted = 0,
    /// <summary>-2011 "Unknown order sent": already gone, filled or cancelled (P2 step 3).</summary>
    UnknownOrder = 1,
    /// <summary>Anything else, including a local rate-limit denial: the order is still working.</summary>
    Failed = 2,
}

public readonly record struct CancelResult(
    ClientOrderId ClientOrderId,
    CancelOutcome Outcome,
    decimal ExecutedQty = 0m,
    int ErrorCode = 0);

public enum QueryOutcome : byte
{
    Found = 0,
    /// <summary>-2013: the exchange has no such order.</summary>
    NotFound = 1,
    Failed = 2,
}

/// <summary>The answer to a query by client id (resolving an unknown placement outcome).</summary>
public readonly record struct QueryResult(
    ClientOrderId ClientOrderId,
    QueryOutcome Outcome,
    long OrderId = 0,
    OrderStatus Status = OrderStatus.New,
    decimal ExecutedQty = 0m,
    decimal AvgPrice = 0m);
