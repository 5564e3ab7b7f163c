using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>
/// Flatten's <c>--max-slippage-bps</c>: no order price of the leg may be worse than N basis points from the arrival
/// mid. A SELL (closing a LONG) never goes below <c>mid·(1 − N/10000)</c> rounded up to the tick; a BUY (closing a
/// SHORT) never goes above <c>mid·(1 + N/10000)</c> rounded down. Rounding always tightens the bound, never loosens it.
/// </summary>
public static class SlippageCap
{
    private const decimal BpsPerUnit = 10_000m;

    /// <summary>The worst allowed price, or 0 when there is no bound (no cap, no arrival mid, or a cap of 100 % or more on a SELL).</summary>
    public static decimal WorstPrice(PositionSide side, decimal arrivalMid, decimal maxSlippageBps, decimal tick)
    {
        if (maxSlippageBps <= 0m || arrivalMid <= 0m)
        {
            return 0m;
        }

        if (side == PositionSide.Long)
        {
            var floor = arrivalMid * (1m - maxSlippageBps / BpsPerUnit);
            return floor <= 0m ? 0m : Rounding.CeilTo(floor, tick);
        }

        var ceiling = Rounding.FloorTo(arrivalMid * (1m + maxSlippageBps / BpsPerUnit), tick);

        // Only a mid below one tick could floor to 0; a BUY at 0 is not a price, the tick is the tightest real one.
        return ceiling > 0m ? ceiling : tick > 0m ? tick : arrivalMid;
    }

    /// <summary>
    /// <paramref name="price"/> moved back to <paramref name="worstPrice"/> when it is beyond it (a SELL below, a BUY
    /// above). A bounded SELL sits above the market and a bounded BUY below it, so the order rests and never crosses.
    /// </summary>
    public static decimal Bound(PositionSide side, decimal price, decimal worstPrice, out bool capped)
    {
        capped = worstPrice > 0m && (side == PositionSide.Long ? price < worstPrice : price > worstPrice);
        return capped ? worstPrice : price;
    }

    /// <summary>True when <paramref name="price"/> is within the bound (always true without one).</summary>
    public static bool Allows(PositionSide side, decimal price, decimal worstPrice) =>
        worstPrice <= 0m || (side == PositionSide.Long ? price >= worstPrice : price <= worstPrice);
}
