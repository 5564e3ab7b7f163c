using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Market;
using Vq.Core.Primitives;
using Vq.Core.Signals;
using Vq.Core.Tests.Support;

namespace Vq.Core.Tests.Engine;

/// <summary>SPEC §9.2–§9.5: market state, readiness, staleness, triggers, throttle, multipliers.</summary>
public class MarketAndSignalTests
{
    [Fact] // #14
    public void A_book_alone_is_not_ready()
    {
        var state = new MarketState("BTCUSDT");
        state.Apply(new BookTick(0, 50000m, 1m, 50001m, 1m, 0, 10));
        Assert.False(state.IsReady);
    }

    [Fact] // #16
    public void Every_trade_shifts_prev_even_at_the_same_price()
    {
        var state = new MarketState("BTCUSDT");
        state.Apply(new TradeTick(0, 100m, 1m, false, 0, 10), 2000);
        state.Apply(new TradeTick(0, 100m, 1m, false, 0, 11), 2000);
        Assert.Equal(100m, state.PreviousTradePrice);
        Assert.Equal(100m, state.LastTradePrice);
        Assert.True(state.HasPreviousTrade);
    }

    [Fact] // #17
    public void A_crossed_book_is_dropped_and_reported()
    {
        var h = new EngineHarness();
        h.Book(50000m, 50001m);
        h.Book(50000.20m, 50000.10m);
        Assert.Equal(50000m, h.Market.BestBid);
        Assert.Single(h.Events(EngineEventKind.MarketReject));
    }

    [Fact] // #19
    public void Mark_price_does_not_refresh_staleness_and_reaches_risk()
    {
        var h = new EngineHarness();
        h.Mark(50000.25m);
        Assert.Equal(50000.25m, h.Market.MarkPrice);
        Assert.Equal(0, h.Market.LastUpdateMs);
        Assert.True(h.Market.IsStale(h.Now, 1500));
    }

    [Fact] // #20
    public void Zero_mark_is_dropped()
    {
        var h = new EngineHarness();
        h.Mark(0m);
        Assert.Equal(0m, h.Market.MarkPrice);
        Assert.Single(h.Events(EngineEventKind.MarketReject));
    }

    [Fact] // #23 and the strict staleness boundary
    public void Freshness_uses_the_local_receive_time_not_the_exchange_time()
    {
        var state = new MarketState("BTCUSDT");
        state.Apply(new BookTick(0, 1m, 1m, 2m, 1m, ExchangeTimeMs: 5000 - 3000, ReceivedAtMs: 5000));
        Assert.False(state.IsStale(5000, 1500));
        Assert.False(state.IsStale(6500, 1500)); // exactly 1500 ms old is not stale
        Assert.True(state.IsStale(6501, 1500));
    }

    [Fact] // §2.2 connect grace
    public void A_reconnect_counts_as_fresh()
    {
        var h = new EngineHarness();
        h.Engine.OnMarketConnected(h.Now);
        Assert.False(h.Market.IsStale(h.Now + 100, 1500));
    }

    [Theory] // #25, #26, #28, #29, #31, #32 and the primaries
    [InlineData(PositionSide.Long, 100.9, 101.0, 101, 100, SignalReason.None)]
    [InlineData(PositionSide.Long, 50000, 50001, 49998, 49999, SignalReason.LongBidImprove)]
    [InlineData(PositionSide.Long, 100, 100.1, 100, 100, SignalReason.None)]
    [InlineData(PositionSide.Long, 100.5, 100.6, 100, 100, SignalReason.LongBidImprove)]
    [InlineData(PositionSide.Long, 101, 101.1, 101, 100, SignalReason.LongPrimary)]
    [InlineData(PositionSide.Short, 49999, 50000, 50002, 50001, SignalReason.ShortAskImprove)]
    [InlineData(PositionSide.Short, 50002, 50003, 50002, 50001, SignalReason.None)]
    [InlineData(PositionSide.Short, 98.9, 99, 99, 100, SignalReason.ShortPrimary)]
    public void Exit_conditions(PositionSide side, double bid, double ask, double last, double prev, SignalReason expected)
    {
        Assert.Equal(expected, ExitConditions.Evaluate(side, (decimal)bid, (decimal)ask, (decimal)last, (decimal)prev));
    }

    [Fact] // #34 and #68 through the engine
    public void A_signal_carries_its_snapshot_and_places_a_maker_slice()
    {
        var h = new EngineHarness();
        h.Position(PositionSide.Long, 0.01m);
        h.Now = 1300;
        h.Ready(bid: 50000m, ask: 50001m, prev: 49999m, last: 50000m);
        var signal = Assert.Single(h.Events(EngineEventKind.Signal));
        Assert.Equal("long_primary", signal.Reason);
        Assert.Equal(50000m, signal.Bid);
        Assert.Equal(50001m, signal.Ask);
        Assert.Equal(50000m, signal.Price);
        Assert.Equal(1300, signal.TimeMs);
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        Assert.Equal(OrderSide.Sell, place.OrderSide);
        Assert.Equal(TimeInForce.Gtx, place.TimeInForce);
    }

    [Fact] // #35
    public void Throttle_blocks_until_exactly_the_interval()
    {
        var throttle = new SignalThrottle();
        Assert.False(throttle.IsThrottled(1300, 200));
        throttle.Stamp(1300);
        Assert.True(throttle.IsThrottled(1400, 200));
        Assert.False(throttle.IsThrottled(1500, 200));
    }

    [Fact] // #37
    public void Reset_clears_the_throttle()
    {
        var throttle = new SignalThrottle();
        throttle.Stamp(1300);
        throttle.Reset();
        Assert.False(throttle.IsThrottled(1350, 200));
    }

    [Fact] // #38 through the engine: a symbol interval of 500 overrides the global 200
    public void Symbol_interval_override_applies()
    {
        var global = new GlobalSettings();
        var symbol = new SymbolSettings { Symbol = "BTCUSDT", Execution = new ExecutionSettings { MinSignalIntervalMs = 500, RepostCooldownMs = 1 } };
        var h = new EngineHarness(global, symbol);
        h.Position(PositionSide.Long, 1m);
        h.Now = 10_000;
        h.Ready(50000m, 50001m, 49999m, 50000m);
        Assert.Single(h.Events(EngineEventKind.Signal));
        // Clear the working order so only the throttle can stop the next signal.
        var place = Assert.Single(h.Commands(CommandKind.PlaceOrder));
        h.Accept(place, status: OrderStatus.Filled);
        h.Out.Clear();
        h.Now = 10_499;
        h.Trade(50000m);
        h.Book(50000m, 50001m);
        Assert.Empty(h.Commands(CommandKind.PlaceOrder));
        h.Now = 10_500;
        h.Book(50000.1m, 50001m);
        Assert.Single(h.Commands(CommandKind.PlaceOrder));
    }

    [Fact] // #40, #41
    public void Accel_multiplier_depends_on_direction()
    {
        var tiers = new[] { new AccelTier(0.01m, 2), new AccelTier(0.02m, 5) };
        var window = new TradeWindow();
        window.Add(1000, 100m, 2000);
        window.Add(1500, 98m, 2000);
        var ret = Multipliers.WindowReturn(window, 98m, 1600, 2000);
        Assert.Equal(-0.02m, ret);
        Assert.Equal(5, Multipliers.AccelMult(PositionSide.Short, ret, tiers));
        Assert.Equal(1, Multipliers.AccelMult(PositionSide.Long, ret, tiers));
    }

    [Fact] // #43
    public void A_trade_exactly_at_the_cutoff_is_kept_as_p0()
    {
        var window = new TradeWindow();
        window.Add(1000, 100m, 2000);
        window.Add(2500, 101m, 2000);
        Assert.Equal(0.01m, Multipliers.WindowReturn(window, 101m, 3000, 2000));
        Assert.Equal(0m, Multipliers.WindowReturn(window, 101m, 3001, 2000)); // p0 left the window: only the last print remains
    }

    [Fact]
    public void The_trade_window_is_bounded_when_nothing_evaluates_it()
    {
        var window = new TradeWindow(capacity: 16);
        for (var i = 0; i < 1000; i++)
        {
            window.Add(i, 100m + i, windowMs: 1_000_000);
        }

        Assert.Equal(16, window.Count);
    }

    [Fact] // #44, #46 and D4
    public void Roi_on_initial_margin_with_the_mark_when_known()
    {
        Assert.Equal(0.2m, Multipliers.Roi(PositionSide.Long, 1m, 100m, 10m, 0m, 2m));
        Assert.Equal(6, Multipliers.RoiMult(0.2m, [new RoiTier(0.10m, 3), new RoiTier(0.20m, 6)]));
        Assert.Equal(0.3m, Multipliers.Roi(PositionSide.Short, 1m, 100m, 10m, 0m, 3m));
        // D4: with a mark the exchange's (stale) PnL is ignored: LONG (102 − 100)·1 / 10 = 0.2
        Assert.Equal(0.2m, Multipliers.Roi(PositionSide.Long, 1m, 100m, 10m, 102m, -50m));
        Assert.Null(Multipliers.Roi(PositionSide.Long, 0m, 100m, 10m, 102m, 0m));
        Assert.Equal(1, Multipliers.RoiMult(null, [new RoiTier(0.1m, 3)]));
    }

    [Fact] // #47, P20
    public void A_position_first_seen_on_the_stream_takes_the_cached_leverage()
    {
        var h = new EngineHarness();
        h.Engine.OnLeverage(h.Btc, 25m);
        h.Position(PositionSide.Long, 0.5m, leverage: 0m, source: Positions.PositionSource.Stream);
        Assert.Equal(25m, h.Leg(PositionSide.Long).Position.Leverage);
    }
}
