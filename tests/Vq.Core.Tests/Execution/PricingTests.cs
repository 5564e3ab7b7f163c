using Vq.Core.Config;
using Vq.Core.Execution;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Execution;

/// <summary>SPEC §9.6 (bid 50000, ask 50001, tick 0.1 unless noted).</summary>
public class PricingTests
{
    private static readonly ExecutionSettings Inside = new();

    [Fact] // #49
    public void Inside_spread_1tick_prices_one_tick_inside_each_touch()
    {
        Assert.Equal(50000.9m, Pricing.MakerPrice(PositionSide.Long, 50000m, 50001m, 0.1m, Inside));
        Assert.Equal(50000.1m, Pricing.MakerPrice(PositionSide.Short, 50000m, 50001m, 0.1m, Inside));
    }

    [Fact] // #50
    public void Custom_ticks_n3_prices_three_ticks_inside()
    {
        var custom = new ExecutionSettings { MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = 3 };
        Assert.Equal(50000.7m, Pricing.MakerPrice(PositionSide.Long, 50000m, 50001m, 0.1m, custom));
        Assert.Equal(50000.3m, Pricing.MakerPrice(PositionSide.Short, 50000m, 50001m, 0.1m, custom));
    }

    [Fact] // #52
    public void Unaligned_book_rounds_down_and_clamps_above_the_bid()
    {
        Assert.Equal(50000.1m, Pricing.MakerPrice(PositionSide.Long, 50000.05m, 50000.15m, 0.1m, Inside));
    }

    [Fact] // #53
    public void One_tick_spread_degenerates_to_at_touch()
    {
        Assert.Equal(8.112m, Pricing.MakerPrice(PositionSide.Long, 8.111m, 8.112m, 0.001m, Inside));
        Assert.Equal(8.111m, Pricing.MakerPrice(PositionSide.Short, 8.111m, 8.112m, 0.001m, Inside));
    }

    [Fact]
    public void At_touch_prices_at_own_touch_and_custom_ticks_deeper_than_the_spread_are_clamped()
    {
        var atTouch = new ExecutionSettings { MakerPriceMode = MakerPriceMode.AtTouch };
        Assert.Equal(50001m, Pricing.MakerPrice(PositionSide.Long, 50000m, 50001m, 0.1m, atTouch));
        Assert.Equal(50000m, Pricing.MakerPrice(PositionSide.Short, 50000m, 50001m, 0.1m, atTouch));
        var deep = new ExecutionSettings { MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = 50 };
        Assert.Equal(50000.1m, Pricing.MakerPrice(PositionSide.Long, 50000m, 50001m, 0.1m, deep));
        Assert.Equal(50000.9m, Pricing.MakerPrice(PositionSide.Short, 50000m, 50001m, 0.1m, deep));
    }

    [Fact]
    public void Safety_ticks_two_can_push_a_maker_sell_above_the_ask_but_never_crosses()
    {
        var safety2 = new ExecutionSettings { MakerSafetyTicks = 2 };
        Assert.Equal(100.2m, Pricing.MakerPrice(PositionSide.Long, 100.0m, 100.1m, 0.1m, safety2));
        Assert.Equal(99.9m, Pricing.MakerPrice(PositionSide.Short, 100.0m, 100.1m, 0.1m, safety2));
    }

    [Fact] // #55
    public void Aggressive_prices_sit_at_the_far_touch_with_gtc_and_maker_uses_gtx()
    {
        Assert.Equal(new PricedOrder(50000m, TimeInForce.Gtc), Pricing.ForMode(ExecutionMode.AggressiveLimit, PositionSide.Long, 50000m, 50001m, 0.1m, Inside));
        Assert.Equal(100.1m, Pricing.AggressivePrice(PositionSide.Short, 100m, 100.05m, 0.1m));
        Assert.Equal(TimeInForce.Gtx, Pricing.ForMode(ExecutionMode.MakerOnly, PositionSide.Short, 50000m, 50001m, 0.1m, Inside).TimeInForce);
    }
}
