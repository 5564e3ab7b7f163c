using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Tests.Support;

/// <summary>One leg's executor with the SPEC §9 conventions: tick 0.1, step 0.001, minQty 0.001, minNotional 5.</summary>
internal sealed class LegHarness
{
    public static readonly SymbolRules BtcRules = new("BTCUSDT", 0.1m, 0.001m, 0.001m, 5m);

    public LegHarness(PositionSide side = PositionSide.Long, ExecutionSettings? settings = null, IOrderRateGate? gate = null, SymbolRules? rules = null, string runId = "0123456789")
    {
        Ids = new ClientOrderIdFactory(runId, 42);
        Book = new LegOrderBook();
        Position = new LegPosition();
        Leg = new LegExecutor(0, side, rules ?? BtcRules, settings ?? new ExecutionSettings(), Position, Book, Ids, gate ?? UnlimitedRateGate.Instance);
    }

    public LegPosition Position { get; }

    private long _asOf;

    /// <summary>Sets the leg's position, and blocks part of it with an external close order when a budget is asked for.</summary>
    private void SetPosition(decimal position, decimal? budget)
    {
        if (Position.Size != position)
        {
            Position.Apply(position, 50000m, 0m, ++_asOf, out _);
        }

        if (budget is { } b && position - Book.ReservedQty > b)
        {
            Book.Apply(new OrderUpdate
            {
                Symbol = 0,
                PositionSide = Leg.Side,
                Side = Leg.Side.CloseSide(),
                ClientOrderId = ClientOrderId.Parse("manual-" + _asOf),
                OrderId = 900 + _asOf,
                Status = OrderStatus.New,
                OrigQty = position - Book.ReservedQty - b,
            }, OrderOwner.External);
        }
    }

    public ClientOrderIdFactory Ids { get; }
    public LegOrderBook Book { get; }
    public LegExecutor Leg { get; }
    public EngineOutput Out { get; } = new();

    public SliceRequest Request(decimal position = 0.1m, decimal bid = 50000m, decimal ask = 50001m, string reason = "long_primary", bool isRisk = false, decimal panicRatio = 0m, decimal? budget = null)
    {
        SetPosition(position, budget);
        return new()
        {
            Reason = reason,
            IsRisk = isRisk,
            Bid = bid,
            Ask = ask,
            LastTradePrice = bid,
            RoiMult = 1,
            AccelMult = 1,
            PanicSliceRatio = panicRatio,
        };
    }

    public EngineCommand Place(long now, decimal position = 0.1m, decimal bid = 50000m, decimal ask = 50001m, bool isRisk = false)
    {
        Out.Clear();
        Assert.Equal(SliceDecision.Placed, Leg.TryBeginSlice(Request(position, bid, ask, isRisk: isRisk), now, Out));
        return Single(CommandKind.PlaceOrder);
    }

    public void Ack(EngineCommand place, long now, long orderId = 123, OrderStatus status = OrderStatus.New, decimal executed = 0m)
    {
        Leg.OnPlaceResult(new PlaceResult(place.ClientOrderId, PlaceOutcome.Accepted, orderId, status, executed, executed > 0 ? place.Price : 0m), 50000m, 50001m, now, Out);
    }

    public OrderUpdate Update(EngineCommand place, OrderStatus status, decimal cum = 0m, long orderId = 123) => new()
    {
        Symbol = 0,
        PositionSide = Leg.Side,
        Side = Leg.Side.CloseSide(),
        ClientOrderId = place.ClientOrderId,
        OrderId = orderId,
        Status = status,
        OrigQty = place.Qty,
        Price = place.Price,
        CumFilledQty = cum,
        AvgPrice = cum > 0 ? place.Price : 0m,
    };

    public EngineCommand Single(CommandKind kind)
    {
        EngineCommand? found = null;
        foreach (var c in Out.Commands)
        {
            if (c.Kind == kind)
            {
                Assert.Null(found);
                found = c;
            }
        }

        Assert.NotNull(found);
        return found.Value;
    }

    public int Count(CommandKind kind)
    {
        var n = 0;
        foreach (var c in Out.Commands)
        {
            if (c.Kind == kind)
            {
                n++;
            }
        }

        return n;
    }

    public bool HasEvent(EngineEventKind kind, string? reason = null)
    {
        foreach (var e in Out.Events)
        {
            if (e.Kind == kind && (reason is null || e.Reason == reason))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A rate gate with scripted answers.</summary>
internal sealed class ScriptedGate : IOrderRateGate
{
    public bool AllowPlace { get; set; } = true;
    public bool AllowCancel { get; set; } = true;
    public int PlaceAsks { get; private set; }
    public int CancelAsks { get; private set; }

    public bool TryAcquirePlace(long nowMs)
    {
        PlaceAsks++;
        return AllowPlace;
    }

    public bool TryAcquireCancel(long nowMs)
    {
        CancelAsks++;
        return AllowCancel;
    }
}
