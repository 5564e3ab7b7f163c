using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>Slice quantities (§3.6 normal path with D3 and the notional fix). The panic slice is <see cref="Risk.PanicTiers.SliceQuantity"/>.</summary>
public static class Sizing
{
    /// <summary>The combined multiplier: base × roi × accel, each at least 1, capped by <c>max_mult</c>.</summary>
    public static long FinalMult(ExecutionSettings settings, int roiMult, int accelMult)
    {
        long mult = (long)Math.Max(settings.BaseLotMult, 1) * Math.Max(roiMult, 1) * Math.Max(accelMult, 1);
        return Math.Min(mult, Math.Max(settings.MaxMult, 1));
    }

    /// <summary>
    /// The normal-path slice. Never larger than the position, never upsized for min-notional (P8: closing orders are
    /// exempt), capped at <c>max_order_notional</c> priced at the order's limit price (fallback: last trade), and
    /// with the sweep rule (D3): a position in <c>[minQty, 2·minQty)</c> is taken whole (step-floored).
    /// Returns 0 when no order should be sent.
    /// </summary>
    public static decimal NormalSlice(decimal absPosition, SymbolRules rules, ExecutionSettings settings, int roiMult, int accelMult, decimal limitPrice, decimal lastTradePrice)
    {
        if (absPosition <= 0m || absPosition < rules.MinQty)
        {
            return 0m;
        }

        decimal q;
        if (rules.MinQty > 0m && absPosition < 2m * rules.MinQty)
        {
            q = absPosition;
        }
        else
        {
            var unit = rules.MinQty > 0m ? rules.MinQty : rules.StepSize;
            q = Math.Min(unit * FinalMult(settings, roiMult, accelMult), absPosition);
        }

        var notionalPrice = limitPrice > 0m ? limitPrice : lastTradePrice;
        if (notionalPrice > 0m && settings.MaxOrderNotional > 0m)
        {
            q = Math.Min(q, settings.MaxOrderNotional / notionalPrice);
        }

        q = rules.FloorQty(q);
        return q < rules.MinQty || q <= 0m ? 0m : q;
    }

    /// <summary>True when a closing order is below min-notional and is sent anyway (P8, debug event).</summary>
    public static bool BelowMinNotional(decimal qty, decimal price, SymbolRules rules) =>
        rules.MinNotional > 0m && price > 0m && qty * price < rules.MinNotional;
}
