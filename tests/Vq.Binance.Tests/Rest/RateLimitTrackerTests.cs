using System.Net.Http;
using Vq.Binance.Json;
using Vq.Binance.Rest;

namespace Vq.Binance.Tests.Rest;

public sealed class RateLimitTrackerTests
{
    private static readonly DateTimeOffset s_minuteStart = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_040_000);

    [Fact]
    public void Requests_are_refused_locally_before_the_weight_limit_and_allowed_again_next_minute()
    {
        var tracker = new RateLimitTracker();
        tracker.ApplyLimits([new RateLimitInfo { RateLimitType = "REQUEST_WEIGHT", Interval = "MINUTE", IntervalNum = 1, Limit = 100 }]);
        Assert.True(tracker.TryAcquire(85, 0, s_minuteStart, out _, out _));
        Assert.True(tracker.TryAcquire(5, 0, s_minuteStart.AddSeconds(1), out _, out _));
        Assert.False(tracker.TryAcquire(1, 0, s_minuteStart.AddSeconds(2), out var refusal, out var wait));
        Assert.Equal(ApiOutcome.RateLimited, refusal);
        Assert.Equal(TimeSpan.FromSeconds(58), wait);
        Assert.Equal(10, tracker.WeightHeadroom);
        Assert.True(tracker.TryAcquire(1, 0, s_minuteStart.AddSeconds(60), out _, out _));
    }

    [Fact]
    public void Order_counters_throttle_per_ten_seconds_from_the_account_limits()
    {
        var tracker = new RateLimitTracker();
        tracker.ApplyLimits([new RateLimitInfo { RateLimitType = "ORDERS", Interval = "SECOND", IntervalNum = 10, Limit = 10 }]);
        for (var i = 0; i < 9; i++)
        {
            Assert.True(tracker.TryAcquire(0, 1, s_minuteStart, out _, out _));
        }

        Assert.False(tracker.TryAcquire(0, 1, s_minuteStart.AddSeconds(3), out _, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.True(tracker.TryAcquire(0, 1, s_minuteStart.AddSeconds(10), out _, out _));
    }

    [Fact]
    public void Exchange_headers_raise_the_local_count_whatever_their_case()
    {
        var tracker = new RateLimitTracker();
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-mbx-used-weight-1m", "2100");
        tracker.Observe(response.Headers, s_minuteStart);
        Assert.Equal(300, tracker.WeightHeadroom);
        Assert.False(tracker.TryAcquire(61, 0, s_minuteStart, out _, out _)); // 2161 > 90 % of 2400
        Assert.True(tracker.TryAcquire(60, 0, s_minuteStart, out _, out _)); // 2160 is exactly 90 %
    }

    [Fact]
    public void A_hold_and_a_ban_refuse_everything_until_they_end()
    {
        var tracker = new RateLimitTracker();
        var alerts = new List<BanAlert>();
        tracker.Banned += alerts.Add;
        tracker.HoldUntil(s_minuteStart.AddSeconds(5));
        Assert.False(tracker.TryAcquire(1, 0, s_minuteStart, out var held, out _));
        Assert.Equal(ApiOutcome.RateLimited, held);
        Assert.True(tracker.TryAcquire(1, 0, s_minuteStart.AddSeconds(5), out _, out _));

        tracker.Ban(s_minuteStart.AddMinutes(2), "banned until …");
        tracker.Ban(s_minuteStart.AddMinutes(1), "an earlier end never shortens a ban");
        Assert.False(tracker.TryAcquire(0, 1, s_minuteStart.AddSeconds(90), out var banned, out var wait));
        Assert.Equal(ApiOutcome.Banned, banned);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        Assert.Single(alerts);
        Assert.True(tracker.TryAcquire(0, 1, s_minuteStart.AddMinutes(2), out _, out _));
    }
}
