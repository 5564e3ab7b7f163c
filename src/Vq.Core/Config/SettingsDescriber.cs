namespace Vq.Core.Config;

/// <summary>
/// Lists every resolved key with its value and provenance, in the order of <c>config/config.example.yaml</c>.
/// This list is also the catalogue of known keys (did-you-mean suggestions, documentation tests), so a key added to
/// <see cref="GlobalSettings"/> must be added here.
/// </summary>
public static class SettingsDescriber
{
    /// <summary>Every <c>global.*</c> key; <paramref name="explicitGlobalPaths"/> holds the paths written in the file.</summary>
    public static IReadOnlyList<ResolvedValue> DescribeGlobal(GlobalSettings g, IReadOnlySet<string> explicitGlobalPaths)
    {
        ArgumentNullException.ThrowIfNull(g);
        var b = new Builder(explicitGlobalPaths);
        b.Add("testnet", g.Testnet);
        b.Add("proxy", g.Proxy);
        b.Add("endpoints.rest", g.Endpoints.Rest);
        b.Add("endpoints.ws", g.Endpoints.Ws);
        b.Add("universe", ConfigEnums.Name(g.Universe));
        b.Add("startup.cancel_leftover_orders", g.Startup.CancelLeftoverOrders);
        b.Add("ws.stale_data_ms", g.Ws.StaleDataMs);
        b.Add("ws.reconnect.initial_delay_ms", g.Ws.Reconnect.InitialDelayMs);
        b.Add("ws.reconnect.max_delay_ms", g.Ws.Reconnect.MaxDelayMs);
        b.Add("ws.reconnect.multiplier", g.Ws.Reconnect.Multiplier);
        b.Add("ws.listen_key_keepalive_min", g.Ws.ListenKeyKeepaliveMin);
        b.Add("ws.ping_interval_s", g.Ws.PingIntervalS);
        b.Add("ws.max_connection_age_min", g.Ws.MaxConnectionAgeMin);
        b.Add("rest.recv_window_ms", g.Rest.RecvWindowMs);
        b.Add("rest.timeout_ms", g.Rest.TimeoutMs);
        b.Add("rest.time_sync_interval_s", g.Rest.TimeSyncIntervalS);
        AddSymbolSections(b, g.Execution, g.Accel, g.Roi, g.Risk, overrides: null);
        b.Add("rate_limit.max_orders_per_sec", g.RateLimit.MaxOrdersPerSec);
        b.Add("rate_limit.max_cancels_per_sec", g.RateLimit.MaxCancelsPerSec);
        b.Add("account.position_refresh_interval_s", g.Account.PositionRefreshIntervalS);
        b.Add("account.margin_refresh_debounce_s", g.Account.MarginRefreshDebounceS);
        b.Add("telegram.enabled", g.Telegram.Enabled);
        b.Add("telegram.language", ConfigEnums.Name(g.Telegram.Language));
        b.Add("telegram.api_base", g.Telegram.ApiBase);
        b.Add("telegram.events.on_fill", g.Telegram.Events.OnFill);
        b.Add("telegram.events.on_reconnect", g.Telegram.Events.OnReconnect);
        b.Add("telegram.events.on_risk_trigger", g.Telegram.Events.OnRiskTrigger);
        b.Add("telegram.events.on_open_alert", g.Telegram.Events.OnOpenAlert);
        b.Add("logging.dir", g.Logging.Dir);
        b.Add("logging.console_level", ConfigEnums.Name(g.Logging.ConsoleLevel));
        b.Add("logging.file_level", ConfigEnums.Name(g.Logging.FileLevel));
        b.Add("logging.retention_days", g.Logging.RetentionDays);
        b.Add("logging.json", g.Logging.Json);
        b.Add("metrics.enabled", g.Metrics.Enabled);
        b.Add("metrics.listen", g.Metrics.Listen);
        return b.Values;
    }

    /// <summary>
    /// Every per-symbol key of one symbol's merged settings. A value is <see cref="ValueSource.Symbol"/> when the
    /// symbol's overrides wrote it, else it has the provenance of the global value it inherited.
    /// </summary>
    public static IReadOnlyList<ResolvedValue> DescribeSymbol(
        SymbolSettings merged, SymbolOverrides? overrides, IReadOnlySet<string> explicitGlobalPaths)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var b = new Builder(explicitGlobalPaths);
        AddSymbolSections(b, merged.Execution, merged.Accel, merged.Roi, merged.Risk, overrides ?? SymbolOverrides.None);
        return b.Values;
    }

    /// <summary>The keys a <c>symbols.&lt;SYM&gt;</c> entry may write (relative paths, including <c>accel.mult_percent</c>).</summary>
    public static IReadOnlyList<string> SymbolKeys()
    {
        var described = DescribeSymbol(new SymbolSettings { Symbol = "X" }, null, new HashSet<string>());
        var keys = new string[described.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = described[i].Path;
        }

        return keys;
    }

    /// <summary>Every <c>global.*</c> key (relative paths).</summary>
    public static IReadOnlyList<string> GlobalKeys()
    {
        var described = DescribeGlobal(new GlobalSettings(), new HashSet<string>());
        var keys = new string[described.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = described[i].Path;
        }

        return keys;
    }

    // overrides == null: describing the global section itself (no symbol layer, no mult_percent key).
    private static void AddSymbolSections(
        Builder b, ExecutionSettings x, AccelSettings accel, RoiSettings roi, RiskSettings risk, SymbolOverrides? overrides)
    {
        var o = overrides ?? SymbolOverrides.None;
        var ox = o.Execution;
        b.Add("execution.order_ttl_ms", x.OrderTtlMs, ox.OrderTtlMs.HasValue);
        b.Add("execution.repost_cooldown_ms", x.RepostCooldownMs, ox.RepostCooldownMs.HasValue);
        b.Add("execution.min_signal_interval_ms", x.MinSignalIntervalMs, ox.MinSignalIntervalMs.HasValue);
        b.Add("execution.base_lot_mult", x.BaseLotMult, ox.BaseLotMult.HasValue);
        b.Add("execution.maker_price_mode", ConfigEnums.Name(x.MakerPriceMode), ox.MakerPriceMode.HasValue);
        b.Add("execution.maker_n_ticks", x.MakerNTicks, ox.MakerNTicks.HasValue);
        b.Add("execution.maker_safety_ticks", x.MakerSafetyTicks, ox.MakerSafetyTicks.HasValue);
        b.Add("execution.max_mult", x.MaxMult, ox.MaxMult.HasValue);
        b.Add("execution.max_order_notional", x.MaxOrderNotional, ox.MaxOrderNotional.HasValue);
        b.Add("execution.maker_timeouts_to_escalate", x.MakerTimeoutsToEscalate, ox.MakerTimeoutsToEscalate.HasValue);
        b.Add("execution.aggr_fills_to_deescalate", x.AggrFillsToDeescalate, ox.AggrFillsToDeescalate.HasValue);
        b.Add("execution.aggr_timeouts_to_deescalate", x.AggrTimeoutsToDeescalate, ox.AggrTimeoutsToDeescalate.HasValue);
        b.Add("execution.ws_fill_grace_ms", x.WsFillGraceMs, ox.WsFillGraceMs.HasValue);

        b.Add("accel.window_ms", accel.WindowMs, o.Accel.WindowMs.HasValue);
        // Tiers derived from the symbol's mult_percent are the symbol's doing.
        var tiersFromSymbol = o.Accel.Tiers is not null || (o.Accel.MultPercent.HasValue && accel.Tiers.Count > 0);
        b.Add("accel.tiers", accel.Tiers, tiersFromSymbol);
        if (overrides is not null)
        {
            b.Add("accel.mult_percent", o.Accel.MultPercent, o.Accel.MultPercent.HasValue);
        }

        b.Add("roi.tiers", roi.Tiers, o.Roi.Tiers is not null);

        var or = o.Risk;
        b.Add("risk.liq_distance_threshold", risk.LiqDistanceThreshold, or.LiqDistanceThreshold.HasValue);
        b.Add("risk.panic_close.enabled", risk.PanicClose.Enabled, or.PanicClose.Enabled.HasValue);
        b.Add("risk.panic_close.ttl_percent", risk.PanicClose.TtlPercent, or.PanicClose.TtlPercent.HasValue);
        b.Add("risk.panic_close.tiers", risk.PanicClose.Tiers, or.PanicClose.Tiers is not null);
        var s = risk.ProtectiveStop;
        var os = or.ProtectiveStop;
        b.Add("risk.protective_stop.enabled", s.Enabled, os.Enabled.HasValue);
        b.Add("risk.protective_stop.dist_to_liq", s.DistToLiq, os.DistToLiq.HasValue);
        b.Add("risk.protective_stop.allow_loosen_on_liq_improve", s.AllowLoosenOnLiqImprove, os.AllowLoosenOnLiqImprove.HasValue);
        b.Add("risk.protective_stop.liq_improve_threshold", s.LiqImproveThreshold, os.LiqImproveThreshold.HasValue);
        b.Add("risk.protective_stop.loosen_cooldown_s", s.LoosenCooldownS, os.LoosenCooldownS.HasValue);
        var t = s.ExternalTakeover;
        var ot = os.ExternalTakeover;
        b.Add("risk.protective_stop.external_takeover.enabled", t.Enabled, ot.Enabled.HasValue);
        b.Add("risk.protective_stop.external_takeover.rest_verify_interval_s", t.RestVerifyIntervalS, ot.RestVerifyIntervalS.HasValue);
        b.Add("risk.protective_stop.external_takeover.max_hold_s", t.MaxHoldS, ot.MaxHoldS.HasValue);
        b.Add("risk.protective_stop.external_takeover.cancel_invalid", t.CancelInvalid, ot.CancelInvalid.HasValue);
    }

    private sealed class Builder(IReadOnlySet<string> explicitGlobalPaths)
    {
        public List<ResolvedValue> Values { get; } = new(64);

        public void Add(string path, object? value, bool writtenBySymbol = false)
        {
            var source = writtenBySymbol ? ValueSource.Symbol
                : explicitGlobalPaths.Contains(path) ? ValueSource.Global
                : ValueSource.Default;
            Values.Add(new ResolvedValue(path, value, source));
        }
    }
}
