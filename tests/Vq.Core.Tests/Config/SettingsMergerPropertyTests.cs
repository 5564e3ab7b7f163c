using CsCheck;
using Vq.Core.Config;

namespace Vq.Core.Tests.Config;

public class SettingsMergerPropertyTests
{
    private static readonly Gen<int?> s_optionalInt = Gen.Select(Gen.Bool, Gen.Int[0, 100_000], (has, v) => has ? (int?)v : null);

    private static readonly Gen<decimal?> s_optionalDecimal =
        Gen.Select(Gen.Bool, Gen.Int[0, 1_000_000], (has, v) => has ? (decimal?)(v / 1000m) : null);

    [Fact]
    public void A_written_value_always_wins_and_an_absent_one_always_inherits()
    {
        Gen.Select(s_optionalInt, s_optionalInt, s_optionalDecimal, s_optionalDecimal, s_optionalInt)
            .Sample(t =>
            {
                var (ttl, safety, notional, threshold, window) = t;
                var global = new GlobalSettings
                {
                    Execution = new ExecutionSettings { OrderTtlMs = 4321, MakerSafetyTicks = 7, MaxOrderNotional = 12.5m },
                    Accel = new AccelSettings { WindowMs = 999 },
                    Risk = new RiskSettings { LiqDistanceThreshold = 0.07m },
                };
                var overrides = new SymbolOverrides
                {
                    Execution = new ExecutionOverrides { OrderTtlMs = ttl, MakerSafetyTicks = safety, MaxOrderNotional = notional },
                    Accel = new AccelOverrides { WindowMs = window },
                    Risk = new RiskOverrides { LiqDistanceThreshold = threshold },
                };

                var merged = SettingsMerger.Merge("BTCUSDT", global, overrides);

                Assert.Equal(ttl ?? 4321, merged.Execution.OrderTtlMs);
                Assert.Equal(safety ?? 7, merged.Execution.MakerSafetyTicks);
                Assert.Equal(notional ?? 12.5m, merged.Execution.MaxOrderNotional);
                Assert.Equal(window ?? 999, merged.Accel.WindowMs);
                Assert.Equal(threshold ?? 0.07m, merged.Risk.LiqDistanceThreshold);
                // Untouched keys are always the global ones.
                Assert.Equal(global.Execution.MaxMult, merged.Execution.MaxMult);
            });
    }

    [Fact]
    public void Merged_tiers_are_a_sorted_permutation_of_the_written_ones()
    {
        Gen.Select(Gen.Int[1, 50], Gen.Int[1, 20]).Array[0, 12]
            .Sample(raw =>
            {
                var tiers = raw.Select(r => new PanicTier(r.Item1 / 100m, r.Item2 / 20m)).ToArray();

                var merged = SettingsMerger.Merge("BTCUSDT", new GlobalSettings(), new SymbolOverrides
                {
                    Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = tiers } },
                }).Risk.PanicClose.Tiers;

                Assert.Equal(tiers.Length, merged.Count);
                for (var i = 1; i < merged.Count; i++)
                {
                    Assert.True(merged[i - 1].DistToLiq <= merged[i].DistToLiq);
                }

                Assert.Equal(tiers.OrderBy(t => t.DistToLiq), merged);
            });
    }
}
