using Vq.Core.Market;
using Vq.Core.Primitives;

namespace Vq.Core.Signals;

/// <summary>The four exit trigger conditions of §2.4. Primary wins when both hold.</summary>
public static class ExitConditions
{
    public static SignalReason Evaluate(PositionSide side, decimal bid, decimal ask, decimal last, decimal prev)
    {
        if (side == PositionSide.Long)
        {
            // bid ≥ last: the last print was at or below the bid, i.e. sellers hit the bid while we sell into it.
            if (last > prev && bid >= last)
            {
                return SignalReason.LongPrimary;
            }

            return bid >= last && bid > prev ? SignalReason.LongBidImprove : SignalReason.None;
        }

        if (last < prev && ask <= last)
        {
            return SignalReason.ShortPrimary;
        }

        return ask <= last && ask < prev ? SignalReason.ShortAskImprove : SignalReason.None;
    }

    /// <summary>Evaluates on a ready market snapshot; <see cref="SignalReason.None"/> when not ready.</summary>
    public static SignalReason Evaluate(PositionSide side, MarketState market) =>
        market.IsReady
            ? Evaluate(side, market.BestBid, market.BestAsk, market.LastTradePrice, market.PreviousTradePrice)
            : SignalReason.None;
}
