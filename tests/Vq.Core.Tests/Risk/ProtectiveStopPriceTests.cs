using CsCheck;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class ProtectiveStopPriceTests
{
    [Fact]
    public void Trigger_example_of_section_4_4()
    {
        Assert.True(ProtectiveStopPrice.TryComputeTrigger(PositionSide.Long, 100m, 0.01m, 0.1m, out var longStop));
        Assert.Equal(101.1m, longStop);
        Assert.True(ProtectiveStopPrice.TryComputeTrigger(PositionSide.Short, 100m, 0.01m, 0.1m, out var shortStop));
        Assert.Equal(99.0m, shortStop);
    }

    [Theory]
    [InlineData(null, "0.01")]
    [InlineData("0", "0.01")]
    [InlineData("100", "0")]
    [InlineData("100", "1")]
    [InlineData("100", "-0.1")]
    public void Trigger_needs_a_liquidation_price_and_0_lt_D_lt_1(string? liq, string d)
    {
        var liquidation = liq is null ? (decimal?)null : decimal.Parse(liq);
        Assert.False(ProtectiveStopPrice.TryComputeTrigger(PositionSide.Long, liquidation, decimal.Parse(d), 0.1m, out _));
    }

    // SPEC §9.14 #124
    [Theory]
    [InlineData(PositionSide.Long, "101", true)]
    [InlineData(PositionSide.Long, "99", false)]
    [InlineData(PositionSide.Long, "100.005", false)]
    [InlineData(PositionSide.Short, "99", true)]
    [InlineData(PositionSide.Short, "101", false)]
    [InlineData(PositionSide.Short, "99.995", false)]
    public void Scenario_124_external_stop_validity_at_liq_100(PositionSide side, string stop, bool valid)
    {
        Assert.Equal(valid, ProtectiveStopPrice.IsExternalStopValid(side, decimal.Parse(stop), 100m));
    }

    [Fact]
    public void External_stop_with_an_unknown_price_counts_as_valid()
    {
        Assert.True(ProtectiveStopPrice.IsExternalStopValid(PositionSide.Long, null, 100m));
        Assert.True(ProtectiveStopPrice.IsExternalStopValid(PositionSide.Long, 50m, null));
        Assert.True(ProtectiveStopPrice.IsExternalStopValid(PositionSide.Short, 500m, 0m));
    }

    // SPEC §9.14 #121 (the price rule; the planner test covers the skip).
    [Theory]
    [InlineData(PositionSide.Short, "90", "95", true)]
    [InlineData(PositionSide.Long, "120", "110", true)]
    [InlineData(PositionSide.Long, "110", "110", true)]
    [InlineData(PositionSide.Long, "100", "110", false)]
    [InlineData(PositionSide.Short, "120", "110", false)]
    [InlineData(PositionSide.Long, "120", null, false)]
    public void Scenario_121_wrong_side_liquidation(PositionSide side, string liq, string? mark, bool wrong)
    {
        var markPrice = mark is null ? (decimal?)null : decimal.Parse(mark);
        Assert.Equal(wrong, ProtectiveStopPrice.IsLiquidationOnWrongSide(side, decimal.Parse(liq), markPrice));
    }

    [Theory]
    [InlineData("8.266999999999999", "0.001", "8.267")]
    [InlineData("8.2669", "0.001", "8.266")]
    [InlineData("8.267", "0.001", "8.267")]
    [InlineData("101.1000000000001", "0.1", "101.1")]
    [InlineData("5", "0", "5")]
    public void Normalize_snaps_float_noise_and_floors_otherwise(string value, string tick, string expected)
    {
        Assert.Equal(decimal.Parse(expected), ProtectiveStopPrice.Normalize(decimal.Parse(value), decimal.Parse(tick)));
    }

    [Fact]
    public void Property_trigger_is_tick_aligned_and_fires_before_liquidation_near_the_target_distance()
    {
        Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[1, 999], Gen.Bool).Sample((liqCents, dPermille, isLong) =>
        {
            var liq = liqCents / 100m;
            var d = dPermille / 1000m;
            const decimal tick = 0.01m;
            var side = isLong ? PositionSide.Long : PositionSide.Short;
            if (!ProtectiveStopPrice.TryComputeTrigger(side, liq, d, tick, out var stop))
            {
                Assert.False(isLong); // only a SHORT stop can floor to zero
                return;
            }

            Assert.True(Rounding.IsAligned(stop, tick));
            Assert.True(isLong ? stop > liq : stop < liq);
            // The distance to liquidation when the stop fires is at least D (rounding only makes it fire earlier).
            var distAtTrigger = Math.Abs(stop - liq) / stop;
            Assert.True(distAtTrigger >= d - 0.0000000001m, $"dist {distAtTrigger} < D {d}");
        });
    }
}
