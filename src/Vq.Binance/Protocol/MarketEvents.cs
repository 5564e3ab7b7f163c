namespace Vq.Binance.Protocol;

// Market events (BINANCE.md §6). Exchange timestamps are kept for latency and skew metrics only (D8): freshness
// is the caller's local receive time.

/// <summary><c>&lt;symbol&gt;@bookTicker</c>: best bid/ask. <c>u</c> update id, <c>E</c> event time, <c>T</c> transaction time.</summary>
public readonly record struct BookTicker(
    SymbolId Symbol,
    long UpdateId,
    long EventTime,
    long TransactionTime,
    decimal BidPrice,
    decimal BidQty,
    decimal AskPrice,
    decimal AskQty);

/// <summary>
/// <c>&lt;symbol&gt;@aggTrade</c>. <see cref="NormalQty"/> is <c>nq</c> (2025-12-31+: quantity without RPI trades);
/// null when absent. <see cref="BuyerIsMaker"/> is <c>m</c>.
/// </summary>
public readonly record struct AggTrade(
    SymbolId Symbol,
    long AggTradeId,
    long EventTime,
    long TradeTime,
    decimal Price,
    decimal Qty,
    decimal? NormalQty,
    long FirstTradeId,
    long LastTradeId,
    bool BuyerIsMaker);

/// <summary>
/// <c>&lt;symbol&gt;@markPrice@1s</c> (<c>markPriceUpdate</c>). <c>ap</c> (2026-03+) and <c>P</c> are optional; null when absent.
/// </summary>
public readonly record struct MarkPriceUpdate(
    SymbolId Symbol,
    long EventTime,
    decimal MarkPrice,
    decimal? MarkPriceAverage,
    decimal? IndexPrice,
    decimal? EstimatedSettlePrice,
    decimal? FundingRate,
    long NextFundingTime);

/// <summary>
/// Receives parsed market events. Implement it on a struct and pass it by <c>ref</c> so the per-tick call is
/// devirtualised (STYLE 17).
/// </summary>
public interface IMarketEventHandler
{
    void OnBookTicker(in BookTicker e);

    void OnAggTrade(in AggTrade e);

    void OnMarkPrice(in MarkPriceUpdate e);
}
