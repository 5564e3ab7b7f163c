namespace Vq.Sim.Wire.Streams;

/// <summary>The routed WebSocket families (BINANCE.md §1.1). <see cref="Unrouted"/> is the legacy <c>/ws</c>, <c>/stream</c>.</summary>
public enum StreamRoute { Unrouted, Public, Market, Private }

internal static class StreamCategories
{
    /// <summary>
    /// Which route carries a market stream: book data on /public, everything else on /market. A stream subscribed on
    /// the wrong route is accepted and then stays silent, like Binance. Unrouted connections only get /public streams.
    /// </summary>
    public static bool Delivers(StreamRoute route, string stream)
    {
        var isPublic = stream.Contains("@bookTicker", StringComparison.Ordinal) || stream == "!bookTicker"
            || stream.Contains("@depth", StringComparison.Ordinal) || stream.EndsWith("@trade", StringComparison.Ordinal);
        return route switch
        {
            StreamRoute.Public or StreamRoute.Unrouted => isPublic,
            StreamRoute.Market => !isPublic,
            _ => false,
        };
    }
}
