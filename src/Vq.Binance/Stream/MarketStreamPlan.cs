namespace Vq.Binance.Stream;

/// <summary>One connection's worth of streams on one route.</summary>
public sealed record MarketConnectionPlan(string Route, IReadOnlyList<string> Streams);

/// <summary>
/// Splits the market streams vq needs per symbol onto routed connections (D16): <c>@bookTicker</c> on
/// <c>/public</c>; <c>@aggTrade</c> and <c>@markPrice@1s</c> on <c>/market</c>; each connection at most 1024
/// streams (BINANCE.md §6). A stream on the wrong route connects but silently delivers nothing, hence one place.
/// </summary>
public static class MarketStreamPlan
{
    public static IReadOnlyList<MarketConnectionPlan> For(IEnumerable<string> exchangeSymbols)
    {
        ArgumentNullException.ThrowIfNull(exchangeSymbols);
        var symbols = exchangeSymbols.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var plans = new List<MarketConnectionPlan>();
        Shard(StreamRoutes.PublicRoute, symbols.Select(StreamRoutes.BookTicker), plans);
        Shard(StreamRoutes.MarketRoute, symbols.SelectMany(s => new[] { StreamRoutes.AggTrade(s), StreamRoutes.MarkPrice1s(s) }), plans);
        return plans;
    }

    private static void Shard(string route, IEnumerable<string> streams, List<MarketConnectionPlan> plans)
    {
        foreach (var chunk in streams.Chunk(StreamRoutes.MaxStreamsPerConnection))
        {
            plans.Add(new MarketConnectionPlan(route, chunk));
        }
    }
}
