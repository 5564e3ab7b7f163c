using CsCheck;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Execution;

/// <summary>
/// <c>--max-slippage-bps</c>: arrival mid 50000.5 (book 50000/50001, tick 0.1), 10 bps. A SELL never below
/// 49950.4995 → 49950.5 (rounded up); a BUY never above 50050.5005 → 50050.5 (rounded down).
/// </summary>
public class SlippageCapTests
{
    [Fact]
    public void The_bound_rounds_toward_the_mid_so_it_is_never_looser_than_asked()
    {
        Assert.Equal(49950.5m, SlippageCap.WorstPrice(PositionSide.Long, 50000.5m, 10m, 0.1m));
        Assert.Equal(50050.5m, SlippageCap.WorstPrice(PositionSide.Short, 50000.5m, 10m, 0.1m));
    }

    [Fact]
    public void An_aligned_bound_is_kept_as_it_is()
    {
        // 100 × (1 ∓ 0.01) = 99 / 101 exactly.
        Assert.Equal(99m, SlippageCap.WorstPrice(PositionSide.Long, 100m, 100m, 0.1m));
        Assert.Equal(101m, SlippageCap.WorstPrice(PositionSide.Short, 100m, 100m, 0.1m));
    }

    [Fact]
    public void No_cap_no_mid_or_a_sell_cap_of_100_percent_means_no_bound()
    {
        Assert.Equal(0m, SlippageCap.WorstPrice(PositionSide.Long, 50000m, 0m, 0.1m));
        Assert.Equal(0m, SlippageCap.WorstPrice(PositionSide.Short, 0m, 10m, 0.1m));
        Assert.Equal(0m, SlippageCap.WorstPrice(PositionSide.Long, 50000m, 10_000m, 0.1m));
        Assert.Equal(7m, SlippageCap.Bound(PositionSide.Long, 7m, 0m, out var capped));
        Assert.False(capped);
    }

    [Fact]
    public void Bound_moves_only_prices_beyond_the_cap()
    {
        Assert.Equal(49950.5m, SlippageCap.Bound(PositionSide.Long, 49900m, 49950.5m, out var sellCapped));
        Assert.True(sellCapped);
        Assert.Equal(50000m, SlippageCap.Bound(PositionSide.Long, 50000m, 49950.5m, out var sellFree));
        Assert.False(sellFree);
        Assert.Equal(50050.5m, SlippageCap.Bound(PositionSide.Short, 50100.1m, 50050.5m, out var buyCapped));
        Assert.True(buyCapped);
        Assert.Equal(50001m, SlippageCap.Bound(PositionSide.Short, 50001m, 50050.5m, out _));
    }

    [Fact]
    public void An_aggressive_sell_with_the_market_beyond_the_cap_rests_at_the_cap()
    {
        var h = new LegHarness(PositionSide.Long);
        h.Leg.SwitchMode(ExecutionMode.AggressiveLimit, "test", 1000, h.Out);
        var request = h.Request(bid: 49900m, ask: 49900.1m) with { WorstPrice = 49950.5m };

        Assert.Equal(SliceDecision.Placed, h.Leg.TryBeginSlice(request, 1000, h.Out));

        var place = h.Single(CommandKind.PlaceOrder);
        Assert.Equal(49950.5m, place.Price); // above the ask: it rests on the book, it cannot take liquidity
        Assert.Equal(TimeInForce.Gtc, place.TimeInForce);
        Assert.True(h.Leg.LastPriceCapped);
    }

    [Fact]
    public void A_maker_buy_with_the_market_beyond_the_cap_rests_at_the_cap_and_stays_post_only()
    {
        var h = new LegHarness(PositionSide.Short);
        var request = h.Request(bid: 50100m, ask: 50100.2m) with { WorstPrice = 50050.5m };

        Assert.Equal(SliceDecision.Placed, h.Leg.TryBeginSlice(request, 1000, h.Out));

        var place = h.Single(CommandKind.PlaceOrder);
        Assert.Equal(50050.5m, place.Price);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
    }

    [Fact]
    public void Within_the_cap_prices_are_the_usual_ones()
    {
        var h = new LegHarness(PositionSide.Long);
        var request = h.Request() with { WorstPrice = 49950.5m };

        h.Leg.TryBeginSlice(request, 1000, h.Out);

        Assert.Equal(50000.9m, h.Single(CommandKind.PlaceOrder).Price);
        Assert.False(h.Leg.LastPriceCapped);
    }

    [Fact]
    public void The_post_only_retry_keeps_the_cap()
    {
        var h = new LegHarness(PositionSide.Long);
        h.Leg.TryBeginSlice(h.Request() with { WorstPrice = 49950.5m }, 1000, h.Out);
        var maker = h.Single(CommandKind.PlaceOrder);
        h.Out.Clear();

        // The market fell through the cap before the -5022 came back: the aggressive retry may not follow it.
        h.Leg.OnPlaceResult(new PlaceResult(maker.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), 49800m, 49800.1m, 1001, h.Out);

        var retry = h.Single(CommandKind.PlaceOrder);
        Assert.Equal(TimeInForce.Gtc, retry.TimeInForce);
        Assert.Equal(49950.5m, retry.Price);
    }

    [Fact]
    public void Every_bound_price_is_aligned_within_the_cap_and_at_most_one_tick_inside_it()
    {
        Gen.Select(Gen.Decimal[0.01m, 200_000m], Gen.Decimal[0.1m, 9_999m], Gen.Int[0, 3].Select(i => i switch { 0 => 0.1m, 1 => 0.01m, 2 => 0.001m, _ => 0.5m }), Gen.Bool).Sample((mid, bps, tick, isLong) =>
        {
            mid = Math.Round(mid, 4);
            bps = Math.Round(bps, 2);
            var side = isLong ? PositionSide.Long : PositionSide.Short;
            var worst = SlippageCap.WorstPrice(side, mid, bps, tick);
            var exact = isLong ? mid * (1m - bps / 10_000m) : mid * (1m + bps / 10_000m);
            if (worst == 0m)
            {
                return isLong && exact <= 0m;
            }

            if (!isLong && exact < tick)
            {
                return worst == tick;
            }

            return Rounding.IsAligned(worst, tick)
                && (isLong ? worst >= exact && worst - exact < tick : worst <= exact && exact - worst < tick);
        }, iter: 5000);
    }
}
