namespace Vq.Sim.Tests.Market;

/// <summary>Finds ../shared/data/market by walking up from the test binary (the recordings are never copied into the repo).</summary>
internal static class RecordedData
{
    public const string BtcFile = "binance-usdm-btcusdt-2023-04-04T2358Z.jsonl";
    public const string BtcEthFile = "binance-usdm-btcusdt-ethusdt-2024-07-18T2357Z.jsonl";

    public static string? Find(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "market", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        return null;
    }

    public static string Require(string file) =>
        Find(file) ?? throw new InvalidOperationException($"recording {file} not found above {AppContext.BaseDirectory} (expected shared/data/market)");
}
