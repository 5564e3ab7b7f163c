namespace Vq.Core.Market;

/// <summary>Why a market event was not applied.</summary>
public enum MarketRejectReason : byte
{
    None = 0,
    /// <summary>bookTicker with bid ≥ ask (§2.1): dropped with a warning.</summary>
    CrossedBook = 1,
    /// <summary>markPrice ≤ 0 (§2.1).</summary>
    NonPositiveMark = 2,
    /// <summary>A zero or negative trade price.</summary>
    NonPositivePrice = 3,
}

/// <summary>
/// Per-symbol market state (SPEC §2.3): best bid/ask, last and previous trade, mark price, freshness, trade window.
/// Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class MarketState
{
    private readonly TradeWindow _trades;

    public MarketState(string symbol, int tradeWindowCapacity = 4096)
    {
        Symbol = symbol;
        _trades = new TradeWindow(tradeWindowCapacity);
    }

    public string Symbol { get; }
    public decimal BestBid { get; private set; }
    public decimal BestAsk { get; private set; }
    public decimal LastTradePrice { get; private set; }
    /// <summary>Meaningful only when <see cref="HasPreviousTrade"/>.</summary>
    public decimal PreviousTradePrice { get; private set; }
    public bool HasPreviousTrade { get; private set; }
    public bool HasBook { get; private set; }
    public bool HasTrade { get; private set; }
    /// <summary>Latest mark price, 0 when none seen.</summary>
    public decimal MarkPrice { get; private set; }
    /// <summary>Local monotonic time of the last accepted bookTicker or trade, or of the last (re)connect; 0 = never.</summary>
    public long LastUpdateMs { get; private set; }
    /// <summary>Exchange minus local time of the last event, for skew metrics only (D8).</summary>
    public long LastSkewMs { get; private set; }
    public TradeWindow Trades => _trades;

    /// <summary>§2.3 readiness: one book plus at least two trades, all prices positive.</summary>
    public bool IsReady =>
        HasBook && HasTrade && HasPreviousTrade && BestBid > 0m && BestAsk > 0m && LastTradePrice > 0m;

    public MarketRejectReason Apply(in BookTick tick)
    {
        if (tick.Bid >= tick.Ask)
        {
            return MarketRejectReason.CrossedBook;
        }

        BestBid = tick.Bid;
        BestAsk = tick.Ask;
        HasBook = true;
        Touch(tick.ReceivedAtMs, tick.ExchangeTimeMs);
        return MarketRejectReason.None;
    }

    /// <summary>§2.3: every trade shifts prev ← last, even at an unchanged price.</summary>
    public MarketRejectReason Apply(in TradeTick tick, int accelWindowMs)
    {
        if (tick.Price <= 0m)
        {
            return MarketRejectReason.NonPositivePrice;
        }

        _trades.Add(tick.ReceivedAtMs, tick.Price, accelWindowMs);
        if (LastTradePrice > 0m)
        {
            PreviousTradePrice = LastTradePrice;
            HasPreviousTrade = true;
        }

        LastTradePrice = tick.Price;
        HasTrade = true;
        Touch(tick.ReceivedAtMs, tick.ExchangeTimeMs);
        return MarketRejectReason.None;
    }

    /// <summary>Mark price never refreshes staleness (§2.2).</summary>
    public MarketRejectReason Apply(in MarkTick tick)
    {
        if (tick.MarkPrice <= 0m)
        {
            return MarketRejectReason.NonPositiveMark;
        }

        MarkPrice = tick.MarkPrice;
        return MarketRejectReason.None;
    }

    /// <summary>Connect grace (§2.2): a fresh (re)connect counts as an update.</summary>
    public void MarkConnected(long nowMs) => LastUpdateMs = nowMs;

    /// <summary>§2.2 with D8: stale when never updated or strictly older than the threshold (local clock only).</summary>
    public bool IsStale(long nowMs, int staleDataMs) => LastUpdateMs == 0 || nowMs - LastUpdateMs > staleDataMs;

    /// <summary>clearState (§2.5): wipes prices, history and freshness.</summary>
    public void Clear()
    {
        BestBid = BestAsk = LastTradePrice = PreviousTradePrice = MarkPrice = 0m;
        HasPreviousTrade = HasBook = HasTrade = false;
        LastUpdateMs = 0;
        _trades.Clear();
    }

    private void Touch(long receivedAtMs, long exchangeTimeMs)
    {
        LastUpdateMs = receivedAtMs;
        if (exchangeTimeMs > 0)
        {
            LastSkewMs = exchangeTimeMs - receivedAtMs;
        }
    }
}
