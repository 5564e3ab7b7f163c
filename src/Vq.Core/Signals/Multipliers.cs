using Vq.Core.Config;
using Vq.Core.Market;
using Vq.Core.Primitives;

namespace Vq.Core.Signals;

/// <summary>Size multipliers: acceleration (§2.6) and ROI (§2.7, D4).</summary>
public static class Multipliers
{
    /// <summary>
    /// The windowed return <c>last / p0 − 1</c>, where p0 is the oldest print still inside the window (§2.6 quirk kept:
    /// not the last print before the window). Null when there is not enough history.
    /// </summary>
    public static decimal? WindowReturn(TradeWindow trades, decimal last, long nowMs, int windowMs)
    {
        if (last <= 0m || trades.Count < 2)
        {
            return null;
        }

        trades.Prune(nowMs - windowMs);
        if (!trades.TryGetOldest(out var p0) || p0 <= 0m)
        {
            return null;
        }

        return last / p0 - 1m;
    }

    /// <summary>LONG qualifies when <c>ret ≥ t.ret</c>, SHORT when <c>ret ≤ −t.ret</c>; the largest mult wins, at least 1.</summary>
    public static int AccelMult(PositionSide side, decimal? ret, IReadOnlyList<AccelTier> tiers)
    {
        if (ret is not { } r)
        {
            return 1;
        }

        var best = 1;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var qualifies = side == PositionSide.Long ? r >= tier.Ret : r <= -tier.Ret;
            if (qualifies && tier.Mult > best)
            {
                best = tier.Mult;
            }
        }

        return best;
    }

    /// <summary>
    /// ROI on initial margin: <c>upnl / (qty · entry / leverage)</c>. With a mark price, upnl is recomputed from it
    /// (D4: LONG <c>(mark − entry)·qty</c>, SHORT <c>(entry − mark)·qty</c>); otherwise the exchange figure is used.
    /// </summary>
    public static decimal? Roi(PositionSide side, decimal absQty, decimal entryPrice, decimal leverage, decimal markPrice, decimal exchangeUnrealizedPnl)
    {
        if (absQty <= 0m || entryPrice <= 0m)
        {
            return null;
        }

        var lev = leverage > 0m ? leverage : 1m;
        var pnl = markPrice > 0m
            ? (side == PositionSide.Long ? (markPrice - entryPrice) * absQty : (entryPrice - markPrice) * absQty)
            : exchangeUnrealizedPnl;
        var initialMargin = absQty * entryPrice / lev;
        return pnl / initialMargin;
    }

    public static int RoiMult(decimal? roi, IReadOnlyList<RoiTier> tiers)
    {
        if (roi is not { } value)
        {
            return 1;
        }

        var best = 1;
        for (var i = 0; i < tiers.Count; i++)
        {
            if (value >= tiers[i].Roi && tiers[i].Mult > best)
            {
                best = tiers[i].Mult;
            }
        }

        return best;
    }
}
