using Vq.Sim.Market;
using Vq.Sim.Matching;

namespace Vq.Sim.Tests.Market;

public sealed class SyntheticMarketTests
{
    private static List<MarketEvent> Run(int seed, long ms, SyntheticParameters? parameters = null)
    {
        var market = new SyntheticMarket(seed, [(Instrument.BtcUsdt, parameters ?? new SyntheticParameters())]);
        var events = new List<MarketEvent>();
        market.Advance(ms, events);
        return events;
    }

    [Fact]
    public void Same_seed_same_events_different_seed_different_events()
    {
        Assert.Equal(Run(7, 60_000), Run(7, 60_000));
        Assert.NotEqual(Run(7, 60_000), Run(8, 60_000));
    }

    [Fact]
    public void Quotes_are_on_tick_never_crossed_and_spread_as_configured()
    {
        var events = Run(3, 30_000, new SyntheticParameters { SpreadTicks = 2 });
        foreach (var e in events.Where(e => e.Kind == MarketEventKind.Quote))
        {
            Assert.True(Instrument.BtcUsdt.OnTick(e.Bid));
            Assert.Equal(0.2m, e.Ask - e.Bid);
            Assert.True(e.BidQty >= Instrument.BtcUsdt.MinQty);
        }
    }

    [Fact]
    public void Trades_print_at_the_touch_on_the_aggressor_side()
    {
        var events = Run(5, 10_000);
        MarketEvent quote = default;
        foreach (var e in events)
        {
            if (e.Kind == MarketEventKind.Quote)
            {
                quote = e;
            }
            else
            {
                Assert.Equal(e.BuyerIsMaker ? quote.Bid : quote.Ask, e.Price);
            }
        }
    }

    [Fact]
    public void Drift_and_regime_switch_move_the_market()
    {
        var up = new SyntheticParameters { DriftPerHour = 2.0, VolatilityPerSqrtSecond = 1e-7 };
        var events = Run(1, 600_000, up);
        var last = events.Last(e => e.Kind == MarketEventKind.Quote);
        Assert.True(last.Bid > 60000m * 1.3m, $"bid {last.Bid}");

        var regime = new SyntheticParameters { Regimes = [new Regime(10, SpreadTicks: 5, TradesPerSecond: 0)] };
        var after = Run(1, 20_000, regime).Where(e => e.SourceTime > 11_000).ToList();
        Assert.All(after.Where(e => e.Kind == MarketEventKind.Quote), e => Assert.Equal(0.5m, e.Ask - e.Bid));
        Assert.DoesNotContain(after, e => e.Kind == MarketEventKind.Trade);
    }
}
