using Vq.Core.Primitives;

namespace Vq.Core.Orders;

/// <summary>
/// Every known resting close order on one leg (own, in-flight and external), the basis of the reduce budget (D21).
/// Fed by the run's own placements, by the user-data stream (which reports all of the account's orders) and by REST
/// open-order snapshots. A small flat array: a leg rarely has more than a handful of orders.
/// Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class LegOrderBook
{
    private const int RecentlyClosedCapacity = 64;
    private LegOrder[] _orders = new LegOrder[8];
    private int _count;

    // Ids that reached a terminal state: a late, reordered non-terminal event must not resurrect them (it would
    // reserve budget forever and block the leg).
    private readonly ClientOrderId[] _recentlyClosed = new ClientOrderId[RecentlyClosedCapacity];
    private int _recentlyClosedNext;

    public int Count => _count;

    public ref readonly LegOrder this[int index] => ref _orders[index];

    /// <summary>Sum of the remaining quantity of every resting close order.</summary>
    public decimal ReservedQty
    {
        get
        {
            var sum = 0m;
            for (var i = 0; i < _count; i++)
            {
                sum += _orders[i].Remaining;
            }

            return sum;
        }
    }

    public decimal ReservedBy(OrderOwner owner)
    {
        var sum = 0m;
        for (var i = 0; i < _count; i++)
        {
            if (_orders[i].Owner == owner)
            {
                sum += _orders[i].Remaining;
            }
        }

        return sum;
    }

    public int CountBy(OrderOwner owner)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_orders[i].Owner == owner)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Adds a new own order at send time (before the exchange knows it).</summary>
    public void AddInFlight(ClientOrderId clientOrderId, decimal qty, decimal price)
    {
        var index = Find(clientOrderId, 0);
        if (index < 0)
        {
            index = Append();
        }

        _orders[index] = new LegOrder { ClientOrderId = clientOrderId, Owner = OrderOwner.Own, OrigQty = qty, Price = price };
    }

    /// <summary>Applies an order event; terminal statuses remove the order. Returns true if the book changed.</summary>
    public bool Apply(in OrderUpdate update, OrderOwner owner)
    {
        var index = Find(update.ClientOrderId, update.OrderId);
        if (update.Status.IsTerminal())
        {
            RememberClosed(update.ClientOrderId);
            if (index < 0)
            {
                return false;
            }

            RemoveAt(index);
            return true;
        }

        if (index < 0)
        {
            if (WasClosed(update.ClientOrderId))
            {
                return false;
            }

            index = Append();
            _orders[index] = new LegOrder { ClientOrderId = update.ClientOrderId, Owner = owner };
        }

        ref var order = ref _orders[index];
        order.OrderId = update.OrderId != 0 ? update.OrderId : order.OrderId;
        if (update.OrigQty > 0m)
        {
            order.OrigQty = update.OrigQty;
        }

        // z only grows; an older event delivered late must not resurrect filled quantity.
        order.CumFilledQty = Math.Max(order.CumFilledQty, update.CumFilledQty);
        if (update.Price > 0m)
        {
            order.Price = update.Price;
        }

        order.LastEventTimeMs = Math.Max(order.LastEventTimeMs, update.TransactionTimeMs);
        return true;
    }

    public bool Remove(ClientOrderId clientOrderId)
    {
        RememberClosed(clientOrderId);
        var index = Find(clientOrderId, 0);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public bool Contains(ClientOrderId clientOrderId) => Find(clientOrderId, 0) >= 0;

    /// <summary>REST says the order is finished; keep reserving until the stream confirms or the deadline passes.</summary>
    public void MarkGone(ClientOrderId clientOrderId, long deadlineMs)
    {
        var index = Find(clientOrderId, 0);
        if (index >= 0 && _orders[index].GoneDeadlineMs == 0)
        {
            _orders[index].GoneDeadlineMs = deadlineMs;
        }
    }

    /// <summary>Drops orders whose terminal confirmation never came (a lost event). Returns how many went.</summary>
    public int ExpireGone(long nowMs)
    {
        var removed = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            var deadline = _orders[i].GoneDeadlineMs;
            if (deadline != 0 && nowMs >= deadline)
            {
                RememberClosed(_orders[i].ClientOrderId);
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Drops the orders of <paramref name="owner"/> that a REST snapshot taken at <paramref name="snapshotTimeMs"/>
    /// (exchange time) no longer lists; orders with a newer event than the snapshot stay (the snapshot predates them).
    /// </summary>
    public void RemoveMissing(OrderOwner owner, long snapshotTimeMs, ReadOnlySpan<OrderUpdate> snapshot)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            ref readonly var order = ref _orders[i];
            if (order.Owner != owner || order.LastEventTimeMs > snapshotTimeMs)
            {
                continue;
            }

            var listed = false;
            foreach (ref readonly var row in snapshot)
            {
                if (row.ClientOrderId == order.ClientOrderId || (row.OrderId != 0 && row.OrderId == order.OrderId))
                {
                    listed = true;
                    break;
                }
            }

            if (!listed)
            {
                RemoveAt(i);
            }
        }
    }

    public void Clear() => _count = 0;

    private void RememberClosed(ClientOrderId clientOrderId)
    {
        if (clientOrderId.IsEmpty || WasClosed(clientOrderId))
        {
            return;
        }

        _recentlyClosed[_recentlyClosedNext] = clientOrderId;
        _recentlyClosedNext = (_recentlyClosedNext + 1) % RecentlyClosedCapacity;
    }

    private bool WasClosed(ClientOrderId clientOrderId)
    {
        if (clientOrderId.IsEmpty)
        {
            return false;
        }

        foreach (ref readonly var id in _recentlyClosed.AsSpan())
        {
            if (id == clientOrderId)
            {
                return true;
            }
        }

        return false;
    }

    private int Find(ClientOrderId clientOrderId, long orderId)
    {
        for (var i = 0; i < _count; i++)
        {
            ref readonly var o = ref _orders[i];
            if ((!clientOrderId.IsEmpty && o.ClientOrderId == clientOrderId) || (orderId != 0 && o.OrderId == orderId))
            {
                return i;
            }
        }

        return -1;
    }

    private int Append()
    {
        if (_count == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        return _count++;
    }

    private void RemoveAt(int index)
    {
        _orders[index] = _orders[--_count];
        _orders[_count] = default;
    }
}
