namespace Vq.Sim.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>DELETE /fapi/v1/order: -2011 for an unknown or already final order (BINANCE.md §3.8).</summary>
    public Outcome<SimOrder> Cancel(string? symbol, long? orderId, string? clientOrderId)
    {
        var error = LookupOpen(symbol, orderId, clientOrderId, Errors.UnknownOrder, out var order);
        if (error is { } e)
        {
            Reject("DELETE /fapi/v1/order", e);
            return Outcome.Fail<SimOrder>(e);
        }

        CancelOrder(order!, "client");
        return Outcome.Success<SimOrder>(order!.Snapshot());
    }

    /// <summary>GET /fapi/v1/order: any order the exchange remembers; -2013 otherwise.</summary>
    public Outcome<SimOrder> Query(string? symbol, long? orderId, string? clientOrderId)
    {
        if (string.IsNullOrEmpty(symbol))
        {
            return Outcome.Fail<SimOrder>(Errors.Mandatory("symbol"));
        }

        if (orderId is null && clientOrderId is null)
        {
            return Outcome.Fail<SimOrder>(Errors.Mandatory("orderId"));
        }

        var order = FindOrder(symbol, orderId, clientOrderId);
        return order is null ? Outcome.Fail<SimOrder>(Errors.OrderMissing) : Outcome.Success<SimOrder>(order.Snapshot());
    }

    private SimError? LookupOpen(string? symbol, long? orderId, string? clientOrderId, SimError notFound, out SimOrder? order)
    {
        order = null;
        if (string.IsNullOrEmpty(symbol))
        {
            return Errors.Mandatory("symbol");
        }

        if (FindInstrument(symbol) is null)
        {
            return Errors.InvalidSymbol;
        }

        if (orderId is null && string.IsNullOrEmpty(clientOrderId))
        {
            return Errors.Mandatory("orderId");
        }

        order = FindOrder(symbol, orderId, clientOrderId);
        return order is { IsOpen: true } ? null : notFound;
    }

    private void CancelOrder(SimOrder order, string reason)
    {
        order.State = OrderState.Canceled;
        order.UpdateTime = Clock.NowMs;
        _openOrders.Remove(order);
        Ledger.AddCancel(new CancelRecord(order.OrderId, order.ClientOrderId, order.Symbol, reason, order.UpdateTime));
        EmitOrder(order, ExecType.Canceled);
    }

    /// <summary>
    /// PUT /fapi/v1/order (BINANCE.md §3.7): LIMIT only; filters as for new orders (a failed amendment leaves the
    /// order as it was); cancels when the new quantity is not above what already filled or when a GTX amendment would
    /// cross; otherwise the order loses its queue priority and is re-matched at the new price.
    /// </summary>
    public Outcome<SimOrder> Modify(ModifyRequest r)
    {
        var error = ValidateModify(r, out var order, out var price, out var qty);
        if (error is { } e)
        {
            Reject("PUT /fapi/v1/order", e);
            return Outcome.Fail<SimOrder>(e);
        }

        var target = order!;
        var book = _books[target.Symbol];
        var crosses = book.HasQuote && (target.Side == Side.Buy ? price >= book.Ask : price <= book.Bid);
        if (qty <= target.ExecutedQty || (target.TimeInForce == TimeInForce.Gtx && crosses))
        {
            CancelOrder(target, "modify");
            return Outcome.Success<SimOrder>(target.Snapshot());
        }

        target.Price = price;
        target.OrigQty = qty;
        target.ModifyCount++;
        target.UpdateTime = Clock.NowMs;
        EmitOrder(target, ExecType.Amendment);

        // Lost priority: the order re-enters the queue behind everything displayed at its new price.
        _openOrders.Remove(target);
        if (crosses)
        {
            TakeLiquidity(target, book, price);
        }

        if (target.IsOpen)
        {
            target.QueueAhead = InitialQueue(target, book);
            _openOrders.Add(target);
        }

        return Outcome.Success<SimOrder>(target.Snapshot());
    }

    private SimError? ValidateModify(ModifyRequest r, out SimOrder? order, out decimal price, out decimal qty)
    {
        order = null;
        price = 0m;
        qty = 0m;
        if (string.IsNullOrEmpty(r.Symbol))
        {
            return Errors.Mandatory("symbol");
        }

        if (string.IsNullOrEmpty(r.Side))
        {
            return Errors.Mandatory("side");
        }

        if (OrderRules.ParseDecimal(r.Quantity, "quantity", out qty) is { } qtyParse)
        {
            return qtyParse;
        }

        if (OrderRules.ParseDecimal(r.Price, "price", out price) is { } priceParse)
        {
            return priceParse;
        }

        long? orderId = null;
        if (!string.IsNullOrEmpty(r.OrderId))
        {
            if (!long.TryParse(r.OrderId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return Errors.Mandatory("orderId");
            }

            orderId = id;
        }

        if (LookupOpen(r.Symbol, orderId, r.OrigClientOrderId, Errors.OrderMissing, out order) is { } lookup)
        {
            return lookup;
        }

        var target = order!;
        if (target.Kind != OrderKind.Limit)
        {
            return Errors.ModifyOnlyLimit;
        }

        if (OrderRules.ParseSide(r.Side, out var side) is { } sideError)
        {
            return sideError;
        }

        if (side != target.Side)
        {
            return new SimError(-4000, 400, "Invalid side for the order being modified.");
        }

        if ((OrderRules.CheckPrice(target.Instrument, price) ?? OrderRules.CheckQuantity(target.Instrument, qty, false)
            ?? OrderRules.CheckPercentPrice(_books[target.Symbol], side, price)) is { } filterError)
        {
            return filterError;
        }

        if (price == target.Price && qty == target.OrigQty)
        {
            return Errors.ModifyNoChange;
        }

        var closeableAfter = CloseableQty(target.Symbol, target.PositionSide, target);
        return target.IsClose && qty - target.ExecutedQty > closeableAfter ? Errors.ReduceOnlyRejected : null;
    }

    /// <summary>Cancels every open order on a leg (liquidation, control plane). Returns how many.</summary>
    public int CancelLegOrders(string symbol, LegSide side, int expireReason)
    {
        CollectOpen(symbol);
        var count = 0;
        foreach (var order in _scratch)
        {
            if (order.IsOpen && LegOf(order) == side)
            {
                Expire(order, expireReason);
                count++;
            }
        }

        return count;
    }
}
