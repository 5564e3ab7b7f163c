using System.Collections.ObjectModel;

namespace Vq.Core.Config;

/// <summary>
/// The field-level merge of SPEC §1.3: a non-null override wins, null inherits; nested sections merge field by
/// field; tier lists are replaced wholesale (an explicit empty list disables them) and come out sorted ascending by
/// threshold. Pure and allocation-light; called when configuration is loaded or a new symbol enters the universe.
/// </summary>
public static class SettingsMerger
{
    /// <summary>The merged settings of one symbol; <paramref name="overrides"/> null = pure globals (D9).</summary>
    public static SymbolSettings Merge(string exchangeSymbol, GlobalSettings global, SymbolOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(global);
        var o = overrides ?? SymbolOverrides.None;
        return new SymbolSettings
        {
            Symbol = exchangeSymbol,
            Execution = Apply(global.Execution, o.Execution),
            Accel = Apply(global.Accel, o.Accel),
            Roi = Apply(global.Roi, o.Roi),
            Risk = Apply(global.Risk, o.Risk),
        };
    }

    public static ExecutionSettings Apply(ExecutionSettings b, ExecutionOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        return new ExecutionSettings
        {
            OrderTtlMs = o.OrderTtlMs ?? b.OrderTtlMs,
            RepostCooldownMs = o.RepostCooldownMs ?? b.RepostCooldownMs,
            MinSignalIntervalMs = o.MinSignalIntervalMs ?? b.MinSignalIntervalMs,
            BaseLotMult = o.BaseLotMult ?? b.BaseLotMult,
            MakerPriceMode = o.MakerPriceMode ?? b.MakerPriceMode,
            MakerNTicks = o.MakerNTicks ?? b.MakerNTicks,
            MakerSafetyTicks = o.MakerSafetyTicks ?? b.MakerSafetyTicks,
            MaxMult = o.MaxMult ?? b.MaxMult,
            MaxOrderNotional = o.MaxOrderNotional ?? b.MaxOrderNotional,
            MakerTimeoutsToEscalate = o.MakerTimeoutsToEscalate ?? b.MakerTimeoutsToEscalate,
            AggrFillsToDeescalate = o.AggrFillsToDeescalate ?? b.AggrFillsToDeescalate,
            AggrTimeoutsToDeescalate = o.AggrTimeoutsToDeescalate ?? b.AggrTimeoutsToDeescalate,
            WsFillGraceMs = o.WsFillGraceMs ?? b.WsFillGraceMs,
        };
    }

    public static AccelSettings Apply(AccelSettings b, AccelOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        IReadOnlyList<AccelTier> tiers;
        if (o.Tiers is not null)
        {
            tiers = o.Tiers;
        }
        else if (o.MultPercent is { } percent)
        {
            tiers = ScaleMults(b.Tiers, percent);
        }
        else
        {
            tiers = b.Tiers;
        }

        return new AccelSettings { WindowMs = o.WindowMs ?? b.WindowMs, Tiers = SortAccel(tiers) };
    }

    public static RoiSettings Apply(RoiSettings b, RoiOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        return new RoiSettings { Tiers = SortRoi(o.Tiers ?? b.Tiers) };
    }

    public static RiskSettings Apply(RiskSettings b, RiskOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        return new RiskSettings
        {
            LiqDistanceThreshold = o.LiqDistanceThreshold ?? b.LiqDistanceThreshold,
            PanicClose = Apply(b.PanicClose, o.PanicClose),
            ProtectiveStop = Apply(b.ProtectiveStop, o.ProtectiveStop),
        };
    }

    public static PanicCloseSettings Apply(PanicCloseSettings b, PanicCloseOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        return new PanicCloseSettings
        {
            Enabled = o.Enabled ?? b.Enabled,
            TtlPercent = o.TtlPercent ?? b.TtlPercent,
            Tiers = SortPanic(o.Tiers ?? b.Tiers),
        };
    }

    public static ProtectiveStopSettings Apply(ProtectiveStopSettings b, ProtectiveStopOverrides o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        var t = o.ExternalTakeover;
        return new ProtectiveStopSettings
        {
            Enabled = o.Enabled ?? b.Enabled,
            DistToLiq = o.DistToLiq ?? b.DistToLiq,
            AllowLoosenOnLiqImprove = o.AllowLoosenOnLiqImprove ?? b.AllowLoosenOnLiqImprove,
            LiqImproveThreshold = o.LiqImproveThreshold ?? b.LiqImproveThreshold,
            LoosenCooldownS = o.LoosenCooldownS ?? b.LoosenCooldownS,
            ExternalTakeover = new ExternalTakeoverSettings
            {
                Enabled = t.Enabled ?? b.ExternalTakeover.Enabled,
                RestVerifyIntervalS = t.RestVerifyIntervalS ?? b.ExternalTakeover.RestVerifyIntervalS,
                MaxHoldS = t.MaxHoldS ?? b.ExternalTakeover.MaxHoldS,
                CancelInvalid = t.CancelInvalid ?? b.ExternalTakeover.CancelInvalid,
            },
        };
    }

    /// <summary>§1.3 <c>mult_percent</c>: each mult becomes max(1, ceil(mult × pct)); thresholds are unchanged.</summary>
    public static IReadOnlyList<AccelTier> ScaleMults(IReadOnlyList<AccelTier> tiers, decimal percent)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var scaled = new AccelTier[tiers.Count];
        for (var i = 0; i < scaled.Length; i++)
        {
            var mult = decimal.Ceiling(tiers[i].Mult * percent);
            // Validated ranges (mult <= 10 000, percent <= 100) keep this far inside int.
            scaled[i] = tiers[i] with { Mult = mult < 1m ? 1 : (int)mult };
        }

        return scaled;
    }

    private static ReadOnlyCollection<AccelTier> SortAccel(IReadOnlyList<AccelTier> tiers) => SortBy(tiers, static t => t.Ret);

    private static ReadOnlyCollection<RoiTier> SortRoi(IReadOnlyList<RoiTier> tiers) => SortBy(tiers, static t => t.Roi);

    private static ReadOnlyCollection<PanicTier> SortPanic(IReadOnlyList<PanicTier> tiers) => SortBy(tiers, static t => t.DistToLiq);

    // A stable insertion sort (tier lists are a handful of entries) so equal thresholds keep file order; the result
    // is read-only so a consumer cannot reorder a shared list.
    private static ReadOnlyCollection<T> SortBy<T>(IReadOnlyList<T> tiers, Func<T, decimal> threshold)
    {
        var sorted = Copy(tiers);
        for (var i = 1; i < sorted.Length; i++)
        {
            var item = sorted[i];
            var key = threshold(item);
            var j = i - 1;
            for (; j >= 0 && threshold(sorted[j]) > key; j--)
            {
                sorted[j + 1] = sorted[j];
            }

            sorted[j + 1] = item;
        }

        return Array.AsReadOnly(sorted);
    }

    private static T[] Copy<T>(IReadOnlyList<T> items)
    {
        var copy = new T[items.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i];
        }

        return copy;
    }
}
