namespace Vq.Sim.Matching;

// Liquidation (docs/sim.md "Liquidation price"). Binance's USDT-M formula with a single margin bracket (cum = 0):
//
//   LP = (WB − TMM₁ + UPNL₁ − Q_L·EP_L + Q_S·EP_S) / (Q_L·MMR + Q_S·MMR − Q_L + Q_S)
//
// WB: cross wallet balance (isolated: that leg's isolated wallet); TMM₁, UPNL₁: maintenance margin and unrealized
// PnL of every *other* cross symbol (0 for isolated); Q/EP: amounts and entry prices of this symbol's cross legs
// (isolated: of that leg alone); MMR: the instrument's maintenance margin rate. A LONG is liquidated when the mark
// reaches LP from above, a SHORT when it reaches LP from below. LP ≤ 0 means "cannot be liquidated" (wire: "0").
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

        foreach (var side in (ReadOnlySpan<LegSide>)[LegSide.Long, LegSide.Short])
        {
            var leg = Account.FindLeg(book.Symbol, side);
            if (leg is null || leg.Amount == 0m)
            {
                continue;
            }

            var liquidation = LiquidationPrice(leg);
            var breached = liquidation > 0m && (leg.IsLong ? book.Mark <= liquidation : book.Mark >= liquidation);
            if (breached)
            {
                Liquidate(leg, book);
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
