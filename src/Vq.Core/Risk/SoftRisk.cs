namespace Vq.Core.Risk;

/// <summary>Why a soft-risk evaluation came out the way it did (SPEC §4.2). <see cref="SoftRiskReasons.Code"/> gives the log code.</summary>
public enum SoftRiskReason : byte
{
    /// <summary>Both prices known and the distance is above the threshold.</summary>
    WithinThreshold = 0,
    /// <summary><c>liq_distance_breach</c>: distance ≤ threshold.</summary>
    LiqDistanceBreach = 1,
    /// <summary><c>missing_mark_price</c>: no distance, nothing triggers.</summary>
    MissingMarkPrice = 2,
    /// <summary><c>missing_liquidation_price</c>: no distance, nothing triggers.</summary>
    MissingLiquidationPrice = 3,
}

/// <summary>The outcome of one soft-risk check of a leg.</summary>
public readonly record struct SoftRiskEvaluation(bool Triggered, SoftRiskReason Reason, decimal? Distance, decimal Threshold)
{
    /// <summary>True when both prices were known, i.e. <see cref="Distance"/> is set.</summary>
    public bool HasDistance => Distance.HasValue;
}

public static class SoftRiskReasons
{
    public static string Code(this SoftRiskReason reason) => reason switch
    {
        SoftRiskReason.LiqDistanceBreach => "liq_distance_breach",
        SoftRiskReason.MissingMarkPrice => "missing_mark_price",
        SoftRiskReason.MissingLiquidationPrice => "missing_liquidation_price",
        _ => "within_threshold",
    };
}

/// <summary>
/// Level 1 risk (SPEC §4.2): a leg is at risk when its distance to liquidation is at or below the symbol's merged
/// <c>risk.liq_distance_threshold</c> (D2/P12: never the global value when the symbol overrides it).
/// </summary>
public static class SoftRisk
{
    public static SoftRiskEvaluation Evaluate(decimal? markPrice, decimal? liquidationPrice, decimal threshold)
    {
        if (markPrice is not { } mark || mark <= 0m)
        {
            return new SoftRiskEvaluation(false, SoftRiskReason.MissingMarkPrice, null, threshold);
        }

        if (!LiquidationDistance.TryCompute(mark, liquidationPrice, out var distance))
        {
            return new SoftRiskEvaluation(false, SoftRiskReason.MissingLiquidationPrice, null, threshold);
        }

        return distance <= threshold
            ? new SoftRiskEvaluation(true, SoftRiskReason.LiqDistanceBreach, distance, threshold)
            : new SoftRiskEvaluation(false, SoftRiskReason.WithinThreshold, distance, threshold);
    }
}
