using Vq.Core.Config;

namespace Vq.Config;

/// <summary>
/// The sections a symbol may override (<c>execution</c>, <c>accel</c>, <c>roi</c>, <c>risk</c>), read into the
/// Core override layer. The global section reads the same keys with the same code, so both accept exactly the same
/// spellings; only <c>accel.mult_percent</c> differs (per symbol only).
/// </summary>
internal static class SectionReaders
{
    public static SymbolOverrides ReadOverridable(YamlSection parent, bool isSymbol) => new()
    {
        Execution = Execution(parent.Section("execution")),
        Accel = Accel(parent.Section("accel"), isSymbol),
        Roi = Roi(parent.Section("roi")),
        Risk = Risk(parent.Section("risk")),
    };

    private static ExecutionOverrides Execution(YamlSection s)
    {
        var o = new ExecutionOverrides
        {
            OrderTtlMs = s.Int("order_ttl_ms"),
            RepostCooldownMs = s.Int("repost_cooldown_ms"),
            MinSignalIntervalMs = s.Int("min_signal_interval_ms"),
            BaseLotMult = s.Int("base_lot_mult"),
            MakerPriceMode = s.Enum("maker_price_mode", ConfigEnums.MakerPriceModes),
            MakerNTicks = s.Int("maker_n_ticks"),
            MakerSafetyTicks = s.Int("maker_safety_ticks"),
            MaxMult = s.Int("max_mult"),
            MaxOrderNotional = s.Decimal("max_order_notional"),
            MakerTimeoutsToEscalate = s.Int("maker_timeouts_to_escalate"),
            AggrFillsToDeescalate = s.Int("aggr_fills_to_deescalate"),
            AggrTimeoutsToDeescalate = s.Int("aggr_timeouts_to_deescalate"),
            WsFillGraceMs = s.Int("ws_fill_grace_ms"),
        };
        s.Finish();
        return o;
    }

    private static AccelOverrides Accel(YamlSection s, bool isSymbol)
    {
        var o = new AccelOverrides
        {
            WindowMs = s.Int("window_ms"),
            Tiers = s.List("tiers", static t => new AccelTier(
                t.Required("ret", t.Decimal("ret"), 0m),
                t.Required("mult", t.Int("mult"), 1))),
            MultPercent = isSymbol ? s.Decimal("mult_percent") : null,
        };
        if (!isSymbol)
        {
            s.Reject("mult_percent", "accel.mult_percent is per symbol only (it scales the global tiers for one symbol); set it under symbols.<SYMBOL>.accel");
        }

        s.Finish();
        return o;
    }

    private static RoiOverrides Roi(YamlSection s)
    {
        var o = new RoiOverrides
        {
            Tiers = s.List("tiers", static t => new RoiTier(
                t.Required("roi", t.Decimal("roi"), 0m),
                t.Required("mult", t.Int("mult"), 1))),
        };
        s.Finish();
        return o;
    }

    private static RiskOverrides Risk(YamlSection s)
    {
        var o = new RiskOverrides
        {
            LiqDistanceThreshold = s.Decimal("liq_distance_threshold"),
            PanicClose = PanicClose(s.Section("panic_close")),
            ProtectiveStop = ProtectiveStop(s.Section("protective_stop")),
        };
        s.Finish();
        return o;
    }

    private static PanicCloseOverrides PanicClose(YamlSection s)
    {
        var o = new PanicCloseOverrides
        {
            Enabled = s.Bool("enabled"),
            TtlPercent = s.Decimal("ttl_percent"),
            Tiers = s.List("tiers", static t => new PanicTier(
                t.Required("dist_to_liq", t.Decimal("dist_to_liq"), 0m),
                t.Required("slice_ratio", t.Decimal("slice_ratio"), 0m),
                // Optional per SPEC §1.2, default 2.
                t.Int("maker_timeouts_to_escalate") ?? 2)),
        };
        s.Finish();
        return o;
    }

    private static ProtectiveStopOverrides ProtectiveStop(YamlSection s)
    {
        var takeover = s.Section("external_takeover");
        var o = new ProtectiveStopOverrides
        {
            Enabled = s.Bool("enabled"),
            DistToLiq = s.Decimal("dist_to_liq"),
            AllowLoosenOnLiqImprove = s.Bool("allow_loosen_on_liq_improve"),
            LiqImproveThreshold = s.Decimal("liq_improve_threshold"),
            LoosenCooldownS = s.Int("loosen_cooldown_s"),
            ExternalTakeover = new ExternalTakeoverOverrides
            {
                Enabled = takeover.Bool("enabled"),
                RestVerifyIntervalS = takeover.Int("rest_verify_interval_s"),
                MaxHoldS = takeover.Int("max_hold_s"),
                CancelInvalid = takeover.Bool("cancel_invalid"),
            },
        };
        takeover.Finish();
        s.Finish();
        return o;
    }
}
