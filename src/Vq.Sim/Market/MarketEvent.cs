namespace Vq.Sim.Market;

public enum MarketEventKind { Quote, Trade, Mark }

/// <summary>
/// One market happening in Binance's terms: a bookTicker (Quote), an aggTrade (Trade) or a markPriceUpdate (Mark).
/// <see cref="SourceTime"/> is the driver's own clock (the recording's <c>E</c> for replays), used only for pacing.
/// </summary>
public readonly record struct MarketEvent(
    MarketEventKind Kind,
    string Symbol,
    long SourceTime,
    decimal Bid = 0m,
    decimal BidQty = 0m,
    decimal Ask = 0m,
    decimal AskQty = 0m,
    decimal Price = 0m,
    decimal Qty = 0m,
    bool BuyerIsMaker = false,
    decimal Index = 0m,
    decimal FundingRate = 0m);

/// <summary>
/// A source of market events. <see cref="Advance"/> moves the driver's time forward by <paramref name="elapsedMs"/>
/// of market time and appends what happened in that span. Single-threaded: the exchange's pump owns it.
/// </summary>
public interface IMarketDriver
{
    void Advance(long elapsedMs, List<MarketEvent> into);

    /// <summary>Moves the market's centre (synthetic) or shifts prices (replay) — the control plane's "move the market".</summary>
    void MoveMid(string symbol, decimal mid);

    bool Finished { get; }
}
