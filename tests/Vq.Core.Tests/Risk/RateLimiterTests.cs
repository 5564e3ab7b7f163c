using CsCheck;
using Vq.Core.Config;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class RateLimiterTests
{
    // SPEC §9.13 #112
    [Fact]
    public void Scenario_112_order_window_of_two()
    {
        var limiter = new SlidingWindowRateLimiter(2);
        Assert.True(limiter.TryAcquire(0));
        Assert.True(limiter.TryAcquire(100));
        Assert.False(limiter.TryAcquire(200)); // not recorded
        Assert.True(limiter.TryAcquire(1001)); // 0 expired
        Assert.False(limiter.TryAcquire(1050)); // 100 and 1001 in the window
        Assert.True(limiter.TryAcquire(1100)); // 100 is exactly now − 1000: expired
    }

    [Fact]
    public void Scenario_112_boundary_an_event_exactly_one_window_ago_has_expired()
    {
        var limiter = new SlidingWindowRateLimiter(1);
        Assert.True(limiter.TryAcquire(0));
        Assert.True(limiter.TryAcquire(1000));
    }

    // SPEC §9.13 #113
    [Fact]
    public void Scenario_113_cancel_window_of_one_and_denied_calls_use_no_slot()
    {
        var limiter = new SlidingWindowRateLimiter(1);
        Assert.True(limiter.TryAcquire(0));
        Assert.False(limiter.TryAcquire(1));
        Assert.True(limiter.TryAcquire(1001)); // the denied call at 1 did not extend the window
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Scenario_113_a_limit_of_zero_or_less_always_allows(int max)
    {
        var limiter = new SlidingWindowRateLimiter(max);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(limiter.TryAcquire(5));
        }
    }

    [Fact]
    public void Account_limiter_uses_two_independent_windows_and_risk_bypasses_unrecorded()
    {
        var limiter = new AccountRateLimiter(new RateLimitSettings { MaxOrdersPerSec = 1, MaxCancelsPerSec = 1 });
        Assert.True(limiter.TryAcquirePlacement(0, isRisk: false));
        Assert.False(limiter.TryAcquirePlacement(10, isRisk: false));
        Assert.True(limiter.TryAcquirePlacement(10, isRisk: true)); // §9.12 #109: panic placed while exhausted
        Assert.True(limiter.TryAcquireCancel(10, cancelsRiskOrder: false)); // the cancel window is separate
        Assert.False(limiter.TryAcquireCancel(20, cancelsRiskOrder: false));
        Assert.True(limiter.TryAcquireCancel(20, cancelsRiskOrder: true));
        Assert.Equal(1, limiter.Orders.CountInWindow(20));
        Assert.Equal(1, limiter.Cancels.CountInWindow(20));
    }

    [Fact]
    public void An_absurd_limit_is_refused_instead_of_allocating_a_huge_ring()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(int.MaxValue));
    }

    [Fact]
    public void Acquiring_does_not_allocate()
    {
        var limiter = new SlidingWindowRateLimiter(5);
        for (var t = 0; t < 100; t++)
        {
            limiter.TryAcquire(t * 37);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 100; t < 10_000; t++)
        {
            limiter.TryAcquire(t * 37);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Property_ring_agrees_with_a_naive_list_model()
    {
        Gen.Select(Gen.Int[-1, 6], Gen.Int[0, 400].Array[1, 200]).Sample((max, gaps) =>
        {
            var limiter = new SlidingWindowRateLimiter(max);
            var model = new List<long>();
            long now = 0;
            foreach (var gap in gaps)
            {
                now += gap;
                model.RemoveAll(t => t <= now - 1000);
                var expected = max <= 0 || model.Count < max;
                if (expected && max > 0)
                {
                    model.Add(now);
                }

                Assert.Equal(expected, limiter.TryAcquire(now));
            }
        });
    }
}
