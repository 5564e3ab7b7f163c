namespace Vq.Sim.Matching;

// The fill model (docs/sim.md "Fill model"):
// - A crossing order takes the displayed size at the touch, then walks a synthetic book beyond it, DepthQtyPerTick at
//   every further tick (price impact), never past its limit.
// - A resting order fills as maker at its own price: fully when the book or a trade moves through its price; at its
//   price only once the displayed queue that was ahead of it has traded away.
public sealed partial class MatchingEngine
{
    // A taker never walks more than this many ticks; it keeps a broken feed from looping forever.
    private const int MaxWalkTicks = 100_000;

    /// <summary>Runs a freshly accepted order: take what crosses, then rest or expire the remainder.</summary>
    private void Execute(SimOrder order)
    {
        var book = _books[order.Symbol];
        var crosses = order.Kind == OrderKind.Market
            || (book.HasQuote && (order.Side == Side.Buy ? order.Price >= book.Ask : order.Price <= book.Bid));
        if (crosses && book.HasQuote)
        {
            TakeLiquidity(order, book, order.Kind == OrderKind.Market ? null : order.Price);
        }

        if (!order.IsOpen)
        {
            return;
        }

        if (order.Kind == OrderKind.Market || order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            // er=9 market remainder, er=2 IOC remainder (BINANCE.md §7.1).
            Expire(order, order.Kind == OrderKind.Market ? 9 : 2);
            return;
        }

        order.QueueAhead = InitialQueue(order, book);
        _openOrders.Add(order);
    }

    private static decimal InitialQueue(SimOrder order, BookState book)
    {
        if (!book.HasQuote)
        {
            return 0m;
        }

        var touch = order.Side == Side.Buy ? book.Bid : book.Ask;
        var touchQty = order.Side == Side.Buy ? book.BidQty : book.AskQty;
        var better = order.Side == Side.Buy ? order.Price > touch : order.Price < touch;
        if (better)
        {
            return 0m;
        }

        return order.Price == touch ? touchQty : book.DepthQtyPerTick;
    }

    /// <summary>Quantity a taker could get at or better than <paramref name="limit"/> right now (FOK check).</summary>
    private static decimal AvailableWithin(BookState book, Side side, decimal limit)
    {
        var touch = side == Side.Buy ? book.Ask : book.Bid;
        var touchQty = side == Side.Buy ? book.AskQty : book.BidQty;
        var ticks = side == Side.Buy ? (limit - touch) / book.Instrument.TickSize : (touch - limit) / book.Instrument.TickSize;
        return ticks < 0m ? 0m : touchQty + Math.Floor(ticks) * book.DepthQtyPerTick;
    }

    private void TakeLiquidity(SimOrder order, BookState book, decimal? limit)
    {
        var buy = order.Side == Side.Buy;
        var tick = book.Instrument.TickSize;
        var level = buy ? book.Ask : book.Bid;
        var available = buy ? book.AskQty : book.BidQty;
        var walked = 0;
        while (order.IsOpen && walked <= MaxWalkTicks && level > 0m)
        {
            if (limit is { } l && (buy ? level > l : level < l))
            {
                break;
            }

            var qty = Math.Min(order.Remaining, available);
            if (qty > 0m && !Fill(order, qty, level, maker: false))
            {
                return;
            }

            available -= qty;
            if (available <= 0m)
            {
                level = buy ? level + tick : level - tick;
                available = book.DepthQtyPerTick;
                walked++;
            }
        }

        // The taker consumed liquidity: the displayed touch shrinks or moves to where the walk stopped.
        if (buy)
        {
            book.Ask = level;
            book.AskQty = available;
        }
        else
        {
            book.Bid = level;
            book.BidQty = available;
        }

    }

    private void MatchRestingAgainstQuote(BookState book)
    {
        CollectOpen(book.Symbol);
        foreach (var order in _scratch)
        {
            if (!order.IsOpen)
            {
                continue;
            }

            var buy = order.Side == Side.Buy;
            var movedThrough = buy ? book.Ask <= order.Price : book.Bid >= order.Price;
            if (movedThrough)
            {
                Fill(order, order.Remaining, order.Price, maker: true);
                continue;
            }

            var touch = buy ? book.Bid : book.Ask;
            if (order.Price == touch)
            {
                // Displayed size at our price can only shrink the queue ahead of us (cancels ahead), never grow it.
                order.QueueAhead = Math.Min(order.QueueAhead, buy ? book.BidQty : book.AskQty);
            }
        }
    }

    private void MatchRestingAgainstTrade(BookState book, decimal price, decimal qty, bool buyerIsMaker)
    {
        // A seller-initiated trade (buyer is maker) hits resting bids: it can fill our BUY orders, and vice versa.
        var restingSide = buyerIsMaker ? Side.Buy : Side.Sell;
        var tradeLeft = qty;
        CollectOpen(book.Symbol);
        foreach (var order in _scratch)
        {
            if (!order.IsOpen || order.Side != restingSide)
            {
                continue;
            }

            var through = restingSide == Side.Buy ? price < order.Price : price > order.Price;
            if (through)
            {
                Fill(order, order.Remaining, order.Price, maker: true);
                continue;
            }

            if (price != order.Price || tradeLeft <= 0m)
            {
                continue;
            }

            var queueTraded = Math.Min(order.QueueAhead, qty);
            order.QueueAhead -= queueTraded;
            var forUs = Math.Min(qty - queueTraded, tradeLeft);
            var fillQty = Math.Min(order.Remaining, forUs);
            if (fillQty > 0m)
            {
                tradeLeft -= fillQty;
                Fill(order, fillQty, order.Price, maker: true);
            }
        }
    }

    private void CollectOpen(string symbol)
    {
        _scratch.Clear();
        foreach (var order in _openOrders)
        {
            if (order.Symbol == symbol)
            {
                _scratch.Add(order);
            }
        }
    }

    /// <summary>
    /// Books one execution: account, order, ledger and the user-data events. A close never flips the leg: when the
    /// leg is smaller than the fill, only the leg is closed and the rest expires with er=4 (BINANCE.md §7.1).
    /// Returns false when the order ended without filling (expired).
    /// </summary>
    private bool Fill(SimOrder order, decimal qty, decimal price, bool maker)
    {
        var leg = Account.GetLeg(order.Instrument, LegOf(order));
        var closing = IsClosing(order.Side, order.PositionSide);
        if (closing && qty > leg.Amount)
        {
            qty = leg.Amount;
            if (qty <= 0m)
            {
                Expire(order, 4);
                return false;
            }
        }

        var now = Clock.NowMs;
        var fee = price * qty * (maker ? Account.MakerFeeRate : Account.TakerFeeRate);
        var realized = 0m;
        if (closing)
        {
            realized = leg.IsLong ? (price - leg.EntryPrice) * qty : (leg.EntryPrice - price) * qty;
            if (leg.MarginMode == MarginMode.Isolated && leg.Amount > 0m)
            {
                leg.IsolatedWallet -= leg.IsolatedWallet * qty / leg.Amount;
            }

            leg.Amount -= qty;
            if (leg.Amount == 0m)
            {
                leg.EntryPrice = 0m;
                leg.IsolatedWallet = 0m;
            }
        }
        else
        {
            leg.EntryPrice = (leg.EntryPrice * leg.Amount + price * qty) / (leg.Amount + qty);
            leg.Amount += qty;
            if (leg.MarginMode == MarginMode.Isolated)
            {
                leg.IsolatedWallet += price * qty / Math.Max(1, leg.Leverage);
            }
        }

        leg.CumRealized += realized;
        leg.UpdateTime = now;
        Account.WalletBalance += realized - fee;

        order.ExecutedQty += qty;
        order.CumQuote += price * qty;
        order.State = order.Remaining == 0m ? OrderState.Filled : OrderState.PartiallyFilled;
        order.UpdateTime = now;
        if (order.State == OrderState.Filled)
        {
            _openOrders.Remove(order);
        }

        var book = _books[order.Symbol];
        if (!maker)
        {
            book.LastPrice = price;
            _prints.Add(new PublicPrint(order.Symbol, price, qty, BuyerIsMaker: order.Side == Side.Sell));
        }

        var tradeId = NextTradeId();
        Ledger.AddFill(new FillRecord(tradeId, order.OrderId, order.ClientOrderId, order.Symbol, order.Side, order.PositionSide,
            price, qty, fee, realized, maker, now));
        EmitAccount("ORDER", realized - fee, leg);
        _outbox.Add(new OrderTradeUpdate
        {
            EventTime = now, TransactionTime = now, Order = order.Snapshot(), Exec = order.Kind == OrderKind.Liquidation ? ExecType.Calculated : ExecType.Trade,
            LastQty = qty, LastPrice = price, Commission = fee, TradeId = tradeId, Maker = maker, RealizedPnl = realized,
        });

        if (closing && order.IsOpen && leg.Amount == 0m)
        {
            // The leg is flat: what is left of a close can only open the other way, so Binance expires it (er=4).
            Expire(order, 4);
        }

        return true;
    }

    private void Expire(SimOrder order, int reason)
    {
        order.State = OrderState.Expired;
        order.ExpireReason = reason;
        order.UpdateTime = Clock.NowMs;
        _openOrders.Remove(order);
        EmitOrder(order, ExecType.Expired);
    }

    private void EmitOrder(SimOrder order, ExecType exec)
    {
        var now = Clock.NowMs;
        _outbox.Add(new OrderTradeUpdate { EventTime = now, TransactionTime = now, Order = order.Snapshot(), Exec = exec });
    }

    private void EmitAccount(string reason, decimal balanceChange, Leg leg)
    {
        var now = Clock.NowMs;
        var mark = _books[leg.Symbol].Mark;
        _outbox.Add(new AccountUpdate
        {
            EventTime = now, TransactionTime = now, Reason = reason, WalletBalance = Account.WalletBalance,
            CrossWalletBalance = CrossWalletBalance(), BalanceChange = balanceChange, Legs = [View(leg, mark)],
        });
    }

    public LegView View(Leg leg, decimal mark)
    {
        var fee = Account.TakerFeeRate;
        var breakEven = leg.Amount == 0m ? 0m : (leg.IsLong ? leg.EntryPrice * (1m + fee) : leg.EntryPrice * (1m - fee));
        return new LegView(leg.Symbol, leg.Side, leg.SignedAmount, leg.EntryPrice, breakEven, leg.CumRealized,
            leg.UnrealizedPnl(mark), leg.MarginMode, leg.IsolatedWallet, leg.Instrument);
    }

    /// <summary>Wallet minus what isolated legs hold (Binance's <c>cw</c>).</summary>
    public decimal CrossWalletBalance()
    {
        var isolated = 0m;
        foreach (var leg in Account.Legs)
        {
            isolated += leg.MarginMode == MarginMode.Isolated ? leg.IsolatedWallet : 0m;
        }

        return Account.WalletBalance - isolated;
    }
}
