using Vq.Core.Config;

namespace Vq.Core.Tests.Config;

public class ConfigValidatorTests
{
    private static IReadOnlyList<ConfigError> Validate(GlobalSettings global, params (string Symbol, SymbolOverrides Overrides)[] symbols) =>
        ConfigValidator.Validate(global, symbols.Select(s => new KeyValuePair<string, SymbolOverrides>(s.Symbol, s.Overrides)));

    private static IReadOnlyList<ConfigError> ValidateSymbol(SymbolOverrides overrides) => Validate(new GlobalSettings(), ("BTCUSDT", overrides));

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Validate(new GlobalSettings()));
    }

    // SPEC §9.1 #7
    [Fact]
    public void Scenario_9_1_07_maker_safety_ticks_0_is_an_error_globally_and_per_symbol()
    {
        var global = Validate(new GlobalSettings { Execution = new ExecutionSettings { MakerSafetyTicks = 0 } });
        var symbol = ValidateSymbol(new SymbolOverrides { Execution = new ExecutionOverrides { MakerSafetyTicks = 0 } });

        Assert.Equal("global.execution.maker_safety_ticks", Assert.Single(global).Path);
        var error = Assert.Single(symbol);
        Assert.Equal("symbols.BTCUSDT.execution.maker_safety_ticks", error.Path);
        Assert.Contains("(got 0)", error.Message, StringComparison.Ordinal);
    }

    // SPEC §9.1 #8
    [Theory]
    [InlineData("0.04", "1.5", "slice_ratio")]
    [InlineData("0", "0.5", "dist_to_liq")]
    [InlineData("-0.01", "0.5", "dist_to_liq")]
    [InlineData("0.04", "0", "slice_ratio")]
    public void Scenario_9_1_08_a_bad_panic_tier_is_an_error(string dist, string slice, string field)
    {
        var tiers = new[] { new PanicTier(0.05m, 0.1m), new PanicTier(decimal.Parse(dist), decimal.Parse(slice)) };
        var global = Validate(new GlobalSettings { Risk = new RiskSettings { PanicClose = new PanicCloseSettings { Tiers = tiers } } });
        var symbol = ValidateSymbol(new SymbolOverrides { Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = tiers } } });

        Assert.Equal($"global.risk.panic_close.tiers[1].{field}", Assert.Single(global).Path);
        Assert.Equal($"symbols.BTCUSDT.risk.panic_close.tiers[1].{field}", Assert.Single(symbol).Path);
    }

    [Fact]
    public void A_slice_ratio_of_exactly_1_is_valid()
    {
        Assert.Empty(ValidateSymbol(new SymbolOverrides { Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = [new PanicTier(0.02m, 1m)] } } }));
    }

    public static TheoryData<string, SymbolOverrides> InvalidOverrides => new()
    {
        { "execution.order_ttl_ms", new SymbolOverrides { Execution = new ExecutionOverrides { OrderTtlMs = 0 } } },
        { "execution.repost_cooldown_ms", new SymbolOverrides { Execution = new ExecutionOverrides { RepostCooldownMs = -1 } } },
        { "execution.min_signal_interval_ms", new SymbolOverrides { Execution = new ExecutionOverrides { MinSignalIntervalMs = -5 } } },
        { "execution.base_lot_mult", new SymbolOverrides { Execution = new ExecutionOverrides { BaseLotMult = 0 } } },
        { "execution.maker_n_ticks", new SymbolOverrides { Execution = new ExecutionOverrides { MakerNTicks = 0 } } },
        { "execution.max_mult", new SymbolOverrides { Execution = new ExecutionOverrides { MaxMult = 0 } } },
        { "execution.max_order_notional", new SymbolOverrides { Execution = new ExecutionOverrides { MaxOrderNotional = -1m } } },
        { "execution.maker_timeouts_to_escalate", new SymbolOverrides { Execution = new ExecutionOverrides { MakerTimeoutsToEscalate = -1 } } },
        { "execution.aggr_fills_to_deescalate", new SymbolOverrides { Execution = new ExecutionOverrides { AggrFillsToDeescalate = -1 } } },
        { "execution.aggr_timeouts_to_deescalate", new SymbolOverrides { Execution = new ExecutionOverrides { AggrTimeoutsToDeescalate = -1 } } },
        { "execution.ws_fill_grace_ms", new SymbolOverrides { Execution = new ExecutionOverrides { WsFillGraceMs = 0 } } },
        { "accel.window_ms", new SymbolOverrides { Accel = new AccelOverrides { WindowMs = 0 } } },
        { "accel.mult_percent", new SymbolOverrides { Accel = new AccelOverrides { MultPercent = 0m } } },
        { "accel.tiers[0].ret", new SymbolOverrides { Accel = new AccelOverrides { Tiers = [new AccelTier(0m, 2)] } } },
        { "accel.tiers[0].mult", new SymbolOverrides { Accel = new AccelOverrides { Tiers = [new AccelTier(0.001m, 0)] } } },
        { "accel.tiers[1].ret", new SymbolOverrides { Accel = new AccelOverrides { Tiers = [new AccelTier(0.001m, 1), new AccelTier(0.001m, 2)] } } },
        { "roi.tiers[0].roi", new SymbolOverrides { Roi = new RoiOverrides { Tiers = [new RoiTier(-0.1m, 2)] } } },
        { "roi.tiers[0].mult", new SymbolOverrides { Roi = new RoiOverrides { Tiers = [new RoiTier(0.1m, 0)] } } },
        { "risk.liq_distance_threshold", new SymbolOverrides { Risk = new RiskOverrides { LiqDistanceThreshold = 0m } } },
        { "risk.panic_close.ttl_percent", new SymbolOverrides { Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { TtlPercent = 1.01m } } } },
        { "risk.panic_close.tiers[0].maker_timeouts_to_escalate", new SymbolOverrides { Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = [new PanicTier(0.02m, 0.1m, 0)] } } } },
        { "risk.panic_close.tiers[1].dist_to_liq", new SymbolOverrides { Risk = new RiskOverrides { PanicClose = new PanicCloseOverrides { Tiers = [new PanicTier(0.02m, 0.1m), new PanicTier(0.02m, 0.2m)] } } } },
        { "risk.protective_stop.dist_to_liq", new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { DistToLiq = 1m } } } },
        { "risk.protective_stop.liq_improve_threshold", new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { LiqImproveThreshold = 0m } } } },
        { "risk.protective_stop.loosen_cooldown_s", new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { LoosenCooldownS = -1 } } } },
        { "risk.protective_stop.external_takeover.rest_verify_interval_s", new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { ExternalTakeover = new ExternalTakeoverOverrides { RestVerifyIntervalS = 0 } } } } },
        { "risk.protective_stop.external_takeover.max_hold_s", new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { ExternalTakeover = new ExternalTakeoverOverrides { MaxHoldS = 0 } } } } },
    };

    [Theory]
    [MemberData(nameof(InvalidOverrides))]
    public void Each_range_violation_is_reported_at_its_path(string path, SymbolOverrides overrides)
    {
        var error = Assert.Single(ValidateSymbol(overrides));

        Assert.Equal("symbols.BTCUSDT." + path, error.Path);
        Assert.StartsWith("must be", error.Message.Replace("duplicate threshold", "must be", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.999")]
    [InlineData("0.0001")]
    public void Protective_stop_dist_to_liq_is_exclusive_of_0_and_1(string inside)
    {
        Assert.Empty(ValidateSymbol(new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { DistToLiq = decimal.Parse(inside) } } }));
        Assert.Single(ValidateSymbol(new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { DistToLiq = 0m } } }));
    }

    public static TheoryData<string, GlobalSettings> InvalidGlobals => new()
    {
        { "global.proxy", new GlobalSettings { Proxy = "not a url" } },
        { "global.proxy", new GlobalSettings { Proxy = "ftp://proxy:21" } },
        { "global.endpoints.rest", new GlobalSettings { Endpoints = new EndpointSettings { Rest = "wss://x" } } },
        { "global.endpoints.ws", new GlobalSettings { Endpoints = new EndpointSettings { Ws = "https://x" } } },
        { "global.ws.stale_data_ms", new GlobalSettings { Ws = new WsSettings { StaleDataMs = 0 } } },
        { "global.ws.reconnect.initial_delay_ms", new GlobalSettings { Ws = new WsSettings { Reconnect = new ReconnectSettings { InitialDelayMs = 0 } } } },
        { "global.ws.reconnect.max_delay_ms", new GlobalSettings { Ws = new WsSettings { Reconnect = new ReconnectSettings { InitialDelayMs = 5000, MaxDelayMs = 4000 } } } },
        { "global.ws.reconnect.multiplier", new GlobalSettings { Ws = new WsSettings { Reconnect = new ReconnectSettings { Multiplier = 0 } } } },
        { "global.ws.listen_key_keepalive_min", new GlobalSettings { Ws = new WsSettings { ListenKeyKeepaliveMin = 60 } } },
        { "global.ws.ping_interval_s", new GlobalSettings { Ws = new WsSettings { PingIntervalS = 0 } } },
        { "global.ws.max_connection_age_min", new GlobalSettings { Ws = new WsSettings { MaxConnectionAgeMin = 1440 } } },
        { "global.rest.recv_window_ms", new GlobalSettings { Rest = new RestSettings { RecvWindowMs = 60001 } } },
        { "global.rest.timeout_ms", new GlobalSettings { Rest = new RestSettings { TimeoutMs = 0 } } },
        { "global.rest.time_sync_interval_s", new GlobalSettings { Rest = new RestSettings { TimeSyncIntervalS = 1 } } },
        { "global.rate_limit.max_orders_per_sec", new GlobalSettings { RateLimit = new RateLimitSettings { MaxOrdersPerSec = -1 } } },
        { "global.rate_limit.max_cancels_per_sec", new GlobalSettings { RateLimit = new RateLimitSettings { MaxCancelsPerSec = -1 } } },
        { "global.account.position_refresh_interval_s", new GlobalSettings { Account = new AccountSettings { PositionRefreshIntervalS = 9 } } },
        { "global.account.margin_refresh_debounce_s", new GlobalSettings { Account = new AccountSettings { MarginRefreshDebounceS = -1 } } },
        { "global.telegram.api_base", new GlobalSettings { Telegram = new TelegramSettings { ApiBase = "api.telegram.org" } } },
        { "global.logging.dir", new GlobalSettings { Logging = new LoggingSettings { Dir = "  " } } },
        { "global.logging.retention_days", new GlobalSettings { Logging = new LoggingSettings { RetentionDays = 0 } } },
        { "global.metrics.listen", new GlobalSettings { Metrics = new MetricsSettings { Listen = "0.0.0.0:9464" } } },
        { "global.metrics.listen", new GlobalSettings { Metrics = new MetricsSettings { Listen = "127.0.0.1" } } },
        { "global.metrics.listen", new GlobalSettings { Metrics = new MetricsSettings { Listen = "example.com:80" } } },
        { "global.execution.order_ttl_ms", new GlobalSettings { Execution = new ExecutionSettings { OrderTtlMs = 0 } } },
        { "global.risk.liq_distance_threshold", new GlobalSettings { Risk = new RiskSettings { LiqDistanceThreshold = 1.5m } } },
    };

    [Theory]
    [MemberData(nameof(InvalidGlobals))]
    public void Each_global_range_violation_is_reported_at_its_path(string path, GlobalSettings global)
    {
        Assert.Equal(path, Assert.Single(Validate(global)).Path);
    }

    [Theory]
    [InlineData("127.0.0.1:9464")]
    [InlineData("[::1]:9464")]
    [InlineData("localhost:0")]
    public void Loopback_metrics_endpoints_are_valid(string listen)
    {
        Assert.Empty(Validate(new GlobalSettings { Metrics = new MetricsSettings { Listen = listen } }));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = Validate(
            new GlobalSettings
            {
                Execution = new ExecutionSettings { OrderTtlMs = 0, MakerSafetyTicks = 0 },
                Ws = new WsSettings { StaleDataMs = 0 },
            },
            ("BTCUSDT", new SymbolOverrides { Execution = new ExecutionOverrides { MaxMult = 0 } }),
            ("ETHUSDT", new SymbolOverrides { Risk = new RiskOverrides { LiqDistanceThreshold = 2m } }));

        Assert.Equal(
            ["global.ws.stale_data_ms", "global.execution.order_ttl_ms", "global.execution.maker_safety_ticks",
             "symbols.BTCUSDT.execution.max_mult", "symbols.ETHUSDT.risk.liq_distance_threshold"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Global_sections_as_written_are_checked_in_file_order()
    {
        // The resolved global tiers are sorted; indices in messages must be the file's.
        var written = new SymbolOverrides { Accel = new AccelOverrides { Tiers = [new AccelTier(0.005m, 2), new AccelTier(0.001m, 0)] } };
        var resolved = new GlobalSettings { Accel = SettingsMerger.Apply(new AccelSettings(), written.Accel) };

        Assert.Equal("global.accel.tiers[0].mult", Assert.Single(ConfigValidator.Validate(resolved, [])).Path);
        Assert.Equal("global.accel.tiers[1].mult", Assert.Single(ConfigValidator.Validate(resolved, [], written)).Path);
    }

    [Fact]
    public void Messages_state_the_range_and_the_value()
    {
        var error = Assert.Single(ValidateSymbol(new SymbolOverrides { Risk = new RiskOverrides { ProtectiveStop = new ProtectiveStopOverrides { DistToLiq = 1.00m } } }));

        Assert.StartsWith("must be > 0 and < 1 (got 1)", error.Message, StringComparison.Ordinal);
    }
}
