using Vq.Config;
using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Tests.Config;

/// <summary>SPEC §9.1 through the YAML loader.</summary>
public class ConfigLoaderScenarioTests
{
    internal static VqConfig LoadValid(string yaml)
    {
        var result = ConfigLoader.LoadText(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    internal static IReadOnlyList<ConfigDiagnostic> LoadInvalid(string yaml)
    {
        var result = ConfigLoader.LoadText(yaml);
        Assert.False(result.IsValid, "expected the config to be invalid");
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    [Theory]
    [InlineData("global: {}\nsymbols: {}\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("global:\nsymbols:\n")]
    public void Scenario_9_1_01_an_empty_config_gives_every_default(string yaml)
    {
        var config = LoadValid(yaml);

        var expected = VqConfig.Defaults.DescribeGlobal();
        var actual = config.DescribeGlobal();
        Assert.Equal(expected.Select(v => (v.Path, ConfigValueFormatter.Format(v.Value))), actual.Select(v => (v.Path, ConfigValueFormatter.Format(v.Value))));
        Assert.All(actual, v => Assert.Equal(ValueSource.Default, v.Source));
        Assert.Empty(config.Symbols);
        var g = config.Global;
        Assert.Equal((1500, 1000, 30000, 2), (g.Ws.StaleDataMs, g.Ws.Reconnect.InitialDelayMs, g.Ws.Reconnect.MaxDelayMs, g.Ws.Reconnect.Multiplier));
        Assert.Equal((800, 100, 200, 1, MakerPriceMode.InsideSpread1Tick, 1, 1, 50, 200m),
            (g.Execution.OrderTtlMs, g.Execution.RepostCooldownMs, g.Execution.MinSignalIntervalMs, g.Execution.BaseLotMult,
             g.Execution.MakerPriceMode, g.Execution.MakerNTicks, g.Execution.MakerSafetyTicks, g.Execution.MaxMult, g.Execution.MaxOrderNotional));
        Assert.Equal((2, 1, 2), (g.Execution.MakerTimeoutsToEscalate, g.Execution.AggrFillsToDeescalate, g.Execution.AggrTimeoutsToDeescalate));
        Assert.Equal(2000, g.Accel.WindowMs);
        Assert.Empty(g.Accel.Tiers);
        Assert.Empty(g.Roi.Tiers);
        Assert.Equal(0.015m, g.Risk.LiqDistanceThreshold);
        Assert.Equal((true, 0.01m), (g.Risk.ProtectiveStop.Enabled, g.Risk.ProtectiveStop.DistToLiq));
        Assert.Equal((5, 8), (g.RateLimit.MaxOrdersPerSec, g.RateLimit.MaxCancelsPerSec));
        Assert.False(g.Telegram.Enabled);
    }

    [Fact]
    public void Scenario_9_1_02_symbol_overrides_win_and_the_rest_is_inherited()
    {
        var config = LoadValid("""
            global:
              execution:
                order_ttl_ms: 1000
                repost_cooldown_ms: 150
                maker_price_mode: at_touch
                maker_safety_ticks: 2
                max_mult: 100
                max_order_notional: 500
            symbols:
              BTC/USDT:USDT:
                execution:
                  order_ttl_ms: 1500
                  maker_safety_ticks: 3
                  max_mult: 150
                  max_order_notional: 1000
            """);

        var btc = config.For("BTCUSDT").Execution;
        Assert.Equal((1500, 3, 150, 1000m), (btc.OrderTtlMs, btc.MakerSafetyTicks, btc.MaxMult, btc.MaxOrderNotional));
        Assert.Equal((MakerPriceMode.AtTouch, 150), (btc.MakerPriceMode, btc.RepostCooldownMs));
    }

    [Fact]
    public void Scenario_9_1_04_an_unlisted_symbol_gets_pure_globals()
    {
        var config = LoadValid("""
            global:
              execution: { order_ttl_ms: 1234 }
              risk: { liq_distance_threshold: 0.03 }
            symbols:
              BTCUSDT: { execution: { order_ttl_ms: 99 } }
            """);

        var doge = config.For("DOGEUSDT");
        Assert.Equal(config.Global.Execution, doge.Execution);
        Assert.Equal(1234, doge.Execution.OrderTtlMs);
        Assert.Equal(0.03m, doge.Risk.LiqDistanceThreshold);
        Assert.All(config.DescribeSymbol("DOGEUSDT"), v => Assert.NotEqual(ValueSource.Symbol, v.Source));
    }

    [Fact]
    public void Scenario_9_1_05_protective_stop_and_liq_threshold_merge()
    {
        var config = LoadValid("""
            global:
              risk:
                liq_distance_threshold: 0.02
                protective_stop: { dist_to_liq: 0.01 }
            symbols:
              BTCUSDT:
                risk: { protective_stop: { dist_to_liq: 0.02 } }
            """);

        var risk = config.For("BTCUSDT").Risk;
        Assert.Equal((0.02m, 0.02m, true), (risk.ProtectiveStop.DistToLiq, risk.LiqDistanceThreshold, risk.ProtectiveStop.Enabled));
    }

    [Theory]
    [InlineData("global:\n  execution:\n    maker_safety_ticks: 0\n", "global.execution.maker_safety_ticks", 3, 25)]
    [InlineData("symbols:\n  BTCUSDT:\n    execution:\n      maker_safety_ticks: 0\n", "symbols.BTCUSDT.execution.maker_safety_ticks", 4, 27)]
    public void Scenario_9_1_07_maker_safety_ticks_0_is_rejected_with_its_position(string yaml, string path, int line, int column)
    {
        var error = Assert.Single(LoadInvalid(yaml));

        Assert.Equal((path, line, column), (error.Path, error.Line, error.Column));
        Assert.Contains("at least one tick", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_9_1_08_panic_tier_slice_ratio_1_5_and_dist_to_liq_0_are_rejected()
    {
        var errors = LoadInvalid("""
            global:
              risk:
                panic_close:
                  tiers:
                    - { dist_to_liq: 0.04, slice_ratio: 1.5 }
                    - dist_to_liq: 0
                      slice_ratio: 0.1
            """);

        Assert.Equal(
            [("global.risk.panic_close.tiers[0].slice_ratio", 5, 45), ("global.risk.panic_close.tiers[1].dist_to_liq", 6, 24)],
            errors.Select(e => (e.Path, e.Line, e.Column)));
    }

    [Fact]
    public void Scenario_9_1_10_an_unknown_telegram_key_is_rejected()
    {
        var error = Assert.Single(LoadInvalid("global:\n  telegram:\n    enabled: true\n    foo: 1\n"));

        Assert.Equal(("global.telegram.foo", 4, 5), (error.Path, error.Line, error.Column));
        Assert.StartsWith("unknown key 'foo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_9_1_11_the_symbol_liq_threshold_is_merged_for_soft_risk()
    {
        var config = LoadValid("""
            global: { risk: { liq_distance_threshold: 0.015 } }
            symbols:
              BTCUSDT: { risk: { liq_distance_threshold: 0.05 } }
            """);
        var dist = Math.Abs(100m - 96m) / 100m;

        Assert.True(dist <= config.For("BTCUSDT").Risk.LiqDistanceThreshold);
        Assert.False(dist <= config.For("ETHUSDT").Risk.LiqDistanceThreshold);
    }

    [Fact]
    public void Scenario_9_1_13_mult_percent_scales_inherited_accel_tiers_only()
    {
        var config = LoadValid("""
            global:
              accel:
                tiers:
                  - { ret: 0.003, mult: 3 }
                  - { ret: 0.001, mult: 1 }
            symbols:
              BTCUSDT: { accel: { mult_percent: 0.5 } }
              ETHUSDT:
                accel:
                  mult_percent: 0.5
                  tiers: [ { ret: 0.002, mult: 9 } ]
            """);

        Assert.Equal([new AccelTier(0.001m, 1), new AccelTier(0.003m, 2)], config.For("BTCUSDT").Accel.Tiers);
        Assert.Equal([new AccelTier(0.002m, 9)], config.For("ETHUSDT").Accel.Tiers);
        Assert.Equal([new AccelTier(0.001m, 1), new AccelTier(0.003m, 3)], config.Global.Accel.Tiers);
    }
}
