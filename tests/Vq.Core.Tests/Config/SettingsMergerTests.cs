using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Config;

public class SettingsMergerTests
{
    private static readonly GlobalSettings s_global22 = new()
    {
        Execution = new ExecutionSettings
        {
            OrderTtlMs = 1000,
            RepostCooldownMs = 150,
            MakerPriceMode = MakerPriceMode.AtTouch,
            MakerSafetyTicks = 2,
            MaxMult = 100,
            MaxOrderNotional = 500m,
        },
    };

    // SPEC §9.1 #2
    [Fact]
    public void Scenario_9_1_02_symbol_values_win_field_by_field_and_the_rest_is_inherited()
    {
        var btc = new SymbolOverrides
        {
            Execution = new ExecutionOverrides { OrderTtlMs = 1500, MakerSafetyTicks = 3, MaxMult = 150, MaxOrderNotional = 1000m },
        };

        var merged = SettingsMerger.Merge("BTCUSDT", s_global22, btc).Execution;

        Assert.Equal(1500, merged.OrderTtlMs);
        Assert.Equal(3, merged.MakerSafetyTicks);
        Assert.Equal(150, merged.MaxMult);
        Assert.Equal(1000m, merged.MaxOrderNotional);
        Assert.Equal(MakerPriceMode.AtTouch, merged.MakerPriceMode);
        Assert.Equal(150, merged.RepostCooldownMs);
        Assert.Equal(200, merged.MinSignalIntervalMs);
    }

    // SPEC §9.1 #4
    [Fact]
    public void Scenario_9_1_04_a_symbol_without_an_entry_gets_pure_globals()
    {
        var config = new VqConfig(s_global22, symbols: [new("BTCUSDT", new SymbolOverrides { Execution = new ExecutionOverrides { OrderTtlMs = 1 } })]);

        var doge = config.For("DOGEUSDT");

        Assert.Equal("DOGEUSDT", doge.Symbol);
        Assert.Equal(s_global22.Execution, doge.Execution);
        Assert.Equal(s_global22.Risk.LiqDistanceThreshold, doge.Risk.LiqDistanceThreshold);
        Assert.False(config.IsConfigured("DOGEUSDT"));
        Assert.Same(SymbolOverrides.None, config.OverridesFor("DOGEUSDT"));
    }

    // SPEC §9.1 #5
    [Fact]
    public void Scenario_9_1_05_protective_stop_merges_field_by_field()
    {
        var global = new GlobalSettings
        {
            Risk = new RiskSettings { LiqDistanceThreshold = 0.02m, ProtectiveStop = new ProtectiveStopSettings { DistToLiq = 0.01m } },
        };
        var btc = new SymbolOverrides
        {
            Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { DistToLiq = 0.02m } },
        };

        var merged = SettingsMerger.Merge("BTCUSDT", global, btc).Risk;

        Assert.Equal(0.02m, merged.ProtectiveStop.DistToLiq);
        Assert.Equal(0.02m, merged.LiqDistanceThreshold);
        Assert.True(merged.ProtectiveStop.Enabled);
    }

    // SPEC §9.1 #11 [FIX]: the symbol's threshold is what soft risk compares against (D2).
    [Fact]
    public void Scenario_9_1_11_the_symbol_liq_distance_threshold_is_the_one_that_triggers_soft_risk()
    {
        var global = new GlobalSettings { Risk = new RiskSettings { LiqDistanceThreshold = 0.015m } };
        var config = new VqConfig(global, symbols: [new("BTCUSDT", new SymbolOverrides { Risk = new RiskOverrides { LiqDistanceThreshold = 0.05m } })]);
        decimal mark = 100m, liq = 96m;
        var dist = Math.Abs(mark - liq) / mark;

        Assert.Equal(0.04m, dist);
        Assert.True(dist <= config.For("BTCUSDT").Risk.LiqDistanceThreshold);
        Assert.False(dist <= config.For("ETHUSDT").Risk.LiqDistanceThreshold);
    }

    // SPEC §9.1 #13
    [Fact]
    public void Scenario_9_1_13_mult_percent_scales_inherited_tiers_but_not_explicit_ones()
    {
        var global = new GlobalSettings
        {
            Accel = new AccelSettings { Tiers = [new AccelTier(0.001m, 1), new AccelTier(0.003m, 3)] },
        };
        var config = new VqConfig(global, symbols:
        [
            new("BTCUSDT", new SymbolOverrides { Accel = new AccelOverrides { MultPercent = 0.5m } }),
            new("ETHUSDT", new SymbolOverrides { Accel = new AccelOverrides { MultPercent = 0.5m, Tiers = [new AccelTier(0.002m, 9)] } }),
        ]);

        Assert.Equal([new AccelTier(0.001m, 1), new AccelTier(0.003m, 2)], config.For("BTCUSDT").Accel.Tiers);
        Assert.Equal([new AccelTier(0.002m, 9)], config.For("ETHUSDT").Accel.Tiers);
        Assert.Equal(global.Accel.Tiers, config.For("SOLUSDT").Accel.Tiers);
    }

    [Theory]
    [InlineData(1, "0.5", 1)]
    [InlineData(3, "0.5", 2)]
    [InlineData(3, "0.1", 1)]
    [InlineData(5, "1.5", 8)]
    [InlineData(10, "0.25", 3)]
    public void ScaleMults_is_max_1_ceil_mult_times_percent(int mult, string percent, int expected)
    {
        var scaled = SettingsMerger.ScaleMults([new AccelTier(0.01m, mult)], decimal.Parse(percent));

        Assert.Equal(new AccelTier(0.01m, expected), Assert.Single(scaled));
    }

    [Fact]
    public void Tier_lists_replace_wholesale_and_an_explicit_empty_list_disables_them()
    {
        var global = new GlobalSettings
        {
            Roi = new RoiSettings { Tiers = [new RoiTier(0.1m, 2), new RoiTier(0.3m, 4)] },
            Risk = new RiskSettings { PanicClose = new PanicCloseSettings { Tiers = [new PanicTier(0.04m, 0.02m), new PanicTier(0.02m, 0.1m)] } },
        };
        var replaced = SettingsMerger.Merge("BTCUSDT", global, new SymbolOverrides
        {
            Roi = new RoiOverrides { Tiers = [new RoiTier(0.5m, 7)] },
            Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = [] } },
        });

        Assert.Equal([new RoiTier(0.5m, 7)], replaced.Roi.Tiers);
        Assert.Empty(replaced.Risk.PanicClose.Tiers);

        var inherited = SettingsMerger.Merge("BTCUSDT", global, new SymbolOverrides());
        Assert.Equal(2, inherited.Roi.Tiers.Count);
        Assert.Equal(2, inherited.Risk.PanicClose.Tiers.Count);
    }

    [Fact]
    public void Tiers_come_out_sorted_ascending_by_threshold_and_stable()
    {
        var merged = SettingsMerger.Merge("BTCUSDT", new GlobalSettings(), new SymbolOverrides
        {
            Accel = new AccelOverrides { Tiers = [new AccelTier(0.003m, 3), new AccelTier(0.001m, 1), new AccelTier(0.002m, 2)] },
            Roi = new RoiOverrides { Tiers = [new RoiTier(0.3m, 4), new RoiTier(0.1m, 2)] },
            Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = [new PanicTier(0.04m, 0.02m), new PanicTier(0.02m, 0.1m), new PanicTier(0.03m, 0.05m)] } },
        });

        Assert.Equal([0.001m, 0.002m, 0.003m], merged.Accel.Tiers.Select(t => t.Ret));
        Assert.Equal([0.1m, 0.3m], merged.Roi.Tiers.Select(t => t.Roi));
        Assert.Equal([0.02m, 0.03m, 0.04m], merged.Risk.PanicClose.Tiers.Select(t => t.DistToLiq));
    }

    [Fact]
    public void Merged_tier_lists_cannot_be_mutated_through_a_cast()
    {
        var merged = SettingsMerger.Merge("BTCUSDT", new GlobalSettings(), new SymbolOverrides
        {
            Accel = new AccelOverrides { Tiers = [new AccelTier(0.001m, 1)] },
        });

        Assert.False(merged.Accel.Tiers is AccelTier[]);
        Assert.True(((ICollection<AccelTier>)merged.Accel.Tiers).IsReadOnly);
    }

    [Fact]
    public void Nested_external_takeover_merges_field_by_field()
    {
        var global = new GlobalSettings
        {
            Risk = new RiskSettings
            {
                ProtectiveStop = new ProtectiveStopSettings { ExternalTakeover = new ExternalTakeoverSettings { MaxHoldS = 600, CancelInvalid = false } },
            },
        };
        var merged = SettingsMerger.Merge("BTCUSDT", global, new SymbolOverrides
        {
            Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { ExternalTakeover = new ExternalTakeoverOverrides { MaxHoldS = 120 } } },
        }).Risk.ProtectiveStop.ExternalTakeover;

        Assert.Equal(120, merged.MaxHoldS);
        Assert.False(merged.CancelInvalid);
        Assert.Equal(30, merged.RestVerifyIntervalS);
    }

    [Fact]
    public void Every_overridable_field_is_honoured()
    {
        // D2: set every field of the override layer to a non-default value and check each lands in the merge.
        var o = new SymbolOverrides
        {
            Execution = new ExecutionOverrides
            {
                OrderTtlMs = 11, RepostCooldownMs = 12, MinSignalIntervalMs = 13, BaseLotMult = 14,
                MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = 15, MakerSafetyTicks = 16, MaxMult = 17,
                MaxOrderNotional = 18m, MakerTimeoutsToEscalate = 19, AggrFillsToDeescalate = 20,
                AggrTimeoutsToDeescalate = 21, WsFillGraceMs = 22,
            },
            Accel = new AccelOverrides { WindowMs = 23, Tiers = [new AccelTier(0.5m, 24)] },
            Roi = new RoiOverrides { Tiers = [new RoiTier(0.5m, 25)] },
            Risk = new RiskOverrides
            {
                LiqDistanceThreshold = 0.26m,
                PanicClose = new PanicCloseOverrides { Enabled = true, TtlPercent = 0.27m, Tiers = [new PanicTier(0.28m, 0.29m, 30)] },
                ProtectiveStop = new ProtectiveStopOverrides
                {
                    Enabled = false, DistToLiq = 0.31m, AllowLoosenOnLiqImprove = false, LiqImproveThreshold = 0.32m, LoosenCooldownS = 33,
                    ExternalTakeover = new ExternalTakeoverOverrides { Enabled = false, RestVerifyIntervalS = 34, MaxHoldS = 35, CancelInvalid = false },
                },
            },
        };

        var m = SettingsMerger.Merge("BTCUSDT", new GlobalSettings(), o);

        Assert.Equal(new ExecutionSettings
        {
            OrderTtlMs = 11, RepostCooldownMs = 12, MinSignalIntervalMs = 13, BaseLotMult = 14,
            MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = 15, MakerSafetyTicks = 16, MaxMult = 17,
            MaxOrderNotional = 18m, MakerTimeoutsToEscalate = 19, AggrFillsToDeescalate = 20,
            AggrTimeoutsToDeescalate = 21, WsFillGraceMs = 22,
        }, m.Execution);
        Assert.Equal(23, m.Accel.WindowMs);
        Assert.Equal(24, m.Accel.Tiers[0].Mult);
        Assert.Equal(25, m.Roi.Tiers[0].Mult);
        Assert.Equal(0.26m, m.Risk.LiqDistanceThreshold);
        Assert.True(m.Risk.PanicClose.Enabled);
        Assert.Equal(0.27m, m.Risk.PanicClose.TtlPercent);
        Assert.Equal(new PanicTier(0.28m, 0.29m, 30), m.Risk.PanicClose.Tiers[0]);
        var s = m.Risk.ProtectiveStop;
        Assert.Equal((false, 0.31m, false, 0.32m, 33), (s.Enabled, s.DistToLiq, s.AllowLoosenOnLiqImprove, s.LiqImproveThreshold, s.LoosenCooldownS));
        Assert.Equal(new ExternalTakeoverSettings { Enabled = false, RestVerifyIntervalS = 34, MaxHoldS = 35, CancelInvalid = false }, s.ExternalTakeover);
    }
}
