using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Properties;

/// <summary>
/// A small, adversarial model of the exchange for property tests: it executes the engine's commands, fills orders,
/// adds external close orders, and delivers every resulting message late, out of order and sometimes twice. It checks
/// Binance's -2022 rule against its own truth every time an order arrives, and counts violations.
/// </summary>
internal sealed partial class ExchangeModel
{
    private readonly Random _rng;
    private readonly ExitEngine _engine;
    private readonly EngineOutput _out;
    private readonly int _symbol;
    private readonly SymbolRules _rules;
    private readonly List<(Action Deliver, ClientOrderId Stream)> _inbox = [];
    private readonly Queue<EngineCommand> _commands = new();
    private readonly Dictionary<ClientOrderId, Order> _open = [];
    private readonly Dictionary<ClientOrderId, (Order Order, OrderStatus Status)> _all = [];
    private long _nextOrderId = 1000;
    private long _nextTradeId = 1;
    private int _externalSeq;

    public ExchangeModel(int seed, ExitEngine engine, EngineOutput output, int symbol, SymbolRules rules, decimal longSize, decimal shortSize)
    {
        _rng = new Random(seed);
        _engine = engine;
        _out = output;
        _symbol = symbol;
        _rules = rules;
        Position[0] = longSize;
        Position[1] = shortSize;
    }

    public decimal[] Position { get; } = new decimal[2];
    public long ExchangeTime { get; private set; } = 1_700_000_000_000;
    public long Now { get; private set; } = 10_000;
    public decimal Bid { get; private set; } = 100m;
    public List<string> Violations { get; } = [];
    public decimal[] OwnFilled { get; } = new decimal[2];
    public int MessagesDelivered { get; private set; }

    /// <summary>Every order the engine sent, in order.</summary>
    public List<EngineCommand> Placed { get; } = [];

    private sealed class Order
    {
        public required ClientOrderId Cid;
        public required long OrderId;
        public required PositionSide Side;
        public required decimal Qty;
        public required decimal Price;
        public decimal Filled;
        public bool Own;
        /// <summary>External orders count against the engine only once it has been told they exist.</summary>
        public bool Announced;
    }

    public void Start()
    {
        for (var side = 0; side < 2; side++)
        {
            var s = (PositionSide)side;
            var size = Position[side];
            _engine.OnPositionReport(new PositionReport { Symbol = _symbol, Side = s, Size = size, EntryPrice = 100m, Leverage = 5m, AsOfMs = ExchangeTime, Source = PositionSource.Rest }, Now, _out);
        }

        Book();
        Drain();
    }

    /// <summary>One random step of the world.</summary>
    public void Step()
    {
        switch (_rng.Next(10))
        {
            case 0:
            case 1:
                Now += _rng.Next(1, 400);
                Book();
                _engine.OnTimer(Now, _out);
                break;
            case 2:
            case 3:
            case 4:
                DeliverOne();
                break;
            case 5:
            case 6:
                ExecuteCommand();
                break;
            case 7:
                FillSomething();
                break;
            case 8:
                ExternalOrder();
                break;
            default:
                Now += _rng.Next(1, 50);
                Bid = Math.Max(1m, Bid + _rng.Next(-3, 4) * _rules.TickSize);
                Book();
                break;
        }

        Drain();
    }

    /// <summary>Delivers everything still in flight (and executes every command) until the world is quiet.</summary>
    public void Settle()
    {
        for (var guard = 0; guard < 100_000 && (_inbox.Count > 0 || _commands.Count > 0); guard++)
        {
            if (_commands.Count > 0)
            {
                ExecuteCommand();
            }
            else
            {
                DeliverOne();
            }

            Drain();
        }
    }

    private void Book()
    {
        ExchangeTime++;
        _engine.OnBookTick(new Market.BookTick(_symbol, Bid, 1m, Bid + _rules.TickSize, 1m, ExchangeTime, Now), _out);
    }

    /// <summary>Collects the engine's commands, checking what can be checked at emission time.</summary>
    private void Drain()
    {
        foreach (var c in _out.Commands)
        {
            if (c.Kind == CommandKind.PlaceOrder)
            {
                Placed.Add(c);
                if (!Rounding.IsAligned(c.Price, _rules.TickSize) || !Rounding.IsAligned(c.Qty, _rules.StepSize) || c.Qty <= 0m)
                {
                    Violations.Add($"unaligned order {c.Price} x {c.Qty}");
                }

                var market = _engine.Symbol(_symbol).Market;
                if (c.TimeInForce == TimeInForce.Gtx)
                {
                    var passive = c.OrderSide == OrderSide.Sell ? c.Price > market.BestBid : c.Price < market.BestAsk;
                    if (!passive)
                    {
                        Violations.Add($"maker price {c.Price} crosses book {market.BestBid}/{market.BestAsk}");
                    }
                }

                if (c.OrderSide != c.Side.CloseSide())
                {
                    Violations.Add("an order that would open or increase a position");
                }

                // User orders announced after this order was sent are a genuine race (the P9 fallback), not a bug.
                var known = new HashSet<ClientOrderId>();
                foreach (var o in _open.Values)
                {
                    if (!o.Own && o.Announced)
                    {
                        known.Add(o.Cid);
                    }
                }

                _knownAtSend[c.ClientOrderId] = known;
                _unseenAtSend[c.ClientOrderId] = _externalFills.Where(f => !f.Delivered).ToHashSet();
                _sentAtFill[c.ClientOrderId] = _externalFills.Count;
                var legAtSend = _engine.Symbol(_symbol).Leg(c.Side);
                var bookAtSend = string.Join(",", Enumerable.Range(0, legAtSend.Orders.Count).Select(k => $"{legAtSend.Orders[k].ClientOrderId}:{legAtSend.Orders[k].Remaining}"));
                _sendState[c.ClientOrderId] = $"at send: size {legAtSend.Position.Size} eff {legAtSend.Position.EffectiveSize} book [{bookAtSend}] exch pos {Position[(int)c.Side]} open [{string.Join(",", _open.Values.Where(o => o.Side == c.Side).Select(o => $"{o.Cid}:{o.Qty - o.Filled}{(o.Announced ? "a" : "")}"))}]";
            }

            _commands.Enqueue(c);
        }

        _out.Clear();
    }

    private void DeliverOne()
    {
        if (_inbox.Count == 0)
        {
            return;
        }

        var i = _rng.Next(_inbox.Count);
        var stream = _inbox[i].Stream;
        if (!stream.IsEmpty)
        {
            // Binance orders one order's user-data events (same type, one connection): take that order's oldest.
            i = _inbox.FindIndex(m => m.Stream == stream);
        }

        var message = _inbox[i].Deliver;
        _inbox.RemoveAt(i);
        if (_rng.Next(8) == 0)
        {
            _inbox.Add((message, default)); // delivered again later, in any order: a duplicate
        }

        MessagesDelivered++;
        message();
    }

    private void ExecuteCommand()
    {
        if (_commands.Count == 0)
        {
            return;
        }

        var c = _commands.Dequeue();
        switch (c.Kind)
        {
            case CommandKind.PlaceOrder:
                Place(c);
                break;
            case CommandKind.CancelOrder:
            case CommandKind.CancelStray:
                Cancel(c);
                break;
            case CommandKind.QueryOrder:
                // Like Binance, finished orders stay queryable (only never-created ones are -2013).
                var found = _all.TryGetValue(c.ClientOrderId, out var known);
                var status = !found ? OrderStatus.New : _open.ContainsKey(c.ClientOrderId) ? (known.Order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New) : known.Status;
                var result = found
                    ? new QueryResult(c.ClientOrderId, QueryOutcome.Found, known.Order.OrderId, status, known.Order.Filled)
                    : new QueryResult(c.ClientOrderId, QueryOutcome.NotFound);
                _inbox.Add((() => _engine.OnQueryResult(c.Symbol, c.Side, result, Now, _out), default));
                break;
            case CommandKind.InspectSymbol:
                var rows = new List<OrderUpdate>();
                foreach (var open in _open.Values)
                {
                    rows.Add(Update(open, OrderStatus.New, 0m, 0));
                }

                // P9: the inspection reads positions and open orders together, as of one moment.
                var snapshot = rows.ToArray();
                var takenAt = ExchangeTime;
                var longRow = new PositionReport { Symbol = _symbol, Side = PositionSide.Long, Size = Position[0], EntryPrice = 100m, AsOfMs = takenAt, Source = PositionSource.Rest };
                var shortRow = new PositionReport { Symbol = _symbol, Side = PositionSide.Short, Size = Position[1], EntryPrice = 100m, AsOfMs = takenAt, Source = PositionSource.Rest };
                _inbox.Add((() =>
                {
                    _engine.OnPositionReport(longRow, Now, _out);
                    _engine.OnPositionReport(shortRow, Now, _out);
                    _engine.OnOpenOrdersSnapshot(_symbol, snapshot, takenAt, Now, _out);
                }, default));
                break;
        }
    }

    private void FillSomething()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var orders = _open.Values.ToList();
        var order = orders[_rng.Next(orders.Count)];
        var remaining = order.Qty - order.Filled;
        var steps = (int)(remaining / _rules.StepSize);
        var qty = _rng.Next(3) == 0 ? remaining : _rules.StepSize * _rng.Next(1, steps + 1);
        order.Filled += qty;
        var side = (int)order.Side;
        Position[side] -= qty;
        if (order.Own)
        {
            OwnFilled[side] += qty;
        }

        ExchangeTime++;
        var status = order.Filled >= order.Qty ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (status == OrderStatus.Filled)
        {
            _open.Remove(order.Cid);
            _all[order.Cid] = (order, OrderStatus.Filled);
        }

        var fill = Update(order, status, qty, _nextTradeId++);
        var account = new PositionReport { Symbol = _symbol, Side = order.Side, Size = Position[side], EntryPrice = 100m, AsOfMs = ExchangeTime, Source = PositionSource.Stream };
        ExternalFill? external = order.Own ? null : new ExternalFill { Order = order, Qty = qty };
        if (external is not null)
        {
            _externalFills.Add(external);
        }

        // The engine learns of the fill from either message, whichever comes first.
        _inbox.Add((() =>
        {
            external?.Delivered = true;
            _engine.OnOrderUpdate(fill, Now, _out);
        }, fill.ClientOrderId));
        _inbox.Add((() =>
        {
            external?.Delivered = true;
            _engine.OnPositionReport(account, Now, _out);
        }, default));
    }

    private void ExternalOrder()
    {
        var side = (PositionSide)_rng.Next(2);
        var allowed = _rules.FloorQty(Position[(int)side]) - Reserved(side);
        if (allowed < _rules.MinQty)
        {
            return;
        }

        var qty = _rules.StepSize * _rng.Next(1, (int)(allowed / _rules.StepSize) + 1);
        var order = new Order
        {
            Cid = ClientOrderId.Parse($"ios-{++_externalSeq}"),
            OrderId = _nextOrderId++,
            Side = side,
            Qty = qty,
            Price = Bid + 50m,
        };
        _open[order.Cid] = order;
        ExchangeTime++;
        var created = Update(order, OrderStatus.New, 0m, 0);
        _inbox.Add((() =>
        {
            order.Announced = true;
            _engine.OnOrderUpdate(created, Now, _out);
        }, created.ClientOrderId));
        if (_rng.Next(2) == 0)
        {
            // The user changes their mind a little later.
            _inbox.Add((() => _commands.Enqueue(new EngineCommand { Kind = CommandKind.CancelStray, Symbol = _symbol, Side = side, ClientOrderId = order.Cid, OrderId = order.OrderId }), default));
        }
    }

    private OrderUpdate Update(Order order, OrderStatus status, decimal lastQty, long tradeId) => new()
    {
        Symbol = _symbol,
        PositionSide = order.Side,
        Side = order.Side.CloseSide(),
        ClientOrderId = order.Cid,
        OrderId = order.OrderId,
        Status = status,
        OrigQty = order.Qty,
        Price = order.Price,
        CumFilledQty = order.Filled,
        AvgPrice = order.Filled > 0 ? order.Price : 0m,
        LastFillQty = lastQty,
        LastFillPrice = lastQty > 0 ? order.Price : 0m,
        TradeId = tradeId,
        IsMaker = tradeId % 2 == 0,
        TransactionTimeMs = ExchangeTime,
    };
}
