using System.Text;

namespace Vq.Binance.Stream;

/// <summary>Routed stream URLs (BINANCE.md §1.1, D16). Stream names use the lower-case symbol.</summary>
public static class StreamRoutes
{
    /// <summary>Binance's limit of streams per connection (§6).</summary>
    public const int MaxStreamsPerConnection = 1024;

    public static string BookTicker(string symbol) => symbol.ToLowerInvariant() + "@bookTicker";

    public static string AggTrade(string symbol) => symbol.ToLowerInvariant() + "@aggTrade";

    public static string MarkPrice1s(string symbol) => symbol.ToLowerInvariant() + "@markPrice@1s";

    /// <summary>bookTicker is high-frequency book data: <c>/public</c>. On the wrong route it silently delivers nothing.</summary>
    public const string PublicRoute = "/public";

    /// <summary>aggTrade and markPrice: <c>/market</c>.</summary>
    public const string MarketRoute = "/market";

    public const string PrivateRoute = "/private";

    /// <summary><c>{base}{route}/stream?streams=a/b/c</c> (combined mode: every payload wrapped with its stream name).</summary>
    public static Uri Combined(Uri baseUri, string route, IEnumerable<string> streams)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var url = new StringBuilder(baseUri.GetLeftPart(UriPartial.Authority)).Append(route).Append("/stream?streams=");
        url.AppendJoin('/', streams);
        return new Uri(url.ToString());
    }

    public static Uri UserData(Uri baseUri, string listenKey, bool keyInPath)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var root = baseUri.GetLeftPart(UriPartial.Authority) + PrivateRoute + "/ws";
        return new Uri(keyInPath ? root + "/" + Uri.EscapeDataString(listenKey) : root + "?listenKey=" + Uri.EscapeDataString(listenKey));
    }
}
