using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>Level 2 risk (SPEC §4.3): which panic tier applies, and how big a panic slice is.</summary>
public static class PanicTiers
{
    /// <summary>
    /// The tightest tier the distance falls into: the first tier, in ascending <c>dist_to_liq</c> order, with
    /// <c>distance ≤ tier.dist_to_liq</c>. Returns null when panic is disabled for the symbol, there are no tiers,
    /// or the distance is unknown. The settings must be the symbol's merged ones (D2). Scans without sorting or
    /// allocating; among equal thresholds the first listed wins, as a stable sort would give.
    /// </summary>
    public static PanicTier? Select(PanicCloseSettings settings, decimal? distance)
    {
        if (!settings.Enabled || distance is not { } dist)
        {
            return null;
        }

        PanicTier? chosen = null;
        var tiers = settings.Tiers;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (dist <= tier.DistToLiq && (chosen is null || tier.DistToLiq < chosen.DistToLiq))
            {
                chosen = tier;
            }
        }

        return chosen;
    }

    /// <summary>
    /// The panic slice (SPEC §4.3). Not limited by <c>max_mult</c> or <c>max_order_notional</c>; at least minQty,
    /// never more than the step-floored position (P7), and 0 when nothing tradable is left.
    /// </summary>
    public static decimal SliceQuantity(decimal absPosition, decimal sliceRatio, SymbolRules rules)
    {
        if (absPosition < rules.MinQty || absPosition <= 0m || sliceRatio <= 0m)
        {
            return 0m;
        }

        var tradable = rules.FloorQty(absPosition);
        var qty = rules.FloorQty(absPosition * sliceRatio);
        if (qty < rules.MinQty)
        {
            qty = rules.MinQty;
        }

        if (qty > tradable)
        {
            qty = tradable;
        }

        return qty <= 0m || qty < rules.MinQty ? 0m : qty;
    }
}
