using Vq.Binance.Json;
using Vq.Binance.Rest;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>REST outcomes → the engine's placement results, with the hold a rate-limit refusal carries.</summary>
public class WireMappingTests
{
    private static readonly ClientOrderId Id = ClientOrderId.Parse("vq-0123456789-1");

    [Fact]
    public void A_429_carries_its_retry_after_into_the_placement_result()
    {
        var result = ApiResult.Fail<OrderInfo>(ApiOutcome.RateLimited, new ApiError(429, -1003, "Too many requests", TimeSpan.FromSeconds(60)));
        var mapped = WireMapping.ToPlaceResult(Id, result);
        Assert.Equal(PlaceOutcome.RateLimited, mapped.Outcome);
        Assert.Equal(-1003, mapped.ErrorCode);
        Assert.Equal(60_000, mapped.RetryAfterMs);
    }

    [Fact]
    public void A_ban_without_retry_after_holds_until_the_ban_ends()
    {
        var result = ApiResult.Fail<OrderInfo>(ApiOutcome.Banned, new ApiError(418, -1003, "banned", default, DateTimeOffset.UtcNow.AddSeconds(30)));
        var mapped = WireMapping.ToPlaceResult(Id, result);
        Assert.Equal(PlaceOutcome.RateLimited, mapped.Outcome);
        Assert.InRange(mapped.RetryAfterMs, 25_000, 30_000);
    }

    [Fact]
    public void Other_failures_carry_no_hold()
    {
        var result = ApiResult.Fail<OrderInfo>(ApiOutcome.Rejected, new ApiError(400, -2022, "ReduceOnly Order is rejected."));
        Assert.Equal(0, WireMapping.ToPlaceResult(Id, result).RetryAfterMs);
    }
}
