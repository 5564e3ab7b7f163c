namespace Vq.Sim.Matching;

// Liquidation (docs/sim.md "Liquidation price"). Binance's USDT-M formula with a single margin bracket (cum = 0):
//
//   LP = (WB − TMM₁ + UPNL₁ − Q_L·EP_L + Q_S·EP_S) / (Q_L·MMR + Q_S·MMR − Q_L + Q_S)
//
// WB: cross wallet balance (isolated: that leg's isolated wallet); TMM₁, UPNL₁: maintenance margin and unrealized
// PnL of every *other* cross symbol (0 for isolated); Q/EP: amounts and entry prices of this symbol's cross legs
// (isolated: of that leg alone); MMR: the instrument's maintenance margin rate. Isolated: a LONG is liquidated when
// the mark reaches LP from above, a SHORT from below. Cross: both legs of the symbol share LP; when the net amount is
// long the mark reaching LP from above liquidates both legs (from below when net short; never when exactly hedged).
// LP ≤ 0 means "cannot be liquidated" (wire: "0").
public sealed partial class MatchingEngine
{
    public decimal LiquidationPrice(Leg leg)
    {
        if (leg.Amount == 0m)
        {
            return 0m;
        }

        var mmr = leg.Instrument.MaintMarginRate;
        decimal wallet, qLong = 0m, epLong = 0m, qShort = 0m, epShort = 0m;
        if (leg.MarginMode == MarginMode.Isolated)
        {
            wallet = leg.IsolatedWallet;
            if (leg.IsLong)
            {
                (qLong, epLong) = (leg.Amount, leg.EntryPrice);
            }
            else
            {
                (qShort, epShort) = (leg.Amount, leg.EntryPrice);
            }
        }
        else
        {
            wallet = CrossWalletBalance();
            foreach (var other in Account.Legs)
            {
                if (other.MarginMode != MarginMode.Cross || other.Amount == 0m)
                {
                    continue;
                }

                if (other.Symbol != leg.Symbol)
                {
                    var mark = _books[other.Symbol].Mark;
                    wallet += other.UnrealizedPnl(mark) - other.MaintMargin(mark);
                }
                else if (other.IsLong)
                {
                    (qLong, epLong) = (other.Amount, other.EntryPrice);
                }
                else
                {
                    (qShort, epShort) = (other.Amount, other.EntryPrice);
                }
            }
        }

        var denominator = qLong * mmr + qShort * mmr - qLong + qShort;
        if (denominator == 0m)
        {
            return 0m;
        }

        var price = (wallet - qLong * epLong + qShort * epShort) / denominator;
        return price > 0m ? price : 0m;
    }

    private void CheckLiquidation(BookState book)
    {
        if (book.Mark <= 0m)
        {
            return;
        }

        var longLeg = Account.FindLeg(book.Symbol, LegSide.Long);
        var shortLeg = Account.FindLeg(book.Symbol, LegSide.Short);

        // Isolated legs stand alone: a LONG dies when the mark falls to its price, a SHORT when it rises to it.
        foreach (var leg in (ReadOnlySpan<Leg?>)[longLeg, shortLeg])
        {
            if (leg is { Amount: > 0m, MarginMode: MarginMode.Isolated })
            {
                var price = LiquidationPrice(leg);
                if (price > 0m && (leg.IsLong ? book.Mark <= price : book.Mark >= price))
                {
                    Liquidate(leg, book);
                }
            }
        }

        // Cross legs of one symbol share one price; the net direction says which side of it is fatal, and the whole
        // symbol's cross exposure is liquidated together.
        var crossLong = longLeg is { Amount: > 0m, MarginMode: MarginMode.Cross } ? longLeg : null;
        var crossShort = shortLeg is { Amount: > 0m, MarginMode: MarginMode.Cross } ? shortLeg : null;
        var any = crossLong ?? crossShort;
        if (any is null)
        {
            return;
        }

        var liquidation = LiquidationPrice(any);
        var net = (crossLong?.Amount ?? 0m) - (crossShort?.Amount ?? 0m);
        var breached = liquidation > 0m && (net > 0m ? book.Mark <= liquidation : net < 0m && book.Mark >= liquidation);
        if (breached)
        {
            if (crossLong is not null)
            {
                Liquidate(crossLong, book);
            }

            if (crossShort is not null)
            {
                Liquidate(crossShort, book);
            }
        }
    }

    /// <summary>
    /// Closes the whole leg at the mark with a LIQUIDATION order (<c>c</c> = autoclose-…, x=CALCULATED), after
    /// expiring the leg's open orders with er=5. A negative wallet is floored at zero (the insurance fund pays).
    /// </summary>
    private void Liquidate(Leg leg, BookState book)
    {
        CancelLegOrders(leg.Symbol, leg.Side, 5);
        var now = Clock.NowMs;
        var orderId = NextOrderId();
        var order = new SimOrder
        {
            OrderId = orderId,
            ClientOrderId = "autoclose-" + now.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Instrument = leg.Instrument,
            Side = leg.IsLong ? Side.Sell : Side.Buy,
            PositionSide = leg.Side,
            Kind = OrderKind.Liquidation,
            TimeInForce = TimeInForce.Ioc,
            Price = book.Instrument.FloorToTick(book.Mark),
            OrigQty = leg.Amount,
            State = OrderState.New,
            IsClose = true,
            Time = now,
            UpdateTime = now,
        };
        _ordersById.Add(orderId, order);
        _allOrders.Add(order);
        Fill(order, leg.Amount, order.Price, maker: false);
        if (Account.WalletBalance < 0m)
        {
            Account.WalletBalance = 0m;
        }
    }
}
