using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

public class RiskAllocationTests
{
    // The per-pass risk checks run on every side-loop step: in steady state they must not allocate.
    [Fact]
    public void Per_pass_risk_evaluation_does_not_allocate()
    {
        var rules = new SymbolRules("BTCUSDT", 0.1m, 0.001m, 0.001m, 5m);
        var panic = new PanicCloseSettings
        {
            Enabled = true,
            Tiers = [new PanicTier(0.04m, 0.02m), new PanicTier(0.03m, 0.05m), new PanicTier(0.02m, 0.10m)],
        };
        var latch = new SoftRiskLatch();
        var episode = new PanicEpisode();
        var block = new ReduceOnlyBlockLatch();
        RestingOrder[] orders = [new(PositionSide.Long, OrderSide.Sell, 0.002m, 0m, ClientOrderId.Parse("vq-0123456789-a"))];
        var runPrefix = "vq-0123456789-"u8.ToArray();
        decimal sink = 0;

        void Pass(long now)
        {
            var evaluation = SoftRisk.Evaluate(100m, 97.5m, 0.015m);
            latch.Update(evaluation);
            var tier = PanicTiers.Select(panic, evaluation.Distance);
            if (tier is not null)
            {
                episode.Apply(tier, 800, 0.5m);
                sink += PanicTiers.SliceQuantity(1.234m, tier.SliceRatio, rules);
            }

            var inspection = ReduceOnlyBlockInspector.Inspect(PositionSide.Long, 1.234m, orders, rules, runPrefix);
            block.TryLatch(inspection, now);
            sink += inspection.Headroom + (RiskHold.BlocksDeescalation(latch, episode) ? 1 : 0);
        }

        for (var i = 0; i < 100; i++)
        {
            Pass(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < 10_000; i++)
        {
            Pass(i);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sink > 0);
    }
}
