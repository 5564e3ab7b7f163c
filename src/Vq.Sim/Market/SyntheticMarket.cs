using Vq.Sim.Matching;

namespace Vq.Sim.Market;

/// <summary>
/// A seeded random market (docs/sim.md "Synthetic market"): the mid follows a geometric random walk with drift,
/// the book sits around it with a spread in ticks and log-normal top sizes, trades arrive as a Poisson process at the
/// touch with log-normal sizes. The same seed and the same sequence of <see cref="Advance"/> calls give the same
/// events. Not thread-safe.
/// </summary>
public sealed class SyntheticMarket : IMarketDriver
{
    // Market time advances in steps of this size: fine enough for 100 ms streams, coarse enough to stay cheap.
    public const int StepMs = 50;

    private readonly List<SymbolState> _symbols = [];
    private readonly Random _random;
    private long _timeMs;
    private long _carryMs;

    public SyntheticMarket(int seed, IEnumerable<(Instrument Instrument, SyntheticParameters Parameters)> symbols, long startTimeMs = 0)
    {
        _random = new Random(seed);
        _timeMs = startTimeMs;
        foreach (var (instrument, parameters) in symbols)
        {
            _symbols.Add(new SymbolState(instrument, parameters));
        }
    }

    public bool Finished => false;

    public void MoveMid(string symbol, decimal mid)
    {
        foreach (var state in _symbols)
        {
            if (state.Instrument.Symbol == symbol && mid > 0m)
            {
                state.LogMid = Math.Log((double)mid);
            }
        }
    }

    public void Advance(long elapsedMs, List<MarketEvent> into)
    {
        _carryMs += elapsedMs;
        while (_carryMs >= StepMs)
        {
            _carryMs -= StepMs;
            _timeMs += StepMs;
            foreach (var state in _symbols)
            {
                Step(state, into);
            }
        }
    }

    private void Step(SymbolState s, List<MarketEvent> into)
    {
        var p = s.Parameters;
        s.Elapsed += StepMs / 1000.0;
        while (s.NextRegime < p.Regimes.Count && p.Regimes[s.NextRegime].AtSecond <= s.Elapsed)
        {
            s.Apply(p.Regimes[s.NextRegime++]);
        }

        var dt = StepMs / 1000.0;
        s.LogMid += s.DriftPerHour / 3600.0 * dt + s.Volatility * Math.Sqrt(dt) * NextGaussian();
        var instrument = s.Instrument;
        var mid = (decimal)Math.Exp(s.LogMid);
        var tick = instrument.TickSize;
        var half = s.SpreadTicks * tick / 2m;
        var bid = instrument.FloorToTick(mid - half + tick / 2m);
        bid = Math.Max(bid, tick);
        var ask = bid + s.SpreadTicks * tick;
        // Displayed sizes persist while the level stays the touch (AR(1) in log space), so a queue estimate taken at
        // the touch is not eroded by independent redraws; a new level starts from a fresh draw.
        s.LogBidQty = bid == s.LastBid ? Persist(s.LogBidQty, s.TopQtyMedian, p.TopQtySigma) : Fresh(s.TopQtyMedian, p.TopQtySigma);
        s.LogAskQty = ask == s.LastAsk ? Persist(s.LogAskQty, s.TopQtyMedian, p.TopQtySigma) : Fresh(s.TopQtyMedian, p.TopQtySigma);
        s.LastBid = bid;
        s.LastAsk = ask;
        var bidQty = Qty(instrument, Math.Exp(s.LogBidQty));
        var askQty = Qty(instrument, Math.Exp(s.LogAskQty));
        into.Add(new MarketEvent(MarketEventKind.Quote, instrument.Symbol, _timeMs, bid, bidQty, ask, askQty));

        var trades = NextPoisson(s.TradesPerSecond * dt);
        for (var i = 0; i < trades; i++)
        {
            var buyerTakes = _random.NextDouble() < p.TakerBuyShare;
            var qty = LogNormalQty(instrument, p.TradeQtyMedian, p.TradeQtySigma);
            into.Add(new MarketEvent(MarketEventKind.Trade, instrument.Symbol, _timeMs, Price: buyerTakes ? ask : bid, Qty: qty,
                BuyerIsMaker: !buyerTakes));
        }
    }

    // Per-step persistence of a displayed size: ~0.95 keeps a level's size for about a second (20 steps).
    private const double SizePersistence = 0.95;

    private double Fresh(double median, double sigma) => Math.Log(median) + sigma * NextGaussian();

    private double Persist(double logQty, double median, double sigma) =>
        SizePersistence * logQty + (1 - SizePersistence) * Math.Log(median)
        + sigma * Math.Sqrt(1 - SizePersistence * SizePersistence) * NextGaussian();

    private decimal LogNormalQty(Instrument instrument, double median, double sigma) =>
        Qty(instrument, median * Math.Exp(sigma * NextGaussian()));

    private static decimal Qty(Instrument instrument, double value)
    {
        var qty = instrument.FloorToStep((decimal)Math.Min(value, (double)instrument.MaxQty));
        return Math.Max(qty, instrument.MinQty);
    }

    private double NextGaussian()
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private int NextPoisson(double lambda)
    {
        // Knuth's method: fine for the small λ of one 50 ms step.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = _random.NextDouble();
        while (product > limit && k < 1000)
        {
            k++;
            product *= _random.NextDouble();
        }

        return k;
    }

    private sealed class SymbolState(Instrument instrument, SyntheticParameters parameters)
    {
        public Instrument Instrument { get; } = instrument;
        public SyntheticParameters Parameters { get; } = parameters;
        public double LogMid { get; set; } = Math.Log((double)parameters.StartMid);
        public double Elapsed { get; set; }
        public int NextRegime { get; set; }
        public double DriftPerHour { get; private set; } = parameters.DriftPerHour;
        public double Volatility { get; private set; } = parameters.VolatilityPerSqrtSecond;
        public int SpreadTicks { get; private set; } = Math.Max(1, parameters.SpreadTicks);
        public double TradesPerSecond { get; private set; } = parameters.TradesPerSecond;
        public double TopQtyMedian { get; private set; } = parameters.TopQtyMedian;
        public double LogBidQty { get; set; }
        public double LogAskQty { get; set; }
        public decimal LastBid { get; set; }
        public decimal LastAsk { get; set; }

        public void Apply(Regime regime)
        {
            DriftPerHour = regime.DriftPerHour ?? DriftPerHour;
            Volatility = regime.VolatilityPerSqrtSecond ?? Volatility;
            SpreadTicks = Math.Max(1, regime.SpreadTicks ?? SpreadTicks);
            TradesPerSecond = regime.TradesPerSecond ?? TradesPerSecond;
            TopQtyMedian = regime.TopQtyMedian ?? TopQtyMedian;
        }
    }
}
