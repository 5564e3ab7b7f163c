using CsCheck;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class PanicTests
{
    private static readonly SymbolRules s_btc = new("BTCUSDT", TickSize: 0.1m, StepSize: 0.001m, MinQty: 0.001m, MinNotional: 5m);

    // Deliberately listed out of order: selection must not depend on the configured order.
    private static readonly PanicCloseSettings s_panic = new()
    {
        Enabled = true,
        TtlPercent = 0.5m,
        Tiers = [new PanicTier(0.03m, 0.05m), new PanicTier(0.02m, 0.10m, MakerTimeoutsToEscalate: 1), new PanicTier(0.04m, 0.02m)],
    };

    // SPEC §9.12 #107 and the §4.3 table.
    [Theory]
    [InlineData("0.035", "0.04", "0.02")]
    [InlineData("0.025", "0.03", "0.05")]
    [InlineData("0.015", "0.02", "0.10")]
    [InlineData("0.02", "0.02", "0.10")]
    public void Scenario_107_tightest_matching_tier_is_chosen(string dist, string tierDist, string slice)
    {
        var tier = PanicTiers.Select(s_panic, decimal.Parse(dist));
        Assert.NotNull(tier);
        Assert.Equal(decimal.Parse(tierDist), tier.DistToLiq);
        Assert.Equal(decimal.Parse(slice), tier.SliceRatio);
    }

    [Fact]
    public void Scenario_107_outside_every_tier_there_is_no_panic()
    {
        Assert.Null(PanicTiers.Select(s_panic, 0.05m));
    }

    [Fact]
    public void Panic_needs_the_enable_flag_tiers_and_a_distance()
    {
        Assert.Null(PanicTiers.Select(s_panic with { Enabled = false }, 0.01m));
        Assert.Null(PanicTiers.Select(s_panic with { Tiers = [] }, 0.01m));
        Assert.Null(PanicTiers.Select(s_panic, null));
    }

    // SPEC §9.12 #109 (the tier and quantity part; the intent itself is the state machine's).
    [Fact]
    public void Scenario_109_panic_reason_names_the_tier_and_the_slice_ignores_max_mult_and_notional()
    {
        var episode = new PanicEpisode();
        var tier = PanicTiers.Select(s_panic, 0.025m)!;
        episode.Apply(tier, 800, s_panic.TtlPercent);
        Assert.Equal("panic_close@0.03", episode.Reason);

        // 10 BTC × 0.05 = 0.5 BTC ≈ 25 000 USDT at 50 000: far above max_order_notional 200 and max_mult 50 × minQty.
        Assert.Equal(0.5m, PanicTiers.SliceQuantity(10m, tier.SliceRatio, s_btc));
    }

    [Theory]
    [InlineData("0.01", "0.10", "0.001")] // below minQty → minQty
    [InlineData("0.0159", "0.5", "0.007")] // floorStep(0.00795)
    [InlineData("0.0015", "1", "0.001")] // capped at floorStep(|pos|)
    [InlineData("0.0009", "0.5", "0")] // below minQty: nothing
    [InlineData("1", "0", "0")] // no ratio: nothing
    public void Panic_slice_quantity(string absPos, string ratio, string expected)
    {
        Assert.Equal(decimal.Parse(expected), PanicTiers.SliceQuantity(decimal.Parse(absPos), decimal.Parse(ratio), s_btc));
    }

    [Fact]
    public void Panic_slice_never_exceeds_the_step_floored_position_when_min_qty_is_off_step()
    {
        var rules = new SymbolRules("X", 0.1m, StepSize: 0.01m, MinQty: 0.015m, MinNotional: 0m);
        // minQty 0.015 ≤ |pos| 0.019, but floorStep(0.019) = 0.01 < minQty: nothing can be sent.
        Assert.Equal(0m, PanicTiers.SliceQuantity(0.019m, 0.1m, rules));
    }

    // SPEC §9.12 #110
    [Fact]
    public void Scenario_110_overrides_are_set_on_entry_and_cleared_when_idle_outside_all_tiers()
    {
        var episode = new PanicEpisode();
        var tier = PanicTiers.Select(s_panic, 0.015m)!;

        Assert.Equal(PanicTierTransition.Entered, episode.Apply(tier, 4000, 0.5m));
        Assert.Equal(2000, episode.TtlOverrideMs);
        Assert.Equal(1, episode.MakerTimeoutsToEscalateOverride);

        Assert.False(episode.TryClear(LegState.Waiting));
        Assert.True(episode.IsActive);
        Assert.Equal(2000, episode.TtlOverrideMs);

        Assert.True(episode.TryClear(LegState.Idle));
        Assert.False(episode.IsActive);
        Assert.Null(episode.TtlOverrideMs);
        Assert.Null(episode.MakerTimeoutsToEscalateOverride);
        Assert.Null(episode.Tier);
        Assert.False(episode.TryClear(LegState.Idle));
    }

    [Fact]
    public void Ttl_override_is_set_once_per_episode_and_the_escalation_override_follows_the_tier()
    {
        var episode = new PanicEpisode();
        Assert.Equal(PanicTierTransition.Entered, episode.Apply(new PanicTier(0.04m, 0.02m, 3), 4000, 0.5m));
        Assert.Equal(PanicTierTransition.Unchanged, episode.Apply(new PanicTier(0.04m, 0.02m, 3), 9999, 0.9m));
        Assert.Equal(PanicTierTransition.ChangedTier, episode.Apply(new PanicTier(0.02m, 0.10m, 1), 9999, 0.9m));
        Assert.Equal(2000, episode.TtlOverrideMs);
        Assert.Equal(1, episode.MakerTimeoutsToEscalateOverride);
        Assert.Equal("panic_close@0.02", episode.Reason);
    }

    [Theory]
    [InlineData(4000, "0.5", 2000)]
    [InlineData(801, "0.5", 400)]
    [InlineData(1, "0.1", 1)]
    [InlineData(800, "1", 800)]
    public void Ttl_override_formula(int ttl, string percent, int expected)
    {
        Assert.Equal(expected, PanicEpisode.TtlOverride(ttl, decimal.Parse(percent)));
    }

    [Fact]
    public void Reason_prints_the_tier_in_full()
    {
        Assert.Equal("panic_close@0.03", PanicEpisode.FormatReason(0.0300m));
        Assert.Equal("panic_close@0.00001", PanicEpisode.FormatReason(0.00001m));
    }

    [Fact]
    public void Property_selection_equals_sorting_then_taking_the_first_match()
    {
        var tierGen = Gen.Select(Gen.Int[1, 60], Gen.Int[1, 100]).Select((d, s) => new PanicTier(d / 1000m, s / 100m));
        Gen.Select(tierGen.Array[0, 6], Gen.Int[0, 70]).Sample((tiers, distMilli) =>
        {
            var dist = distMilli / 1000m;
            var settings = new PanicCloseSettings { Enabled = true, Tiers = tiers };
            var expected = tiers.OrderBy(t => t.DistToLiq).FirstOrDefault(t => dist <= t.DistToLiq);
            Assert.Same(expected, PanicTiers.Select(settings, dist));
        });
    }

    [Fact]
    public void Property_slice_is_step_aligned_and_within_the_tradable_position()
    {
        Gen.Select(Gen.Int[0, 200_000], Gen.Int[1, 100]).Sample((posMilli, ratioPct) =>
        {
            var absPos = posMilli / 10_000m;
            var qty = PanicTiers.SliceQuantity(absPos, ratioPct / 100m, s_btc);
            Assert.True(qty >= 0m);
            Assert.True(qty <= s_btc.FloorQty(absPos));
            Assert.True(Rounding.IsAligned(qty, s_btc.StepSize));
            Assert.True(qty == 0m || qty >= s_btc.MinQty);
            Assert.Equal(s_btc.IsDone(absPos), qty == 0m);
        });
    }
}
