using Vq.Sim.Control;
using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;
using Vq.Sim.Wire.Streams;

namespace Vq.Sim;

// The control plane's operations, callable in-process by tests and over HTTP under /_sim (Control/ControlEndpoints).
public sealed partial class SimExchange
{
    public void SetBalance(decimal walletBalance) => Do(e => e.SetWalletBalance(walletBalance));

    public SimError? SetPosition(string symbol, LegSide side, decimal quantity, decimal entryPrice, int? leverage = null, MarginMode? marginMode = null)
    {
        SimError? error = null;
        Do(e => error = e.SetPosition(symbol, side, quantity, entryPrice, leverage, marginMode));
        return error;
    }

    public void SetHedgeMode(bool hedge) => Do(e => e.Account.HedgeMode = hedge);

    /// <summary>Moves the market's mid (and so the mark) to <paramref name="mid"/> at once; the driver continues from there.</summary>
    public bool MoveMid(string symbol, decimal mid)
    {
        lock (Gate)
        {
            var book = Engine.Book(symbol);
            if (book is null || mid <= 0m)
            {
                return false;
            }

            _driver.MoveMid(symbol, mid);
            var tick = book.Instrument.TickSize;
            var bid = book.Instrument.FloorToTick(mid);
            bid = bid == mid ? bid - tick : bid;
            var ask = bid + tick;
            var bidQty = book.BidQty > 0m ? book.BidQty : book.DepthQtyPerTick;
            var askQty = book.AskQty > 0m ? book.AskQty : book.DepthQtyPerTick;
            Engine.ApplyQuote(symbol, bid, bidQty, ask, askQty);
            if (book.MarkFromFeed)
            {
                Engine.ApplyMark(symbol, mid, mid, fromFeed: false);
            }

            var now = Clock.NowMs;
            Hub.PublishMarket(symbol.ToLowerInvariant() + "@bookTicker", MarketJson.BookTicker(book, now));
            FlushUserEvents();
            return true;
        }
    }

    /// <summary>
    /// Pushes the mark a <paramref name="fraction"/> of the way from where it is to the leg's liquidation price
    /// (1 reaches it and liquidates). Returns the new mark, or null when the leg has no liquidation price.
    /// </summary>
    public decimal? MoveMarkTowardLiquidation(string symbol, LegSide side, decimal fraction)
    {
        decimal target;
        lock (Gate)
        {
            var leg = Engine.Account.FindLeg(symbol, side);
            var book = Engine.Book(symbol);
            if (leg is null || book is null || leg.Amount == 0m)
            {
                return null;
            }

            var liquidation = Engine.LiquidationPrice(leg);
            if (liquidation <= 0m)
            {
                return null;
            }

            target = book.Mark + (liquidation - book.Mark) * fraction;
            if (fraction >= 1m)
            {
                // Land just beyond the line so the breach is unambiguous after tick rounding.
                target = leg.IsLong ? liquidation - book.Instrument.TickSize : liquidation + book.Instrument.TickSize;
            }
        }

        MoveMid(symbol, target);
        return Read(e => e.Book(symbol)!.Mark);
    }

    public void SkewClock(long skewMs) => Clock.SkewMs = skewMs;

    public void ExpireListenKey()
    {
        lock (Gate)
        {
            ListenKeys.ExpireNow(Clock.NowMs);
        }

        Housekeeping();
    }

    internal bool IsListenKeyValid(string key)
    {
        lock (Gate)
        {
            return ListenKeys.IsValid(key, Clock.NowMs);
        }
    }

    public int DropConnections(StreamRoute? route = null) => Hub.Drop(route);

    public int ConnectionCount => Hub.Count;

    /// <summary>The ledger (orders, fills, cancels, rejects by code, positions, request log) as JSON.</summary>
    public byte[] LedgerJson() => Read(e => LedgerWriter.Write(e, includeRequests: true));

    /// <summary>The ledger without the request log — identical across runs with the same seed and actions.</summary>
    public byte[] TradingLedgerJson() => Read(e => LedgerWriter.Write(e, includeRequests: false));

    public byte[] StateJson() => Read(e => LedgerWriter.State(e, ListenKeys.ActiveKey, Hub.Count));
}
