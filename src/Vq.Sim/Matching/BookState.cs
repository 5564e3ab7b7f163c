namespace Vq.Sim.Matching;

/// <summary>
/// What the simulator knows of one symbol's market: the displayed top of book, the last trade, mark and index.
/// Beyond the touch the book is synthetic: every further tick holds <see cref="DepthQtyPerTick"/> (the price-impact
/// model of docs/sim.md). Mutable; owned by the engine.
/// </summary>
public sealed class BookState
{
    public required Instrument Instrument { get; init; }
    public decimal Bid { get; set; }
    public decimal BidQty { get; set; }
    public decimal Ask { get; set; }
    public decimal AskQty { get; set; }
    public decimal LastPrice { get; set; }
    public decimal Mark { get; set; }
    public decimal Index { get; set; }
    public decimal FundingRate { get; set; } = 0.0001m;
    public long NextFundingTime { get; set; }
    public long UpdateId { get; set; }
    /// <summary>Quantity resting at each tick beyond the touch when a taker walks the book.</summary>
    public decimal DepthQtyPerTick { get; set; } = 1m;
    /// <summary>True when mark comes from the market feed (replay) rather than from the mid.</summary>
    public bool MarkFromFeed { get; set; }

    public string Symbol => Instrument.Symbol;
    public bool HasQuote => Bid > 0m && Ask > 0m;
    public decimal Mid => HasQuote ? (Bid + Ask) / 2m : LastPrice;

    /// <summary>The price conditional orders compare against for <paramref name="type"/>.</summary>
    public decimal PriceFor(WorkingType type) =>
        type == WorkingType.MarkPrice ? Mark : (LastPrice > 0m ? LastPrice : Mid);
}
