using System.Globalization;

namespace Vq.Core.Config;

/// <summary>
/// D1 range validation over the whole configuration. Returns every error at once, each with its dotted path
/// (<c>global.…</c> or <c>symbols.&lt;SYM&gt;.…</c> with the symbol in exchange form). Resolved global values and
/// per-symbol overrides are checked with the same rules, so a value is valid wherever it is written. The ranges
/// are documented next to each key in <c>config/config.example.yaml</c>.
/// </summary>
public static partial class ConfigValidator
{
    private const int MaxMultiplier = 10_000;
    private const int MaxMs = 3_600_000;
    private const int MaxCount = 1_000;

    /// <param name="global">The resolved global settings.</param>
    /// <param name="symbols">Each symbol's override layer, keyed by exchange symbol.</param>
    /// <param name="globalWritten">
    /// What <c>global</c> wrote for the per-symbol sections, as written. When given, those sections are checked on it
    /// rather than on the resolved (sorted) values, so a tier index in a message is its index in the file.
    /// </param>
    public static IReadOnlyList<ConfigError> Validate(
        GlobalSettings global, IEnumerable<KeyValuePair<string, SymbolOverrides>> symbols, SymbolOverrides? globalWritten = null)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(symbols);
        var errors = new List<ConfigError>();
        ValidateGlobal(global, errors, globalWritten);
        foreach (var (symbol, overrides) in symbols)
        {
            ValidateOverrides($"symbols.{symbol}.", overrides, errors);
        }

        return errors;
    }

    /// <summary>The per-symbol sections, written under <paramref name="prefix"/> (<c>global.</c> or <c>symbols.X.</c>).</summary>
    public static void ValidateOverrides(string prefix, SymbolOverrides overrides, List<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(errors);
        Execution(prefix + "execution.", overrides.Execution, errors);
        Accel(prefix + "accel.", overrides.Accel, errors);
        Roi(prefix + "roi.", overrides.Roi, errors);
        Risk(prefix + "risk.", overrides.Risk, errors);
    }

    private static void Execution(string p, ExecutionOverrides o, List<ConfigError> e)
    {
        RangeChecks.Int(e, p + "order_ttl_ms", o.OrderTtlMs, 1, MaxMs, "an order must be allowed to rest for some time");
        RangeChecks.Int(e, p + "repost_cooldown_ms", o.RepostCooldownMs, 0, 600_000);
        RangeChecks.Int(e, p + "min_signal_interval_ms", o.MinSignalIntervalMs, 0, 600_000);
        RangeChecks.Int(e, p + "base_lot_mult", o.BaseLotMult, 1, MaxMultiplier);
        RangeChecks.Int(e, p + "maker_n_ticks", o.MakerNTicks, 1, MaxMultiplier);
        RangeChecks.Int(e, p + "maker_safety_ticks", o.MakerSafetyTicks, 1, MaxMultiplier,
            "a post-only order must stay at least one tick away from the opposite touch");
        RangeChecks.Int(e, p + "max_mult", o.MaxMult, 1, MaxMultiplier);
        RangeChecks.AtLeastZero(e, p + "max_order_notional", o.MaxOrderNotional, "0 disables the cap");
        RangeChecks.Int(e, p + "maker_timeouts_to_escalate", o.MakerTimeoutsToEscalate, 0, MaxCount, "0 never escalates");
        RangeChecks.Int(e, p + "aggr_fills_to_deescalate", o.AggrFillsToDeescalate, 0, MaxCount, "0 disables");
        RangeChecks.Int(e, p + "aggr_timeouts_to_deescalate", o.AggrTimeoutsToDeescalate, 0, MaxCount, "0 disables");
        RangeChecks.Int(e, p + "ws_fill_grace_ms", o.WsFillGraceMs, 100, 600_000,
            "late fills of cancelled orders must still be counted");
    }

    private static void Accel(string p, AccelOverrides o, List<ConfigError> e)
    {
        RangeChecks.Int(e, p + "window_ms", o.WindowMs, 1, MaxMs);
        RangeChecks.Decimal(e, p + "mult_percent", o.MultPercent, 0m, false, 100m, true);
        if (o.Tiers is not { } tiers)
        {
            return;
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var at = $"{p}tiers[{i.ToString(CultureInfo.InvariantCulture)}].";
            RangeChecks.Decimal(e, at + "ret", tiers[i].Ret, 0m, false, 1m, true, "a return threshold (0.001 = 0.1 %)");
            RangeChecks.Int(e, at + "mult", tiers[i].Mult, 1, MaxMultiplier);
            for (var j = 0; j < i; j++)
            {
                if (tiers[j].Ret == tiers[i].Ret)
                {
                    e.Add(new ConfigError(at + "ret", $"duplicate threshold {ConfigValueFormatter.Format(tiers[i].Ret)} (same as tiers[{j.ToString(CultureInfo.InvariantCulture)}])"));
                }
            }
        }
    }

    private static void Roi(string p, RoiOverrides o, List<ConfigError> e)
    {
        if (o.Tiers is not { } tiers)
        {
            return;
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var at = $"{p}tiers[{i.ToString(CultureInfo.InvariantCulture)}].";
            RangeChecks.Decimal(e, at + "roi", tiers[i].Roi, 0m, false, 1000m, true, "an ROI threshold (0.10 = 10 %)");
            RangeChecks.Int(e, at + "mult", tiers[i].Mult, 1, MaxMultiplier);
            for (var j = 0; j < i; j++)
            {
                if (tiers[j].Roi == tiers[i].Roi)
                {
                    e.Add(new ConfigError(at + "roi", $"duplicate threshold {ConfigValueFormatter.Format(tiers[i].Roi)} (same as tiers[{j.ToString(CultureInfo.InvariantCulture)}])"));
                }
            }
        }
    }

    private static void Risk(string p, RiskOverrides o, List<ConfigError> e)
    {
        RangeChecks.Decimal(e, p + "liq_distance_threshold", o.LiqDistanceThreshold, 0m, false, 1m, true);

        var panic = o.PanicClose;
        RangeChecks.Decimal(e, p + "panic_close.ttl_percent", panic.TtlPercent, 0m, false, 1m, true);
        if (panic.Tiers is { } tiers)
        {
            for (var i = 0; i < tiers.Count; i++)
            {
                var at = $"{p}panic_close.tiers[{i.ToString(CultureInfo.InvariantCulture)}].";
                RangeChecks.Decimal(e, at + "dist_to_liq", tiers[i].DistToLiq, 0m, false, 1m, true);
                RangeChecks.Decimal(e, at + "slice_ratio", tiers[i].SliceRatio, 0m, false, 1m, true, "the fraction of the position per slice");
                RangeChecks.Int(e, at + "maker_timeouts_to_escalate", tiers[i].MakerTimeoutsToEscalate, 1, MaxCount);
                for (var j = 0; j < i; j++)
                {
                    if (tiers[j].DistToLiq == tiers[i].DistToLiq)
                    {
                        e.Add(new ConfigError(at + "dist_to_liq", $"duplicate threshold {ConfigValueFormatter.Format(tiers[i].DistToLiq)} (same as tiers[{j.ToString(CultureInfo.InvariantCulture)}])"));
                    }
                }
            }
        }

        var stop = o.ProtectiveStop;
        RangeChecks.Decimal(e, p + "protective_stop.dist_to_liq", stop.DistToLiq, 0m, false, 1m, false,
            "the stop sits this fraction inside the liquidation price; 1 or more could never be placed");
        RangeChecks.Decimal(e, p + "protective_stop.liq_improve_threshold", stop.LiqImproveThreshold, 0m, false, 1m, false);
        RangeChecks.Int(e, p + "protective_stop.loosen_cooldown_s", stop.LoosenCooldownS, 0, 86_400);
        RangeChecks.Int(e, p + "protective_stop.external_takeover.rest_verify_interval_s", stop.ExternalTakeover.RestVerifyIntervalS, 1, 86_400);
        RangeChecks.Int(e, p + "protective_stop.external_takeover.max_hold_s", stop.ExternalTakeover.MaxHoldS, 1, 86_400);
    }
}
