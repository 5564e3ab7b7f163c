using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Stops;

/// <summary>The coordinator next to a real <see cref="ExitEngine"/>: the adapter and the few lines of wiring the host needs.</summary>
public class EngineWiringTests
{
    [Fact]
    public void Engine_source_reports_amount_liquidation_mark_tick_and_settings()
    {
        var h = new EngineHarness();
        var source = new EngineStopLegSource(h.Engine);
        Assert.Equal("BTCUSDT", source.ExchangeSymbol(h.Btc));
        Assert.Same(h.Engine.Symbol(h.Btc).Settings.Risk.ProtectiveStop, source.Settings(h.Btc));

        var flat = source.Leg(h.Btc, PositionSide.Long);
        Assert.Equal(0m, flat.PositionAmount);
        Assert.Null(flat.LiquidationPrice);
        Assert.Null(flat.MarkPrice);

        h.Engine.OnPositionReport(new PositionReport
        {
            Symbol = h.Btc, Side = PositionSide.Long, Size = 0.01m, EntryPrice = 105m, LiquidationPrice = 100m, MarkPrice = 110m,
            AsOfMs = h.ExchangeTime, Source = PositionSource.Rest,
        }, h.Now, h.Out);
        var leg = source.Leg(h.Btc, PositionSide.Long);
        Assert.Equal(new StopLeg(PositionSide.Long, 0.01m, 100m, 110m, h.Engine.Symbol(h.Btc).Rules.TickSize), leg);
    }

    [Fact]
    public void Engine_position_update_flows_through_the_coordinator_to_one_placement()
    {
        var h = new EngineHarness();
        var stops = h.Engine.Stops;
        h.Engine.OnPositionReport(new PositionReport
        {
            Symbol = h.Btc, Side = PositionSide.Long, Size = 0.01m, EntryPrice = 105m, LiquidationPrice = 100m, MarkPrice = 110m,
            AsOfMs = h.ExchangeTime, Source = PositionSource.Rest,
        }, h.Now, h.Out);

        // The position change scheduled a sync inside the engine; its timer emits the scan once the debounce is over.
        h.Out.Clear();
        h.Engine.OnTimer(h.Now + 999, h.Out);
        Assert.DoesNotContain(h.Out.Commands.ToArray(), c => c.Kind == CommandKind.ScanStops); // position_update debounce: 1 s
        h.Engine.OnTimer(h.Now + 1000, h.Out);
        var scan = Assert.Single(h.Out.Commands.ToArray());
        Assert.Equal(CommandKind.ScanStops, scan.Kind);
        h.Out.Clear();

        h.Engine.OnStopScan(scan.Symbol, [], normalFetchFailed: false, h.Now + 1100, 1_764_000_000_123_456, h.Out);
        var place = Assert.Single(h.Out.Commands.ToArray());
        Assert.Equal(CommandKind.PlaceStop, place.Kind);
        Assert.Equal(101.1m, place.TriggerPrice);
        h.Out.Clear();
        h.Engine.OnStopCommandResult(place, StopCommandResult.Placed(31), h.Now + 1200, 1_764_000_000_223_456, h.Out);
        Assert.Empty(h.Out.Commands.ToArray());
        Assert.Equal(31, stops.Memory(h.Btc, PositionSide.Long).AlgoId);
        Assert.False(stops.IsSyncing(h.Btc));
    }

    [Fact]
    public void An_order_update_of_our_stop_becomes_a_stop_event()
    {
        var id = new ProtectiveStopIdentity("BTCUSDT", PositionSide.Short).CreateId(5, 6);
        var e = StopOrderEvent.From(new OrderUpdate
        {
            Symbol = 3, PositionSide = PositionSide.Short, Side = OrderSide.Buy, ClientOrderId = id, OrderId = 77,
            Status = OrderStatus.Expired, Kind = OrderKind.StopMarket, ClosePosition = true,
        });
        Assert.Equal(new StopOrderEvent(3, PositionSide.Short, OrderBook.Normal, 77, id, OrderKind.StopMarket, true, false, IsTerminal: true), e);
    }
}
