namespace Vq.Core.Market;

// Market events as the engine sees them. Symbols are small indices assigned by the engine's symbol table, so no
// string is touched per tick. Every event carries the exchange time (for latency and skew metrics only) and the local
// monotonic receive time, which is the one clock used for freshness and windows (D8).

/// <summary>Best bid/ask (<c>@bookTicker</c>).</summary>
public readonly record struct BookTick(int Symbol, decimal Bid, decimal BidQty, decimal Ask, decimal AskQty, long ExchangeTimeMs, long ReceivedAtMs);

/// <summary>A trade print (<c>@aggTrade</c>).</summary>
public readonly record struct TradeTick(int Symbol, decimal Price, decimal Qty, bool BuyerIsMaker, long ExchangeTimeMs, long ReceivedAtMs);

/// <summary>Mark price (<c>@markPrice@1s</c>).</summary>
public readonly record struct MarkTick(int Symbol, decimal MarkPrice, long ExchangeTimeMs, long ReceivedAtMs);
