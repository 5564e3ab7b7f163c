namespace Vq.Core.Risk;

/// <summary>
/// Distance to liquidation (SPEC §4.1): <c>|mark − liq| / mark</c>. A price that is null or ≤ 0 is "unknown" (the
/// exchange reports a missing liquidation price as 0), and with an unknown price there is no distance and no risk
/// action at all.
/// </summary>
public static class LiquidationDistance
{
    public static bool TryCompute(decimal? markPrice, decimal? liquidationPrice, out decimal distance)
    {
        if (markPrice is not { } mark || mark <= 0m || liquidationPrice is not { } liq || liq <= 0m)
        {
            distance = 0m;
            return false;
        }

        distance = Math.Abs(mark - liq) / mark;
        return true;
    }

    /// <summary>The distance, or null when either price is unknown.</summary>
    public static decimal? Compute(decimal? markPrice, decimal? liquidationPrice) =>
        TryCompute(markPrice, liquidationPrice, out var distance) ? distance : null;
}
