using Vq.Sim.Faults;
using Vq.Sim.Market;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using Vq.Sim.Wire;
using Vq.Sim.Wire.Json;
using Vq.Sim.Wire.Streams;

namespace Vq.Sim;

/// <summary>
/// The simulated exchange without sockets: the matching engine, the market driver, listenKeys, rate limits, faults
/// and the stream fan-out. <see cref="SimHost"/> puts Kestrel in front of it; tests may drive it directly.
/// Thread-safety: every engine access goes through <see cref="Gate"/> (<see cref="Do"/>/<see cref="Read{T}"/>);
/// after each change pending user-data events are pushed to the streams, so callers never see half a change.
/// </summary>
public sealed partial class SimExchange
{
    private readonly List<MarketEvent> _marketScratch = [];
    private readonly List<UserEvent> _eventScratch = [];
    private readonly IMarketDriver _driver;
    private long _aggTradeId = 1_000_000_000;
    private long _lastMark1s;
    private long _lastMark3s;
    private long _lastDrop;

    public SimExchange(SimOptions options)
    {
        Options = options;
        Clock = options.ManualClockStartMs is { } start ? SimClock.Manual(start) : SimClock.Wall();
        Clock.SkewMs = options.Faults.ClockSkewMs;
        var instruments = new List<Instrument>();
        foreach (var symbol in options.Symbols)
        {
            instruments.Add(symbol.Instrument);
        }

        Engine = new MatchingEngine(Clock, instruments);
        Engine.Account.WalletBalance = options.WalletBalance;
        Engine.Account.HedgeMode = options.HedgeMode;
        Engine.Account.MakerFeeRate = options.MakerFeeRate;
        Engine.Account.TakerFeeRate = options.TakerFeeRate;
        Engine.Account.DefaultLeverage = options.DefaultLeverage;
        foreach (var symbol in options.Symbols)
        {
            Engine.SetDepth(symbol.Instrument.Symbol, symbol.Synthetic.DepthQtyPerTick);
            Engine.Book(symbol.Instrument.Symbol)!.NextFundingTime = NextFundingTime(Clock.NowMs);
        }

        _driver = CreateDriver(options);
        Limiter = new RateLimiter(options.Limits);
        ListenKeys = new ListenKeyRegistry(options.ListenKeyValidityMs, options.Seed);
        Faults = new FaultController(options.Faults, options.Seed);
        _lastDrop = Clock.NowMs;

        // Seed the book before positions so marks exist (liquidation checks need them).
        AdvanceMarket(SyntheticMarket.StepMs);
        foreach (var seed in options.Positions)
        {
            Engine.SetPosition(seed.Symbol, seed.Side, seed.Quantity, seed.EntryPrice, seed.Leverage, seed.MarginMode);
        }

        Engine.DrainEvents(_eventScratch);
        _eventScratch.Clear();
    }

    public SimOptions Options { get; }
    public SimClock Clock { get; }
    public Lock Gate { get; } = new();
    public FaultController Faults { get; }
    internal MatchingEngine Engine { get; }
    internal RateLimiter Limiter { get; }
    internal ListenKeyRegistry ListenKeys { get; }
    internal StreamHub Hub { get; } = new();

    /// <summary>Runs <paramref name="action"/> on the engine under the gate, then publishes the events it caused.</summary>
    public void Do(Action<MatchingEngine> action)
    {
        lock (Gate)
        {
            action(Engine);
            FlushUserEvents();
        }
    }

    public T Read<T>(Func<MatchingEngine, T> read)
    {
        lock (Gate)
        {
            var result = read(Engine);
            FlushUserEvents();
            return result;
        }
    }

    /// <summary>Moves market time forward: the driver produces events, the engine matches, the streams publish.</summary>
    public void AdvanceMarket(long marketMs)
    {
        lock (Gate)
        {
            Clock.Advance(marketMs);
            _marketScratch.Clear();
            _driver.Advance(marketMs, _marketScratch);
            foreach (var e in _marketScratch)
            {
                Apply(e);
            }

            PublishMarks();
            FlushUserEvents();
        }
    }

    private void Apply(in MarketEvent e)
    {
        var book = Engine.Book(e.Symbol);
        if (book is null)
        {
            return;
        }

        var now = Clock.NowMs;
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                Engine.ApplyQuote(e.Symbol, e.Bid, e.BidQty, e.Ask, e.AskQty);
                Hub.PublishMarket(Lower(e.Symbol) + "@bookTicker", MarketJson.BookTicker(book, now));
                break;
            case MarketEventKind.Trade:
                Engine.ApplyTrade(e.Symbol, e.Price, e.Qty, e.BuyerIsMaker);
                Hub.PublishMarket(Lower(e.Symbol) + "@aggTrade", MarketJson.AggTrade(book.Instrument, _aggTradeId++, e.Price, e.Qty, e.BuyerIsMaker, now));
                break;
            case MarketEventKind.Mark:
                if (e.FundingRate != 0m)
                {
                    book.FundingRate = e.FundingRate;
                }

                Engine.ApplyMark(e.Symbol, e.Price, e.Index);
                break;
        }
    }

    private void PublishMarks()
    {
        var now = Clock.NowMs;
        var every1s = now - _lastMark1s >= 1000;
        var every3s = now - _lastMark3s >= 3000;
        if (!every1s && !every3s)
        {
            return;
        }

        foreach (var instrument in Engine.Instruments)
        {
            var book = Engine.Book(instrument.Symbol)!;
            if (book.Mark <= 0m)
            {
                continue;
            }

            if (now >= book.NextFundingTime)
            {
                book.NextFundingTime = NextFundingTime(now);
            }

            var payload = MarketJson.MarkPrice(book, now);
            if (every1s)
            {
                Hub.PublishMarket(Lower(instrument.Symbol) + "@markPrice@1s", payload);
            }

            if (every3s)
            {
                Hub.PublishMarket(Lower(instrument.Symbol) + "@markPrice", payload);
            }
        }

        _lastMark1s = every1s ? now : _lastMark1s;
        _lastMark3s = every3s ? now : _lastMark3s;
    }

    /// <summary>Funding every 8 hours at 00:00, 08:00 and 16:00 UTC.</summary>
    private static long NextFundingTime(long now) => (now / 28_800_000 + 1) * 28_800_000;

    private static string Lower(string symbol) => symbol.ToLowerInvariant();

    private static IMarketDriver CreateDriver(SimOptions options)
    {
        if (options.ReplayPath is { } path)
        {
            var symbols = new HashSet<string>(StringComparer.Ordinal);
            foreach (var symbol in options.Symbols)
            {
                symbols.Add(symbol.Instrument.Symbol);
            }

            return ReplayMarket.Load(path, symbols, options.ReplayLoop, out _);
        }

        var parameters = new List<(Instrument, SyntheticParameters)>();
        foreach (var symbol in options.Symbols)
        {
            parameters.Add((symbol.Instrument, symbol.Synthetic));
        }

        return new SyntheticMarket(options.Seed, parameters);
    }

    /// <summary>Background duties: delayed user events, listenKey expiry, connection lifetime and periodic drops.</summary>
    public void Housekeeping()
    {
        var now = Clock.NowMs;
        lock (Gate)
        {
            if (ListenKeys.TakeExpired(now) is { } expired)
            {
                var payload = UserEventJson.Serialize(new ListenKeyExpired { EventTime = now, TransactionTime = now, ListenKey = expired });
                Hub.PublishUser(expired, "listenKeyExpired", payload);
                Hub.ForgetListenKey(expired);
            }

            DeliverDueEvents(now);
        }

        Hub.CloseExpired(now, Faults.ConnectionLifetimeMs);
        if (Faults.DropWebSocketsEveryMs > 0 && now - _lastDrop >= Faults.DropWebSocketsEveryMs)
        {
            _lastDrop = now;
            Hub.Drop(null);
        }
    }
}
