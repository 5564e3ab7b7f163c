using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

/// <summary>P19: which ACCOUNT_UPDATEs make the liquidation price stale, and the debounce that coalesces them.</summary>
public class MarginRefreshTests
{
    [Theory]
    [InlineData("MARGIN_TRANSFER", false, false, true)]
    [InlineData("ASSET_TRANSFER", false, false, true)]
    [InlineData("MARGIN_TYPE_CHANGE", false, true, true)]
    [InlineData("DEPOSIT", true, false, true)]
    [InlineData("ADJUSTMENT", true, false, true)]
    [InlineData("ORDER", true, false, false)]
    [InlineData("FUNDING_FEE", false, false, false)]
    [InlineData("DEPOSIT", true, true, false)]
    [InlineData("ORDER", true, true, false)]
    public void Margin_events_follow_the_spec_rule(string reason, bool balanceChanged, bool positionChanged, bool expected) =>
        Assert.Equal(expected, MarginRefresh.IsMarginEvent(reason, balanceChanged, positionChanged));

    [Fact]
    public void The_first_event_arms_one_refresh_after_the_debounce_and_later_events_ride_on_it()
    {
        var refresh = new MarginRefresh(debounceMs: 2000);
        Assert.False(refresh.TryTakeDue(10_000));

        refresh.OnMarginEvent(10_000);
        refresh.OnMarginEvent(11_500);
        Assert.True(refresh.IsArmed);
        Assert.False(refresh.TryTakeDue(11_999));
        Assert.True(refresh.TryTakeDue(12_000));
        Assert.False(refresh.TryTakeDue(12_001));
        Assert.False(refresh.IsArmed);

        // A later event arms a new refresh from its own time.
        refresh.OnMarginEvent(20_000);
        Assert.False(refresh.TryTakeDue(21_999));
        Assert.True(refresh.TryTakeDue(22_000));
    }

    [Fact]
    public void A_full_refresh_in_between_satisfies_the_pending_one()
    {
        var refresh = new MarginRefresh(debounceMs: 2000);
        refresh.OnMarginEvent(5_000);
        refresh.Satisfied();
        Assert.False(refresh.TryTakeDue(10_000));
    }

    [Fact]
    public void A_zero_debounce_refreshes_at_the_next_timer_pass_even_at_clock_zero()
    {
        var refresh = new MarginRefresh(debounceMs: 0);
        refresh.OnMarginEvent(0);
        Assert.True(refresh.IsArmed);
        Assert.True(refresh.TryTakeDue(1));
    }
}
