using CsCheck;
using Vq.Core.Config;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class SoftRiskTests
{
    [Fact]
    public void Distance_is_relative_to_the_mark()
    {
        Assert.Equal(0.02m, LiquidationDistance.Compute(100m, 98m));
        Assert.Equal(0.02m, LiquidationDistance.Compute(100m, 102m));
    }

    [Theory]
    [InlineData(null, "98")]
    [InlineData("0", "98")]
    [InlineData("100", null)]
    [InlineData("100", "0")]
    [InlineData("100", "-1")]
    public void Distance_is_undefined_without_both_prices(string? mark, string? liq)
    {
        Assert.Null(LiquidationDistance.Compute(Parse(mark), Parse(liq)));
    }

    // SPEC §9.12 #103
    [Fact]
    public void Scenario_103_distance_above_threshold_does_not_trigger_and_below_does()
    {
        var safe = SoftRisk.Evaluate(100m, 98m, 0.015m);
        Assert.False(safe.Triggered);
        Assert.Equal(0.02m, safe.Distance);
        Assert.Equal(SoftRiskReason.WithinThreshold, safe.Reason);

        var breach = SoftRisk.Evaluate(100m, 99m, 0.015m);
        Assert.True(breach.Triggered);
        Assert.Equal(0.01m, breach.Distance);
        Assert.Equal("liq_distance_breach", breach.Reason.Code());
    }

    [Fact]
    public void Distance_equal_to_the_threshold_triggers()
    {
        Assert.True(SoftRisk.Evaluate(100m, 98.5m, 0.015m).Triggered);
    }

    // SPEC §9.12 #104
    [Fact]
    public void Scenario_104_missing_prices_give_a_reason_and_no_trigger()
    {
        var noMark = SoftRisk.Evaluate(null, 99m, 0.015m);
        Assert.False(noMark.Triggered);
        Assert.Equal("missing_mark_price", noMark.Reason.Code());

        var noLiq = SoftRisk.Evaluate(100m, null, 0.015m);
        Assert.False(noLiq.Triggered);
        Assert.Equal("missing_liquidation_price", noLiq.Reason.Code());

        Assert.Equal(SoftRiskReason.MissingLiquidationPrice, SoftRisk.Evaluate(100m, 0m, 0.015m).Reason);
    }

    // SPEC §9.1 #11 (D2/P12): the symbol's merged threshold decides, not the global one.
    [Fact]
    public void Scenario_11_symbol_threshold_override_is_the_one_used()
    {
        var global = new RiskSettings { LiqDistanceThreshold = 0.015m };
        var btc = global with { LiqDistanceThreshold = 0.05m };

        Assert.False(SoftRisk.Evaluate(100m, 96m, global.LiqDistanceThreshold).Triggered);
        var evaluation = SoftRisk.Evaluate(100m, 96m, btc.LiqDistanceThreshold);
        Assert.True(evaluation.Triggered);
        Assert.Equal(0.04m, evaluation.Distance);
    }

    // SPEC §9.12 #106 (the latch part; the state machine reads IsActive before de-escalating).
    [Fact]
    public void Scenario_106_latch_reports_entry_once_holds_and_reports_recovery_once()
    {
        var latch = new SoftRiskLatch();
        var panic = new PanicEpisode();

        Assert.Equal(SoftRiskTransition.Entered, latch.Update(SoftRisk.Evaluate(100m, 99m, 0.015m)));
        Assert.True(latch.IsActive);
        Assert.True(RiskHold.BlocksDeescalation(latch, panic));

        // A second evaluation inside the zone: no new WARN.
        Assert.Equal(SoftRiskTransition.None, latch.Update(SoftRisk.Evaluate(100m, 99.2m, 0.015m)));
        Assert.True(latch.IsActive);

        // Leaving the zone: a single recovery.
        Assert.Equal(SoftRiskTransition.Exited, latch.Update(SoftRisk.Evaluate(100m, 95m, 0.015m)));
        Assert.Equal(SoftRiskTransition.None, latch.Update(SoftRisk.Evaluate(100m, 94m, 0.015m)));
        Assert.False(latch.IsActive);
        Assert.False(RiskHold.BlocksDeescalation(latch, panic));
        Assert.Equal("liq_distance_recovered", SoftRiskLatch.RecoveredCode);
    }

    [Fact]
    public void Latch_holds_through_missing_prices()
    {
        var latch = new SoftRiskLatch();
        latch.Update(SoftRisk.Evaluate(100m, 99m, 0.015m));

        Assert.Equal(SoftRiskTransition.None, latch.Update(SoftRisk.Evaluate(null, 99m, 0.015m)));
        Assert.Equal(SoftRiskTransition.None, latch.Update(SoftRisk.Evaluate(100m, null, 0.015m)));
        Assert.True(latch.IsActive);

        latch.Reset();
        Assert.False(latch.IsActive);
    }

    [Fact]
    public void Panic_episode_alone_also_blocks_deescalation()
    {
        var panic = new PanicEpisode();
        panic.Apply(new PanicTier(0.03m, 0.05m), 4000, 0.5m);
        Assert.True(RiskHold.BlocksDeescalation(new SoftRiskLatch(), panic));
    }

    [Fact]
    public void Property_latch_transitions_alternate_and_match_the_last_distance()
    {
        var evaluations = Gen.Int[0, 40].Select(liqTenths => liqTenths == 0 ? (decimal?)null : 96m + (liqTenths / 10m)).Array[0, 60];
        evaluations.Sample(liqs =>
        {
            var latch = new SoftRiskLatch();
            var expectedActive = false;
            var last = SoftRiskTransition.Exited;
            foreach (var liq in liqs)
            {
                var evaluation = SoftRisk.Evaluate(100m, liq, 0.015m);
                var transition = latch.Update(evaluation);
                if (evaluation.HasDistance)
                {
                    expectedActive = evaluation.Triggered;
                }

                if (transition != SoftRiskTransition.None)
                {
                    Assert.NotEqual(last, transition);
                    last = transition;
                }

                Assert.Equal(expectedActive, latch.IsActive);
            }
        });
    }

    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
