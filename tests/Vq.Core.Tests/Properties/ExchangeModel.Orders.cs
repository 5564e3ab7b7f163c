using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Properties;

/// <summary>The engine's placements and cancels arriving at the model exchange.</summary>
internal sealed partial class ExchangeModel
{
    private void Place(EngineCommand c)
    {
        var side = (int)c.Side;
        var allowed = _rules.FloorQty(Position[side]) - Reserved(c.Side);
        if (c.Qty > allowed)
        {
            // User activity the engine had not heard of when it sent this order is a genuine race (the P9 fallback):
            // undo it and check again. What remains is the engine's own arithmetic, which must never be wrong.
            if (c.Qty > CounterfactualAllowance(c))
            {
                var leg = _engine.Symbol(_symbol).Leg(c.Side);
                var detail = string.Join(",", _open.Values.Where(o => o.Side == c.Side).Select(o => $"{o.Cid}:{o.Qty - o.Filled}{(o.Own ? "own" : o.Announced ? "ext" : "hidden")}"));
                Violations.Add($"-2022: {c.Side} order {c.Qty} with position {Position[side]} and {Reserved(c.Side)} resting [{detail}] engine size {leg.Position.Size} eff {leg.Position.EffectiveSize} reserved {leg.Orders.ReservedQty} count {leg.Orders.Count}; {_sendState[c.ClientOrderId]}");
            }

            _inbox.Add((() => _engine.OnPlaceResult(c.Symbol, c.Side, new PlaceResult(c.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -2022), Now, _out), default));
            return;
        }

        var roll = _rng.Next(20);
        if (roll == 0 && c.TimeInForce == TimeInForce.Gtx)
        {
            _inbox.Add((() => _engine.OnPlaceResult(c.Symbol, c.Side, new PlaceResult(c.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -5022), Now, _out), default));
            return;
        }

        if (roll == 1)
        {
            _inbox.Add((() => _engine.OnPlaceResult(c.Symbol, c.Side, new PlaceResult(c.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -1111), Now, _out), default));
            return;
        }

        var order = new Order { Cid = c.ClientOrderId, OrderId = _nextOrderId++, Side = c.Side, Qty = c.Qty, Price = c.Price, Own = true };
        _open[c.ClientOrderId] = order;
        _all[c.ClientOrderId] = (order, OrderStatus.New);
        ExchangeTime++;
        var placeResult = roll == 2
            ? new PlaceResult(c.ClientOrderId, PlaceOutcome.Unknown, ErrorCode: 503)
            : new PlaceResult(c.ClientOrderId, PlaceOutcome.Accepted, order.OrderId, OrderStatus.New);
        _inbox.Add((() => _engine.OnPlaceResult(c.Symbol, c.Side, placeResult, Now, _out), default));
        var created = Update(order, OrderStatus.New, 0m, 0);
        _inbox.Add((() => _engine.OnOrderUpdate(created, Now, _out), created.ClientOrderId));
    }

    private void Cancel(EngineCommand c)
    {
        if (!_open.Remove(c.ClientOrderId, out var order))
        {
            if (c.Kind == CommandKind.CancelOrder)
            {
                _inbox.Add((() => _engine.OnCancelResult(c.Symbol, c.Side, new CancelResult(c.ClientOrderId, CancelOutcome.UnknownOrder, ErrorCode: -2011), Now, _out), default));
            }

            return;
        }

        ExchangeTime++;
        _all[order.Cid] = (order, OrderStatus.Canceled);
        if (c.Kind == CommandKind.CancelOrder)
        {
            var filled = order.Filled;
            _inbox.Add((() => _engine.OnCancelResult(c.Symbol, c.Side, new CancelResult(c.ClientOrderId, CancelOutcome.Accepted, filled), Now, _out), default));
        }

        var canceled = Update(order, OrderStatus.Canceled, 0m, 0);
        _inbox.Add((() => _engine.OnOrderUpdate(canceled, Now, _out), canceled.ClientOrderId));
    }
}
