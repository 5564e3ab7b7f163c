using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Engine;

/// <summary>Positions (§5.3, D13, §9.16), the reduce budget (D21), P9 inspections and fills counted once (D10).</summary>
public class PositionAndBudgetTests
{
    private static EngineHarness Flatten() =>
        new(new GlobalSettings { Execution = new ExecutionSettings { RepostCooldownMs = 1, BaseLotMult = 100, MaxMult = 100, MaxOrderNotional = 0m } }, gate: ExitGate.Always);

    private static OrderUpdate External(EngineHarness h, decimal qty, OrderStatus status = OrderStatus.New, string id = "ios-abc123", long orderId = 9001) => new()
    {
        Symbol = h.Btc,
        PositionSide = PositionSide.Long,
        Side = OrderSide.Sell,
        ClientOrderId = ClientOrderId.Parse(id),
        OrderId = orderId,
        Status = status,
        OrigQty = qty,
        Price = 60000m,
    };

    [Fact] // #136
    public void An_increase_after_startup_is_an_open_alert_but_not_before_and_not_a_decrease()
    {
        var h = new EngineHarness();
        h.Engine.PositionsReady = false;
        h.Position(PositionSide.Short, 1.2m, source: PositionSource.Stream);
        Assert.Empty(h.Events(EngineEventKind.OpenAlert));
        h.Engine.PositionsReady = true;
        h.Position(PositionSide.Short, 1.0m, source: PositionSource.Stream, asOf: h.ExchangeTime + 1);
        Assert.Empty(h.Events(EngineEventKind.OpenAlert));
        h.Position(PositionSide.Long, 0.5m, source: PositionSource.Stream, asOf: h.ExchangeTime + 2);
        var alert = Assert.Single(h.Events(EngineEventKind.OpenAlert));
        Assert.Equal(PositionSide.Long, alert.Side);
        Assert.Equal(0.5m, alert.Value);
        Assert.Equal(0m, alert.Value2);
    }

    [Fact] // D13
    public void An_older_snapshot_never_overwrites_a_newer_stream_update()
    {
        var h = new EngineHarness();
        h.Position(PositionSide.Long, 1m, source: PositionSource.Stream, asOf: 2000);
        h.Position(PositionSide.Long, 2m, liq: 40000m, source: PositionSource.Rest, asOf: 1500);
        var position = h.Leg(PositionSide.Long).Position;
        Assert.Equal(1m, position.Size);
        Assert.Equal(40000m, position.LiquidationPrice); // liquidation price is REST-only and always taken
        h.Position(PositionSide.Long, 0.8m, source: PositionSource.Rest, asOf: 2500);
        Assert.Equal(0.8m, position.Size);
    }

    [Fact] // a position change requests a stop sync; zero cancels the run's working order (§5.3 step 3)
    public void Flat_leg_cancels_the_runs_order_and_syncs_stops()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.01m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        h.Out.Clear();
        h.Position(PositionSide.Long, 0m, source: PositionSource.Stream, asOf: h.ExchangeTime + 5);
        var cancel = Assert.Single(h.Commands(CommandKind.CancelStray));
        Assert.Equal(place.ClientOrderId, cancel.ClientOrderId);
        Assert.Equal("position_zero", cancel.Reason);
        Assert.NotNull(h.Engine.Stops.NextDueAtMs); // a stop sync is scheduled (debounced, P18)
        Assert.Single(h.Events(EngineEventKind.LegDone));
    }

    [Fact] // D21: an external close order covering the position blocks the leg, vq says so once, and frees on cancel
    public void External_close_orders_block_the_leg_until_they_go()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.01m);
        h.Engine.OnOrderUpdate(External(h, 0.01m), h.Now, h.Out);
        h.Book(60000m, 60000.1m);
        h.Timer();
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        var blocked = Assert.Single(h.Events(EngineEventKind.LegBlocked));
        Assert.Equal(0.01m, blocked.Value); // all of it external
        h.Out.Clear();
        h.Engine.OnOrderUpdate(External(h, 0.01m, OrderStatus.Canceled), h.Now, h.Out);
        Assert.Single(h.Events(EngineEventKind.LegUnblocked));
        h.Timer();
        Assert.Equal(0.01m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
    }

    [Fact] // D21: a partial external order leaves the rest to close
    public void A_slice_never_exceeds_the_position_minus_resting_close_orders()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.01m);
        h.Engine.OnOrderUpdate(External(h, 0.004m), h.Now, h.Out);
        h.Book(60000m, 60000.1m);
        Assert.Equal(0.006m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
    }

    [Fact] // #101 and P9: -2022 → inspection; a snapshot that shows no block releases at once
    public void Reduce_only_reject_inspects_and_only_relevant_orders_block()
    {
        var h = Flatten();
        h.Position(PositionSide.Short, 0.003m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Out.Clear();
        h.Engine.OnPlaceResult(h.Btc, PositionSide.Short, new PlaceResult(place.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -2022), h.Now, h.Out);
        Assert.Single(h.Commands(CommandKind.InspectSymbol));
        h.Now += 200;
        h.Out.Clear();
        h.Timer();
        Assert.Empty(h.Commands(CommandKind.PlaceOrder)); // waiting for the inspection
        OrderUpdate Row(PositionSide ps, OrderSide side, decimal qty, long id) => new()
        {
            Symbol = h.Btc, PositionSide = ps, Side = side, ClientOrderId = ClientOrderId.Parse("manual-" + id), OrderId = id,
            Status = OrderStatus.New, OrigQty = qty, Price = 60000m,
        };
        OrderUpdate[] snapshot =
        [
            Row(PositionSide.Long, OrderSide.Buy, 0.001m, 1),
            Row(PositionSide.Short, OrderSide.Sell, 0.003m, 2),
            Row(PositionSide.Short, OrderSide.Buy, 0.001m, 3),
        ];
        h.Engine.OnOpenOrdersSnapshot(h.Btc, snapshot, h.ExchangeTime, h.Now, h.Out);
        Assert.Empty(h.Events(EngineEventKind.LegBlocked));
        h.Timer();
        Assert.Equal(0.002m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
    }

    [Fact] // #100: a latched leg makes no REST call before its recheck and releases when the blockers are gone
    public void Latched_leg_waits_for_the_recheck()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.003m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Engine.OnPlaceResult(h.Btc, PositionSide.Long, new PlaceResult(place.ClientOrderId, PlaceOutcome.Rejected, ErrorCode: -4118), h.Now, h.Out);
        var blocker = External(h, 0.003m);
        h.Engine.OnOpenOrdersSnapshot(h.Btc, [blocker], h.ExchangeTime, h.Now, h.Out);
        Assert.Single(h.Events(EngineEventKind.LegBlocked));
        h.Out.Clear();
        h.Now += 1500;
        h.Book(60000m, 60000.1m);
        h.Timer();
        Assert.Empty(h.Commands(CommandKind.InspectSymbol)); // no REST call before the recheck time
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        h.Now += 1500;
        h.Book(60000m, 60000.1m);
        Assert.Single(h.Commands(CommandKind.InspectSymbol));
        h.Timer();
        Assert.Single(h.Commands(CommandKind.InspectSymbol)); // one inspection in flight, not one per pass
        h.Engine.OnOpenOrdersSnapshot(h.Btc, [], h.ExchangeTime + 1, h.Now, h.Out);
        Assert.Contains(h.Events(EngineEventKind.LegUnblocked), e => e.Reason == "reduce_only_block_released");
        h.Timer();
        Assert.Single(h.Commands(CommandKind.PlaceOrder));
    }

    [Fact] // D10: a fill delivered twice is counted once; close fills count against the budget before the position moves
    public void Fills_are_counted_once_by_trade_id_and_reduce_the_budget_at_once()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.01m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        var fill = h.Update(place, OrderStatus.Filled, place.Qty, place.Qty, tradeId: 77) with { TransactionTimeMs = h.ExchangeTime + 10 };
        h.Engine.OnOrderUpdate(fill, h.Now, h.Out);
        h.Engine.OnOrderUpdate(fill, h.Now, h.Out);
        var leg = h.Leg(PositionSide.Long);
        Assert.Equal(place.Qty, leg.Stats.FilledQty);
        Assert.Single(h.Events(EngineEventKind.OrderFill));
        Assert.Equal(0m, leg.Position.EffectiveSize);
        // The account update that reflects the fill settles it without double counting.
        h.Position(PositionSide.Long, 0m, source: PositionSource.Stream, asOf: h.ExchangeTime + 10);
        Assert.Equal(0m, leg.Position.EffectiveSize);
    }

    [Fact] // D10 across an outage: a fill recovered by REST and the same trade on the stream count once, in either order
    public void Recovered_fills_are_counted_once_with_their_stream_twins_and_only_for_own_orders()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 0.01m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        var leg = h.Leg(PositionSide.Long);
        var half = place.Qty / 2m;
        var first = h.Update(place, OrderStatus.PartiallyFilled, half, half, tradeId: 91) with { IsMaker = true, Commission = 0.01m };
        Assert.True(h.Engine.OnRecoveredFill(first, h.Now, h.Out));
        Assert.False(h.Engine.OnRecoveredFill(first, h.Now, h.Out));
        h.Engine.OnOrderUpdate(first, h.Now, h.Out); // the stream's copy arrives late: not counted again
        var second = h.Update(place, OrderStatus.Filled, place.Qty, half, tradeId: 92);
        h.Engine.OnOrderUpdate(second, h.Now, h.Out);
        Assert.False(h.Engine.OnRecoveredFill(second, h.Now, h.Out)); // already seen on the stream
        Assert.Equal(place.Qty, leg.Stats.FilledQty);
        Assert.Equal(2, leg.Stats.Fills);
        Assert.Equal(half, leg.Stats.MakerQty);
        Assert.Equal(0.01m, leg.Stats.Fees);
        Assert.Contains(h.Events(EngineEventKind.OrderFill), e => e.Reason == "recovered" && e.TradeId == 91);

        var external = first with { ClientOrderId = ClientOrderId.Parse("ios_123"), TradeId = 93 };
        Assert.False(h.Engine.OnRecoveredFill(external, h.Now, h.Out));
        Assert.Equal(2, leg.Stats.Fills);
    }

    [Fact] // D5 helper: leftovers of an earlier run are recognised, stops and this run's ids are not
    public void Leftover_ids_are_other_runs_vq_orders_only()
    {
        var ids = new ClientOrderIdFactory("0123456789", 1);
        var mine = ids.Next();
        Assert.True(ids.IsOwn(mine));
        Assert.False(ids.IsLeftover(mine));
        Assert.True(ids.IsLeftover(ClientOrderId.Parse("vq-abcdefabcd-00000000010123456789ab")));
        Assert.False(ids.IsLeftover(ClientOrderId.Parse("vq-ps-btcusdt-L-1234560001")));
        Assert.False(ids.IsLeftover(ClientOrderId.Parse("manual-1")));
    }

    [Fact] // hot reload: a working order keeps its settings; new orders get the new ones at the next idle point
    public void Reload_applies_at_the_next_idle_point()
    {
        var h = Flatten();
        h.Position(PositionSide.Long, 1m);
        h.Book(60000m, 60000.1m);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place);
        var reloaded = new ExecutionSettings { OrderTtlMs = 100_000, RepostCooldownMs = 1, BaseLotMult = 1, MaxOrderNotional = 0m };
        h.Engine.Reload(h.Global, s => new SymbolSettings { Symbol = s, Execution = reloaded });
        h.Out.Clear();
        h.Now += 800; // the old 800 ms TTL still applies to the working order
        h.Timer();
        Assert.Single(h.Commands(CommandKind.CancelOrder));
        h.Engine.OnOrderUpdate(h.Update(place, OrderStatus.Canceled), h.Now, h.Out);
        h.Now += 10;
        h.Out.Clear();
        h.Timer();
        Assert.Equal(0.001m, Assert.Single(h.Commands(CommandKind.PlaceOrder)).Qty);
        Assert.Same(reloaded, h.Leg(PositionSide.Long).Executor.Settings);
    }
}
