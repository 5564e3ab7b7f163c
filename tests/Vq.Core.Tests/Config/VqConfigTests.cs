using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Config;

public class VqConfigTests
{
    // SPEC §9.1 #1 (the records' defaults; the YAML side is tested in Vq.Tests).
    [Fact]
    public void Scenario_9_1_01_defaults_match_the_spec_table()
    {
        var g = VqConfig.Defaults.Global;
        var x = g.Execution;

        Assert.Equal(1500, g.Ws.StaleDataMs);
        Assert.Equal((1000, 30000, 2), (g.Ws.Reconnect.InitialDelayMs, g.Ws.Reconnect.MaxDelayMs, g.Ws.Reconnect.Multiplier));
        Assert.Equal((800, 100, 200, 1), (x.OrderTtlMs, x.RepostCooldownMs, x.MinSignalIntervalMs, x.BaseLotMult));
        Assert.Equal(MakerPriceMode.InsideSpread1Tick, x.MakerPriceMode);
        Assert.Equal((1, 1, 50, 200m), (x.MakerNTicks, x.MakerSafetyTicks, x.MaxMult, x.MaxOrderNotional));
        Assert.Equal((2, 1, 2), (x.MakerTimeoutsToEscalate, x.AggrFillsToDeescalate, x.AggrTimeoutsToDeescalate));
        Assert.Equal(2000, g.Accel.WindowMs);
        Assert.Empty(g.Accel.Tiers);
        Assert.Empty(g.Roi.Tiers);
        Assert.Equal(0.015m, g.Risk.LiqDistanceThreshold);
        Assert.True(g.Risk.ProtectiveStop.Enabled);
        Assert.Equal(0.01m, g.Risk.ProtectiveStop.DistToLiq);
        Assert.Equal((5, 8), (g.RateLimit.MaxOrdersPerSec, g.RateLimit.MaxCancelsPerSec));
        Assert.False(g.Telegram.Enabled);
        Assert.False(g.Risk.PanicClose.Enabled);
        Assert.Equal(0.5m, g.Risk.PanicClose.TtlPercent);
        Assert.Empty(VqConfig.Defaults.Symbols);
    }

    [Fact]
    public void Symbols_are_keyed_by_exchange_form_whatever_the_spelling()
    {
        var config = new VqConfig(new GlobalSettings(), symbols:
        [
            new("ETH/USDT:USDT", new SymbolOverrides { Execution = new ExecutionOverrides { OrderTtlMs = 999 } }),
            new("btcusdt", SymbolOverrides.None),
        ]);

        Assert.Equal(["ETHUSDT", "BTCUSDT"], config.Symbols);
        Assert.Equal(999, config.For("ETHUSDT").Execution.OrderTtlMs);
        Assert.Equal(999, config.For("eth/usdt:usdt").Execution.OrderTtlMs);
        Assert.Equal("ETHUSDT", config.For("ETH/USDT:USDT").Symbol);
        Assert.True(config.IsConfigured("BTC/USDT:USDT"));
    }

    [Fact]
    public void Two_spellings_of_one_symbol_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new VqConfig(new GlobalSettings(), symbols:
        [
            new("BTCUSDT", SymbolOverrides.None),
            new("BTC/USDT:USDT", SymbolOverrides.None),
        ]));
    }

    [Fact]
    public void Provenance_distinguishes_default_global_and_symbol()
    {
        var global = new GlobalSettings
        {
            Execution = new ExecutionSettings { OrderTtlMs = 4000, RepostCooldownMs = 150 },
            Accel = new AccelSettings { Tiers = [new AccelTier(0.001m, 2)] },
        };
        var config = new VqConfig(global, ["execution.order_ttl_ms", "execution.repost_cooldown_ms", "accel.tiers"],
        [
            new("BTCUSDT", new SymbolOverrides
            {
                Execution = new ExecutionOverrides { OrderTtlMs = 1500 },
                Accel = new AccelOverrides { MultPercent = 2m },
            }),
        ]);

        var globalView = config.DescribeGlobal().ToDictionary(v => v.Path);
        Assert.Equal((4000, ValueSource.Global), ((int)globalView["execution.order_ttl_ms"].Value!, globalView["execution.order_ttl_ms"].Source));
        Assert.Equal(ValueSource.Default, globalView["execution.max_mult"].Source);
        Assert.False(globalView.ContainsKey("accel.mult_percent"));

        var btc = config.DescribeSymbol("BTCUSDT").ToDictionary(v => v.Path);
        Assert.Equal((1500, ValueSource.Symbol), ((int)btc["execution.order_ttl_ms"].Value!, btc["execution.order_ttl_ms"].Source));
        Assert.Equal((150, ValueSource.Global), ((int)btc["execution.repost_cooldown_ms"].Value!, btc["execution.repost_cooldown_ms"].Source));
        Assert.Equal((50, ValueSource.Default), ((int)btc["execution.max_mult"].Value!, btc["execution.max_mult"].Source));
        // Derived from the symbol's mult_percent → the symbol's doing.
        Assert.Equal(ValueSource.Symbol, btc["accel.tiers"].Source);
        Assert.Equal([new AccelTier(0.001m, 4)], (IReadOnlyList<AccelTier>)btc["accel.tiers"].Value!);
        Assert.Equal(ValueSource.Symbol, btc["accel.mult_percent"].Source);

        var doge = config.DescribeSymbol("DOGEUSDT").ToDictionary(v => v.Path);
        Assert.Equal(ValueSource.Global, doge["execution.order_ttl_ms"].Source);
        Assert.Equal(ValueSource.Global, doge["accel.tiers"].Source);
        Assert.Null(doge["accel.mult_percent"].Value);
    }

    [Fact]
    public void The_catalogue_lists_each_key_once_and_symbol_keys_are_a_subset_of_global_ones_plus_mult_percent()
    {
        var global = SettingsDescriber.GlobalKeys();
        var symbol = SettingsDescriber.SymbolKeys();

        Assert.Equal(global.Count, global.Distinct().Count());
        Assert.Equal(symbol.Count, symbol.Distinct().Count());
        Assert.Equal(["accel.mult_percent"], symbol.Except(global));
        Assert.DoesNotContain(symbol, k => k.StartsWith("ws.", StringComparison.Ordinal) || k.StartsWith("telegram.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0100", "0.01")]
    [InlineData("500.0", "500")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("-2.50", "-2.5")]
    public void Decimals_print_in_full_without_exponent_or_trailing_zeros(string value, string expected)
    {
        Assert.Equal(expected, ConfigValueFormatter.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
