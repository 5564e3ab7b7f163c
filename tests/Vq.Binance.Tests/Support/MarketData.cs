namespace Vq.Binance.Tests.Support;

/// <summary>Finds <c>shared/data/market</c> by walking up from the test's base directory (never copied into the repo).</summary>
public static class MarketData
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "market");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/data/market not found above " + AppContext.BaseDirectory);
        }
    }

    public static IEnumerable<string> UsdmFiles() =>
        System.IO.Directory.GetFiles(Directory, "*usdm*.jsonl").Order(StringComparer.Ordinal);

    /// <summary>Wraps a recorded line as the combined-stream message Binance sends (README of the data folder).</summary>
    public static string Wrap(string line)
    {
        var stream = line.Contains("\"e\":\"bookTicker\"") ? "@bookTicker"
            : line.Contains("\"e\":\"aggTrade\"") ? "@aggTrade"
            : "@markPrice@1s";
        var symbolStart = line.IndexOf("\"s\":\"", StringComparison.Ordinal) + 5;
        var symbol = line[symbolStart..line.IndexOf('"', symbolStart)].ToLowerInvariant();
        return "{\"stream\":\"" + symbol + stream + "\",\"data\":" + line + "}";
    }
}
