using Microsoft.Extensions.Logging;
using Vq.Core.Config;

namespace Vq.Binance.Rest;

/// <summary>REST client settings. Secrets live here and are never logged (<see cref="ToString"/> hides them).</summary>
public sealed record BinanceRestOptions
{
    public const string MainnetRest = "https://fapi.binance.com";
    public const string TestnetRest = "https://demo-fapi.binance.com";

    public required Uri BaseUri { get; init; }
    public required string ApiKey { get; init; }
    public required string ApiSecret { get; init; }
    /// <summary>BINANCE.md §2.3: default 5000 ms, maximum 60000.</summary>
    public int RecvWindowMs { get; init; } = 5000;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Pooled keep-alive connections are recycled after this, so DNS changes are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(10);
    public Uri? Proxy { get; init; }
    public TimeSpan TimeSyncInterval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How many times an unknown placement is looked up by client order id before giving up.</summary>
    public int UnknownOrderQueryAttempts { get; init; } = 3;
    public TimeSpan UnknownOrderQueryDelay { get; init; } = TimeSpan.FromMilliseconds(300);
    /// <summary>Where connection, rate-limit and clock events are logged (Log.cs); null writes nothing.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>From the resolved config: endpoints (D16), testnet, proxy, recvWindow, timeouts.</summary>
    public static BinanceRestOptions FromSettings(GlobalSettings settings, string apiKey, string apiSecret)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUri = settings.Endpoints.Rest ?? (settings.Testnet ? TestnetRest : MainnetRest);
        return new BinanceRestOptions
        {
            BaseUri = new Uri(baseUri),
            ApiKey = apiKey,
            ApiSecret = apiSecret,
            RecvWindowMs = settings.Rest.RecvWindowMs,
            RequestTimeout = TimeSpan.FromMilliseconds(settings.Rest.TimeoutMs),
            TimeSyncInterval = TimeSpan.FromSeconds(settings.Rest.TimeSyncIntervalS),
            Proxy = string.IsNullOrWhiteSpace(settings.Proxy) ? null : new Uri(settings.Proxy),
        };
    }

    public override string ToString() => $"BinanceRestOptions {{ BaseUri = {BaseUri}, RecvWindowMs = {RecvWindowMs}, Proxy = {Proxy} }}";
}
