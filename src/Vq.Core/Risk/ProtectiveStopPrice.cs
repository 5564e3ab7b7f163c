using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>The price rules of the protective stop (SPEC §4.4, P15, P16, P17).</summary>
public static class ProtectiveStopPrice
{
    /// <summary>P15: an external stop closer to liquidation than 0.01 % cannot be relied on to fire first.</summary>
    public const decimal ExternalValidityMargin = 0.0001m;

    /// <summary>
    /// The desired trigger for <c>D = dist_to_liq</c>, <c>0 &lt; D &lt; 1</c>: LONG <c>ceilTick(liq / (1 − D))</c>,
    /// SHORT <c>floorTick(liq / (1 + D))</c>. Both roundings make the stop fire earlier. False when liq is unknown,
    /// D is out of range, or the result would not be a positive price.
    /// </summary>
    public static bool TryComputeTrigger(PositionSide side, decimal? liquidationPrice, decimal distToLiq, decimal tickSize, out decimal trigger)
    {
        trigger = 0m;
        if (liquidationPrice is not { } liq || liq <= 0m || distToLiq <= 0m || distToLiq >= 1m)
        {
            return false;
        }

        trigger = side == PositionSide.Long
            ? Rounding.CeilTo(liq / (1m - distToLiq), tickSize)
            : Rounding.FloorTo(liq / (1m + distToLiq), tickSize);
        return trigger > 0m;
    }

    /// <summary>
    /// P16: the tick-normalized form used for every comparison. A value within a millionth of a tick of a tick
    /// multiple is snapped to it (a float-formatted <c>8.266999999999999</c> is <c>8.267</c>); anything else is
    /// floored to the tick.
    /// </summary>
    public static decimal Normalize(decimal price, decimal tickSize)
    {
        if (tickSize <= 0m)
        {
            return price;
        }

        var ticks = price / tickSize;
        var nearest = decimal.Round(ticks, MidpointRounding.AwayFromZero);
        return Math.Abs(ticks - nearest) <= 0.000001m ? nearest * tickSize : decimal.Floor(ticks) * tickSize;
    }

    /// <summary>
    /// P15: a user's stop fires before liquidation only if LONG <c>stop &gt; liq·1.0001</c>, SHORT
    /// <c>stop &lt; liq·0.9999</c>. An unknown stop or liquidation price counts as valid (we never cancel what we cannot judge).
    /// </summary>
    public static bool IsExternalStopValid(PositionSide side, decimal? stopPrice, decimal? liquidationPrice)
    {
        if (stopPrice is not { } stop || stop <= 0m || liquidationPrice is not { } liq || liq <= 0m)
        {
            return true;
        }

        return side == PositionSide.Long
            ? stop > liq * (1m + ExternalValidityMargin)
            : stop < liq * (1m - ExternalValidityMargin);
    }

    /// <summary>
    /// P17: in cross margin the liquidation price can sit on the wrong side of the mark (LONG <c>liq ≥ mark</c>,
    /// SHORT <c>liq ≤ mark</c>); a stop there would trigger at once (-2021). False when the mark is unknown.
    /// </summary>
    public static bool IsLiquidationOnWrongSide(PositionSide side, decimal liquidationPrice, decimal? markPrice)
    {
        if (markPrice is not { } mark || mark <= 0m)
        {
            return false;
        }

        return side == PositionSide.Long ? liquidationPrice >= mark : liquidationPrice <= mark;
    }

    /// <summary>True when <paramref name="candidate"/> fires earlier than <paramref name="current"/> (LONG higher, SHORT lower).</summary>
    public static bool IsTighter(PositionSide side, decimal candidate, decimal current) =>
        side == PositionSide.Long ? candidate > current : candidate < current;
}
