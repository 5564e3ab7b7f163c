using Vq.Core.Primitives;

namespace Vq.Core.Config;

// The override layer (SPEC §1.3): what one `symbols.<SYM>` entry (or the global section's per-symbol keys) actually
// wrote. Null means "not written": the value is inherited. A non-null list, even an empty one, replaces wholesale.

/// <summary><c>execution</c> overrides; null = inherit.</summary>
public sealed record ExecutionOverrides
{
    public int? OrderTtlMs { get; init; }
    public int? RepostCooldownMs { get; init; }
    public int? MinSignalIntervalMs { get; init; }
    public int? BaseLotMult { get; init; }
    public MakerPriceMode? MakerPriceMode { get; init; }
    public int? MakerNTicks { get; init; }
    public int? MakerSafetyTicks { get; init; }
    public int? MaxMult { get; init; }
    public decimal? MaxOrderNotional { get; init; }
    public int? MakerTimeoutsToEscalate { get; init; }
    public int? AggrFillsToDeescalate { get; init; }
    public int? AggrTimeoutsToDeescalate { get; init; }
    public int? WsFillGraceMs { get; init; }

    /// <summary>Every field set: lets the validator check resolved values and overrides with one set of rules.</summary>
    public static ExecutionOverrides From(ExecutionSettings s) => new()
    {
        OrderTtlMs = s.OrderTtlMs,
        RepostCooldownMs = s.RepostCooldownMs,
        MinSignalIntervalMs = s.MinSignalIntervalMs,
        BaseLotMult = s.BaseLotMult,
        MakerPriceMode = s.MakerPriceMode,
        MakerNTicks = s.MakerNTicks,
        MakerSafetyTicks = s.MakerSafetyTicks,
        MaxMult = s.MaxMult,
        MaxOrderNotional = s.MaxOrderNotional,
        MakerTimeoutsToEscalate = s.MakerTimeoutsToEscalate,
        AggrFillsToDeescalate = s.AggrFillsToDeescalate,
        AggrTimeoutsToDeescalate = s.AggrTimeoutsToDeescalate,
        WsFillGraceMs = s.WsFillGraceMs,
    };
}

/// <summary><c>accel</c> overrides.</summary>
public sealed record AccelOverrides
{
    public int? WindowMs { get; init; }
    public IReadOnlyList<AccelTier>? Tiers { get; init; }

    /// <summary>
    /// Per symbol only (§1.3, §9.1 #13): scales the inherited global tiers' mults to max(1, ceil(mult × pct)).
    /// Ignored when the symbol writes its own <see cref="Tiers"/>.
    /// </summary>
    public decimal? MultPercent { get; init; }

    public static AccelOverrides From(AccelSettings s) => new() { WindowMs = s.WindowMs, Tiers = s.Tiers };
}

/// <summary><c>roi</c> overrides.</summary>
public sealed record RoiOverrides
{
    public IReadOnlyList<RoiTier>? Tiers { get; init; }

    public static RoiOverrides From(RoiSettings s) => new() { Tiers = s.Tiers };
}

/// <summary><c>risk.panic_close</c> overrides (D2: all honoured per symbol).</summary>
public sealed record PanicCloseOverrides
{
    public bool? Enabled { get; init; }
    public decimal? TtlPercent { get; init; }
    public IReadOnlyList<PanicTier>? Tiers { get; init; }

    public static PanicCloseOverrides From(PanicCloseSettings s) =>
        new() { Enabled = s.Enabled, TtlPercent = s.TtlPercent, Tiers = s.Tiers };
}

/// <summary><c>risk.protective_stop.external_takeover</c> overrides.</summary>
public sealed record ExternalTakeoverOverrides
{
    public bool? Enabled { get; init; }
    public int? RestVerifyIntervalS { get; init; }
    public int? MaxHoldS { get; init; }
    public bool? CancelInvalid { get; init; }

    public static ExternalTakeoverOverrides From(ExternalTakeoverSettings s) => new()
    {
        Enabled = s.Enabled,
        RestVerifyIntervalS = s.RestVerifyIntervalS,
        MaxHoldS = s.MaxHoldS,
        CancelInvalid = s.CancelInvalid,
    };
}

/// <summary><c>risk.protective_stop</c> overrides.</summary>
public sealed record ProtectiveStopOverrides
{
    public bool? Enabled { get; init; }
    public decimal? DistToLiq { get; init; }
    public bool? AllowLoosenOnLiqImprove { get; init; }
    public decimal? LiqImproveThreshold { get; init; }
    public int? LoosenCooldownS { get; init; }
    public ExternalTakeoverOverrides ExternalTakeover { get; init; } = new();

    public static ProtectiveStopOverrides From(ProtectiveStopSettings s) => new()
    {
        Enabled = s.Enabled,
        DistToLiq = s.DistToLiq,
        AllowLoosenOnLiqImprove = s.AllowLoosenOnLiqImprove,
        LiqImproveThreshold = s.LiqImproveThreshold,
        LoosenCooldownS = s.LoosenCooldownS,
        ExternalTakeover = ExternalTakeoverOverrides.From(s.ExternalTakeover),
    };
}

/// <summary><c>risk</c> overrides.</summary>
public sealed record RiskOverrides
{
    public decimal? LiqDistanceThreshold { get; init; }
    public PanicCloseOverrides PanicClose { get; init; } = new();
    public ProtectiveStopOverrides ProtectiveStop { get; init; } = new();

    public static RiskOverrides From(RiskSettings s) => new()
    {
        LiqDistanceThreshold = s.LiqDistanceThreshold,
        PanicClose = PanicCloseOverrides.From(s.PanicClose),
        ProtectiveStop = ProtectiveStopOverrides.From(s.ProtectiveStop),
    };
}

/// <summary>One <c>symbols.&lt;SYM&gt;</c> entry: the sections a symbol may override (SPEC §1.2 "Sym?" = yes).</summary>
public sealed record SymbolOverrides
{
    public static readonly SymbolOverrides None = new();

    public ExecutionOverrides Execution { get; init; } = new();
    public AccelOverrides Accel { get; init; } = new();
    public RoiOverrides Roi { get; init; } = new();
    public RiskOverrides Risk { get; init; } = new();
}
