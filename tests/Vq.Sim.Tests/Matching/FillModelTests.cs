using Vq.Sim.Matching;
using static Vq.Sim.Tests.Matching.EngineFixture;

namespace Vq.Sim.Tests.Matching;

public sealed class FillModelTests
{
    [Fact]
    public void Resting_sell_fills_fully_when_a_trade_prints_through_its_price()
    {
        var engine = WithLong();
        var order = engine.Place(Limit(qty: "0.050", price: "60010.0")).Value!.Final;
        engine.ApplyTrade("BTCUSDT", 60010.0m, 0.5m, buyerIsMaker: false);   // at the price: queue (depth 1) ahead absorbs it
        Assert.Equal(0m, engine.Query("BTCUSDT", order.OrderId, null).Value!.ExecutedQty);
        engine.ApplyTrade("BTCUSDT", 60010.1m, 0.001m, buyerIsMaker: false); // through the price
        var final = engine.Query("BTCUSDT", order.OrderId, null).Value!;
        Assert.Equal(OrderState.Filled, final.State);
        Assert.Equal(60010.0m, final.AvgPrice);
    }

    [Fact]
    public void Trades_on_the_wrong_side_never_fill_a_resting_order()
    {
        var engine = WithLong();
        var order = engine.Place(Limit(qty: "0.050", price: "60010.0")).Value!.Final;
        engine.ApplyTrade("BTCUSDT", 60020.0m, 5m, buyerIsMaker: true); // a seller hitting bids does not lift our ask
        Assert.Equal(0m, engine.Query("BTCUSDT", order.OrderId, null).Value!.ExecutedQty);
    }

    [Fact]
    public void At_the_touch_fills_only_after_the_displayed_queue_traded_then_partially()
    {
        var engine = WithLong();                                   // ask 60000.1 shows 3.000
        var order = engine.Place(Limit(qty: "0.500", price: "60000.1")).Value!.Final;
        engine.DrainEvents([]);
        engine.ApplyTrade("BTCUSDT", 60000.1m, 2.9m, buyerIsMaker: false);
        Assert.Equal(0m, engine.Query("BTCUSDT", order.OrderId, null).Value!.ExecutedQty);
        engine.ApplyTrade("BTCUSDT", 60000.1m, 0.3m, buyerIsMaker: false); // 0.1 of queue left, 0.2 for us
        engine.ApplyTrade("BTCUSDT", 60000.1m, 0.3m, buyerIsMaker: false); // 0.3 more → filled
        var events = OrderEvents(engine);
        Assert.Equal([ExecType.Trade, ExecType.Trade], events.Select(e => e.Exec));
        Assert.Equal([OrderState.PartiallyFilled, OrderState.Filled], events.Select(e => e.Order.State));
        Assert.Equal([0.2m, 0.3m], events.Select(e => e.LastQty));
        Assert.Equal([0.2m, 0.5m], events.Select(e => e.Order.ExecutedQty));
        Assert.All(events, e => Assert.True(e.Maker));
    }

    [Fact]
    public void Queue_ahead_shrinks_when_displayed_size_drops()
    {
        var engine = WithLong();
        var order = engine.Place(Limit(qty: "0.500", price: "60000.1")).Value!.Final;
        engine.ApplyQuote("BTCUSDT", 60000.0m, 2m, 60000.1m, 0.4m);  // cancels ahead of us
        engine.ApplyTrade("BTCUSDT", 60000.1m, 0.6m, buyerIsMaker: false);
        Assert.Equal(0.2m, engine.Query("BTCUSDT", order.OrderId, null).Value!.ExecutedQty);
    }

    [Fact]
    public void Book_moving_through_a_resting_order_fills_it()
    {
        var engine = WithLong();
        var order = engine.Place(Limit(qty: "0.050", price: "60010.0")).Value!.Final;
        engine.ApplyQuote("BTCUSDT", 60010.0m, 1m, 60010.1m, 1m);
        Assert.Equal(OrderState.Filled, engine.Query("BTCUSDT", order.OrderId, null).Value!.State);
    }

    [Fact]
    public void Crossing_order_takes_the_touch_then_walks_synthetic_depth()
    {
        var engine = Create(bidQty: 0.5m, depth: 0.2m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 2m, 60000m, 10, MarginMode.Cross);
        engine.DrainEvents([]);
        var result = engine.Place(Limit(qty: "0.900", price: "59999.8", tif: "IOC")).Value!.Final;
        var fills = engine.Ledger.Fills;
        Assert.Equal([60000.0m, 59999.9m, 59999.8m], fills.Select(f => f.Price));
        Assert.Equal([0.5m, 0.2m, 0.2m], fills.Select(f => f.Qty));
        Assert.All(fills, f => Assert.False(f.Maker));
        Assert.Equal(OrderState.Filled, result.State);
        Assert.Equal(53999.94m / 0.9m, result.AvgPrice);
    }

    [Fact]
    public void Ioc_remainder_expires_with_reason_2_and_market_with_9()
    {
        var engine = Create(bidQty: 0.5m, depth: 0.2m);
        engine.SetPosition("BTCUSDT", LegSide.Long, 2m, 60000m, 10, MarginMode.Cross);
        engine.DrainEvents([]);
        var ioc = engine.Place(Limit(qty: "1.000", price: "59999.9", tif: "IOC")).Value!.Final;
        Assert.Equal(OrderState.Expired, ioc.State);
        Assert.Equal(0.7m, ioc.ExecutedQty);
        Assert.Equal(2, ioc.ExpireReason);
        var events = OrderEvents(engine);
        Assert.Equal([ExecType.New, ExecType.Trade, ExecType.Trade, ExecType.Expired], events.Select(e => e.Exec));
    }

    [Fact]
    public void Close_fill_updates_leg_wallet_and_realized_pnl()
    {
        var engine = WithLong(qty: 1m, entry: 59000m);
        var wallet = engine.Account.WalletBalance;
        engine.Place(Limit(qty: "0.100", price: "60000.0", tif: "IOC"));
        var leg = engine.Account.FindLeg("BTCUSDT", LegSide.Long)!;
        Assert.Equal(0.9m, leg.Amount);
        var fill = Assert.Single(engine.Ledger.Fills);
        Assert.Equal(100m, fill.RealizedPnl);
        Assert.Equal(60000m * 0.1m * 0.0005m, fill.Commission);
        Assert.Equal(wallet + 100m - 3m, engine.Account.WalletBalance);
        var update = Drain(engine).OfType<AccountUpdate>().Single();
        Assert.Equal("ORDER", update.Reason);
        Assert.Equal(0.9m, Assert.Single(update.Legs).SignedAmount);
    }

    [Fact]
    public void Opening_fill_averages_entry_price()
    {
        var engine = WithLong(qty: 1m, entry: 59000m);
        engine.Place(Limit(side: "BUY", qty: "1.000", price: "60000.1", tif: "IOC"));
        Assert.Equal(59500.05m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.EntryPrice);
    }

    [Fact]
    public void Close_never_flips_the_leg_when_the_position_shrank_meanwhile()
    {
        var engine = WithLong(qty: 0.5m);
        var resting = engine.Place(Limit(qty: "0.400", price: "60010.0")).Value!.Final;
        engine.SetPosition("BTCUSDT", LegSide.Long, 0.1m, 60000m, null, null);
        engine.ApplyTrade("BTCUSDT", 60010.1m, 1m, buyerIsMaker: false);
        var final = engine.Query("BTCUSDT", resting.OrderId, null).Value!;
        Assert.Equal(0.1m, final.ExecutedQty);
        Assert.Equal(OrderState.Expired, final.State);
        Assert.Equal(4, final.ExpireReason);
        Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Long)!.Amount);
        Assert.Equal(0m, engine.Account.FindLeg("BTCUSDT", LegSide.Short)?.Amount ?? 0m);
    }

    [Fact]
    public void Modify_requeues_cancels_on_gtx_cross_and_on_qty_at_or_below_executed()
    {
        var engine = WithLong();
        var order = engine.Place(Limit(qty: "0.500", price: "60000.1", tif: "GTX")).Value!.Final;
        engine.ApplyTrade("BTCUSDT", 60000.1m, 3.2m, buyerIsMaker: false); // 0.2 filled
        engine.DrainEvents([]);
        var amended = engine.Modify(new ModifyRequest { Symbol = "BTCUSDT", OrderId = order.OrderId.ToString(), Side = "SELL", Quantity = "0.400", Price = "60000.2" });
        Assert.True(amended.Ok);
        Assert.Equal(ExecType.Amendment, OrderEvents(engine).Single().Exec);
        Assert.Equal(1m, engine.Query("BTCUSDT", order.OrderId, null).Value!.QueueAhead); // behind a fresh synthetic level
        var noChange = engine.Modify(new ModifyRequest { Symbol = "BTCUSDT", OrderId = order.OrderId.ToString(), Side = "SELL", Quantity = "0.400", Price = "60000.2" });
        Assert.Equal(-5027, noChange.Error!.Value.Code);
        var crossing = engine.Modify(new ModifyRequest { Symbol = "BTCUSDT", OrderId = order.OrderId.ToString(), Side = "SELL", Quantity = "0.400", Price = "60000.0" });
        Assert.Equal(OrderState.Canceled, crossing.Value!.State);

        var second = engine.Place(Limit(qty: "0.500", price: "60000.1")).Value!.Final;
        engine.ApplyTrade("BTCUSDT", 60000.1m, 3.2m, buyerIsMaker: false);
        var shrunk = engine.Modify(new ModifyRequest { Symbol = "BTCUSDT", OrderId = second.OrderId.ToString(), Side = "SELL", Quantity = "0.200", Price = "60000.1" });
        Assert.Equal(OrderState.Canceled, shrunk.Value!.State);
        var badTick = engine.Modify(new ModifyRequest { Symbol = "BTCUSDT", OrderId = second.OrderId.ToString(), Side = "SELL", Quantity = "0.300", Price = "60000.15" });
        Assert.Equal(-2013, badTick.Error!.Value.Code);
    }

    [Fact]
    public void Mark_follows_the_mid()
    {
        var engine = Create();
        engine.ApplyQuote("BTCUSDT", 61000.0m, 1m, 61000.2m, 1m);
        Assert.Equal(61000.1m, engine.Book("BTCUSDT")!.Mark);
    }
}
