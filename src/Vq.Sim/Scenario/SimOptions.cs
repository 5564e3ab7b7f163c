using Vq.Sim.Faults;
using Vq.Sim.Market;
using Vq.Sim.Matching;
using Vq.Sim.Wire;

namespace Vq.Sim.Scenario;

/// <summary>One listed symbol: its filters and, for the synthetic market, its random-walk parameters.</summary>
public sealed record SymbolOptions(Instrument Instrument, SyntheticParameters Synthetic);

/// <summary>A leg to seed at start (scenario <c>positions:</c>).</summary>
public sealed record PositionSeed(string Symbol, LegSide Side, decimal Quantity, decimal EntryPrice, int? Leverage, MarginMode? MarginMode);

/// <summary>Everything a simulator run needs, resolved from a scenario file or built by a test.</summary>
public sealed record SimOptions
{
    /// <summary>Documented test credentials (docs/sim.md); BINANCE_API_KEY / BINANCE_API_SECRET override them.</summary>
    public const string DefaultApiKey = "vqsimTestApiKey0000000000000000000000000000000000000000000000001";
    public const string DefaultApiSecret = "vqsimTestApiSecret000000000000000000000000000000000000000000002";

    public string Name { get; init; } = "default";
    public int Seed { get; init; } = 1;
    /// <summary>Market time per wall time (2 = the market moves twice as fast).</summary>
    public double Speed { get; init; } = 1.0;
    public string ApiKey { get; init; } = DefaultApiKey;
    public string ApiSecret { get; init; } = DefaultApiSecret;
    public decimal WalletBalance { get; init; } = 10_000m;
    public bool HedgeMode { get; init; } = true;
    public decimal MakerFeeRate { get; init; } = 0.0002m;
    public decimal TakerFeeRate { get; init; } = 0.0005m;
    public int DefaultLeverage { get; init; } = 20;
    public IReadOnlyList<SymbolOptions> Symbols { get; init; } =
        [new(Instrument.BtcUsdt, new SyntheticParameters()), new(Instrument.EthUsdt, SyntheticDefaults.EthUsdt)];
    /// <summary>A JSONL recording to replay instead of the synthetic market (null: synthetic).</summary>
    public string? ReplayPath { get; init; }
    public bool ReplayLoop { get; init; } = true;
    public IReadOnlyList<PositionSeed> Positions { get; init; } = [];
    public RateLimitSettings Limits { get; init; } = new();
    public FaultSettings Faults { get; init; } = new();
    public long ListenKeyValidityMs { get; init; } = 60L * 60 * 1000;
    /// <summary>Server ping interval on WebSockets (Binance: 3 minutes).</summary>
    public long PingIntervalMs { get; init; } = 180_000;
    /// <summary>Incoming WebSocket messages per second before the connection is dropped (Binance: 10).</summary>
    public int MaxIncomingMessagesPerSecond { get; init; } = 10;
    /// <summary>Tests: a manual clock starting here and no background market; drive with <c>AdvanceMarket</c>.</summary>
    public long? ManualClockStartMs { get; init; }

    /// <summary>Applies BINANCE_API_KEY / BINANCE_API_SECRET when they are set (so vq and the sim share credentials).</summary>
    public SimOptions WithEnvironmentCredentials()
    {
        var key = Environment.GetEnvironmentVariable("BINANCE_API_KEY");
        var secret = Environment.GetEnvironmentVariable("BINANCE_API_SECRET");
        return this with
        {
            ApiKey = string.IsNullOrEmpty(key) ? ApiKey : key,
            ApiSecret = string.IsNullOrEmpty(secret) ? ApiSecret : secret,
        };
    }
}

/// <summary>Calibrated synthetic defaults per known symbol (docs/sim.md "Calibration").</summary>
public static class SyntheticDefaults
{
    public static SyntheticParameters BtcUsdt { get; } = new();

    public static SyntheticParameters EthUsdt { get; } = new()
    {
        StartMid = 3000m, VolatilityPerSqrtSecond = 5.7e-5, TopQtyMedian = 64, TradesPerSecond = 28, TradeQtyMedian = 0.041,
        TradeQtySigma = 2.43, DepthQtyPerTick = 60m,
    };

    public static SyntheticParameters For(string symbol) => symbol == "ETHUSDT" ? EthUsdt : BtcUsdt;
}
