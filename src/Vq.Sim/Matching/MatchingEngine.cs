namespace Vq.Sim.Matching;

/// <summary>
/// The exchange's state machine: instruments, books, the account, regular and algo orders, and the ledger. Pure and
/// deterministic: no sockets, no threads, time from <see cref="SimClock"/>, ids from counters. Every change that
/// Binance would push on the user stream is appended to an outbox the caller drains.
/// Thread-safety: none. <see cref="SimExchange"/> serialises every call behind one gate.
/// </summary>
public sealed partial class MatchingEngine
{
    // Id bases look like Binance's (orderId ~1e10, algoId ~1e15 — close to 2^53 on purpose, BINANCE.md §0).
    private long _nextOrderId = 8_389_765_000L;
    private long _nextAlgoId = 1_000_000_000_000_001L;
    private long _nextTradeId = 5_120_000_000L;

    private readonly Dictionary<string, BookState> _books = new(StringComparer.Ordinal);
    private readonly List<Instrument> _instruments = [];
    private readonly Dictionary<long, SimOrder> _ordersById = [];
    private readonly List<SimOrder> _allOrders = [];
    private readonly List<SimOrder> _openOrders = [];
    private readonly Dictionary<long, AlgoOrder> _algosById = [];
    private readonly List<AlgoOrder> _allAlgos = [];
    private readonly List<AlgoOrder> _openAlgos = [];
    private readonly List<UserEvent> _outbox = [];
    private readonly List<SimOrder> _scratch = [];
    private readonly List<PublicPrint> _prints = [];

    public MatchingEngine(SimClock clock, IEnumerable<Instrument> instruments)
    {
        Clock = clock;
        foreach (var instrument in instruments)
        {
            _instruments.Add(instrument);
            _books.Add(instrument.Symbol, new BookState { Instrument = instrument });
        }
    }

    public SimClock Clock { get; }
    public Account Account { get; } = new();
    public Ledger Ledger { get; } = new();
    public IReadOnlyList<Instrument> Instruments => _instruments;
    public IReadOnlyList<SimOrder> OpenOrders => _openOrders;
    public IReadOnlyList<SimOrder> AllOrders => _allOrders;
    public IReadOnlyList<AlgoOrder> OpenAlgoOrders => _openAlgos;
    public IReadOnlyList<AlgoOrder> AllAlgoOrders => _allAlgos;

    public BookState? Book(string symbol) => _books.GetValueOrDefault(symbol);

    public Instrument? FindInstrument(string? symbol) =>
        symbol is not null && _books.TryGetValue(symbol, out var book) ? book.Instrument : null;

    /// <summary>Moves pending user-data events to <paramref name="into"/> in emission order.</summary>
    public void DrainEvents(List<UserEvent> into)
    {
        into.AddRange(_outbox);
        _outbox.Clear();
    }

    public int PendingEvents => _outbox.Count;

    /// <summary>
    /// Public consequences of the account's own taker fills since the last drain: the trades to print on the public
    /// trade stream (the book's touch was consumed as well, so the caller republishes that symbol's bookTicker).
    /// </summary>
    public void DrainPrints(List<PublicPrint> into)
    {
        into.AddRange(_prints);
        _prints.Clear();
    }

    // ---- market input -------------------------------------------------------------------------------------------

    /// <summary>A new top of book. Resting orders the book moved through fill; queues at the touch shrink.</summary>
    public void ApplyQuote(string symbol, decimal bid, decimal bidQty, decimal ask, decimal askQty)
    {
        if (!_books.TryGetValue(symbol, out var book) || bid <= 0m || ask <= 0m || bid >= ask)
        {
            return;
        }

        book.Bid = bid;
        book.BidQty = bidQty;
        book.Ask = ask;
        book.AskQty = askQty;
        book.UpdateId++;
        if (!book.MarkFromFeed)
        {
            book.Mark = book.Mid;
            book.Index = book.Mark;
        }

        MatchRestingAgainstQuote(book);
        AfterPriceChange(book);
    }

    /// <summary>A public trade. <paramref name="buyerIsMaker"/> true means a seller took the bids.</summary>
    public void ApplyTrade(string symbol, decimal price, decimal qty, bool buyerIsMaker)
    {
        if (!_books.TryGetValue(symbol, out var book) || price <= 0m || qty <= 0m)
        {
            return;
        }

        book.LastPrice = price;
        MatchRestingAgainstTrade(book, price, qty, buyerIsMaker);
        AfterPriceChange(book);
    }

    /// <summary>A mark price from a feed (replay) or from the control plane. Mark then stops following the mid.</summary>
    public void ApplyMark(string symbol, decimal mark, decimal index, bool fromFeed = true)
    {
        if (!_books.TryGetValue(symbol, out var book) || mark <= 0m)
        {
            return;
        }

        book.MarkFromFeed = fromFeed;
        book.Mark = mark;
        book.Index = index > 0m ? index : mark;
        AfterPriceChange(book);
    }

    private void AfterPriceChange(BookState book)
    {
        CheckAlgoTriggers(book);
        CheckLiquidation(book);
    }

    // ---- ids and helpers ----------------------------------------------------------------------------------------

    private long NextOrderId() => _nextOrderId++;

    private long NextTradeId() => _nextTradeId++;

    private long NextAlgoId() => _nextAlgoId++;

    public SimOrder? FindOrder(string symbol, long? orderId, string? clientOrderId)
    {
        if (orderId is { } id)
        {
            return _ordersById.TryGetValue(id, out var byId) && byId.Symbol == symbol ? byId : null;
        }

        if (clientOrderId is null)
        {
            return null;
        }

        // Client ids are unique among open orders only; the newest wins for history.
        for (var i = _allOrders.Count - 1; i >= 0; i--)
        {
            var order = _allOrders[i];
            if (order.Symbol == symbol && order.ClientOrderId == clientOrderId)
            {
                return order;
            }
        }

        return null;
    }

    public AlgoOrder? FindAlgo(long? algoId, string? clientAlgoId)
    {
        if (algoId is { } id)
        {
            return _algosById.GetValueOrDefault(id);
        }

        for (var i = _allAlgos.Count - 1; i >= 0 && clientAlgoId is not null; i--)
        {
            if (_allAlgos[i].ClientAlgoId == clientAlgoId)
            {
                return _allAlgos[i];
            }
        }

        return null;
    }

    private static LegSide LegOf(SimOrder order) =>
        order.PositionSide != LegSide.Both ? order.PositionSide : (order.Side == Side.Buy ? LegSide.Long : LegSide.Short);

    /// <summary>Hedge-mode close: SELL+LONG or BUY+SHORT.</summary>
    public static bool IsClosing(Side side, LegSide positionSide) =>
        (side == Side.Sell && positionSide == LegSide.Long) || (side == Side.Buy && positionSide == LegSide.Short);

    private void Reject(string endpoint, SimError error) =>
        Ledger.AddReject(new RejectRecord(endpoint, error.Code, error.Message, Clock.NowMs));
}
