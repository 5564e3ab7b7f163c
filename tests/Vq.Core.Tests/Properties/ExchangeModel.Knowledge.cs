using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Properties;

/// <summary>
/// What the engine knew when it sent an order, and the -2022 check with user activity it could not have known
/// undone (the genuine race that P9 covers).
/// </summary>
internal sealed partial class ExchangeModel
{
    private readonly Dictionary<ClientOrderId, HashSet<ClientOrderId>> _knownAtSend = [];
    private readonly Dictionary<ClientOrderId, string> _sendState = [];
    private readonly List<ExternalFill> _externalFills = [];
    private readonly Dictionary<ClientOrderId, int> _sentAtFill = [];
    private readonly Dictionary<ClientOrderId, HashSet<ExternalFill>> _unseenAtSend = [];

    /// <summary>A fill of a user's order; the engine learns of it only when its message is delivered.</summary>
    private sealed class ExternalFill
    {
        public required Order Order;
        public required decimal Qty;
        public bool Delivered;
    }

    private decimal Reserved(PositionSide side, HashSet<ClientOrderId>? knownExternals = null)
    {
        var sum = 0m;
        foreach (var o in _open.Values)
        {
            if (o.Side == side && (knownExternals is null || o.Own || knownExternals.Contains(o.Cid)))
            {
                sum += o.Qty - o.Filled;
            }
        }

        return sum;
    }

    private decimal CounterfactualAllowance(EngineCommand c)
    {
        var known = _knownAtSend[c.ClientOrderId];
        var unseen = _unseenAtSend[c.ClientOrderId];
        var position = Position[(int)c.Side];
        var reserved = 0m;
        var addBack = new Dictionary<Order, decimal>();
        for (var i = 0; i < _externalFills.Count; i++)
        {
            var f = _externalFills[i];
            if (f.Order.Side != c.Side || (i < _sentAtFill[c.ClientOrderId] && !unseen.Contains(f)))
            {
                continue; // delivered before the send: the engine knew
            }

            position += f.Qty;
            addBack[f.Order] = addBack.GetValueOrDefault(f.Order) + f.Qty;
        }

        foreach (var o in _open.Values)
        {
            if (o.Side == c.Side && (o.Own || known.Contains(o.Cid)))
            {
                reserved += o.Qty - o.Filled + addBack.GetValueOrDefault(o);
            }
        }

        foreach (var (order, qty) in addBack)
        {
            if (!_open.ContainsKey(order.Cid) && known.Contains(order.Cid))
            {
                reserved += qty; // a known user order that filled completely after the send
            }
        }

        return _rules.FloorQty(position) - reserved;
    }
}
