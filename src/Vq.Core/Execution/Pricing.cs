using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>A limit price and its time in force.</summary>
public readonly record struct PricedOrder(decimal Price, TimeInForce TimeInForce);

/// <summary>Order pricing (§3.5). Maker prices never cross (safety clamp); aggressive prices sit at the far touch.</summary>
public static class Pricing
{
    /// <summary>The post-only maker price for closing <paramref name="side"/>.</summary>
    public static decimal MakerPrice(PositionSide side, decimal bid, decimal ask, decimal tick, ExecutionSettings settings)
    {
        var n = settings.MakerNTicks;
        var safety = settings.MakerSafetyTicks;
        if (side == PositionSide.Long)
        {
            var raw = settings.MakerPriceMode switch
            {
                MakerPriceMode.AtTouch => ask,
                MakerPriceMode.CustomTicks => ask - n * tick,
                _ => ask - tick,
            };
            var p = Rounding.FloorTo(raw, tick);
            if (tick > 0m)
            {
                // A SELL at or below the bid would take liquidity: keep it safety ticks above the bid.
                var minP = Rounding.FloorTo(bid, tick) + safety * tick;
                p = Math.Max(p, minP);
            }

            return p;
        }
        else
        {
            var raw = settings.MakerPriceMode switch
            {
                MakerPriceMode.AtTouch => bid,
                MakerPriceMode.CustomTicks => bid + n * tick,
                _ => bid + tick,
            };
            var p = Rounding.FloorTo(raw, tick);
            if (tick > 0m)
            {
                var maxP = Rounding.FloorTo(ask, tick) - safety * tick;
                if (maxP <= 0m)
                {
                    maxP = tick;
                }

                p = Math.Min(p, maxP);
            }

            return p;
        }
    }

    /// <summary>The aggressive (GTC) price: the bid for a SELL, the ask rounded up for a BUY.</summary>
    public static decimal AggressivePrice(PositionSide side, decimal bid, decimal ask, decimal tick)
    {
        if (tick <= 0m)
        {
            return side == PositionSide.Long ? bid : ask;
        }

        return side == PositionSide.Long ? Rounding.FloorTo(bid, tick) : Rounding.CeilTo(ask, tick);
    }

    /// <summary>Price and TIF by execution mode: maker → GTX, aggressive → GTC (§3.4 step 4).</summary>
    public static PricedOrder ForMode(ExecutionMode mode, PositionSide side, decimal bid, decimal ask, decimal tick, ExecutionSettings settings) =>
        mode == ExecutionMode.AggressiveLimit
            ? new PricedOrder(AggressivePrice(side, bid, ask, tick), TimeInForce.Gtc)
            : new PricedOrder(MakerPrice(side, bid, ask, tick, settings), TimeInForce.Gtx);
}
