using Microsoft.Extensions.Logging;
using Vq.Core.Config;

namespace Vq.Binance.Stream;

/// <summary>WebSocket settings shared by market and user-data streams (SPEC §5.4, D16).</summary>
public sealed record StreamOptions
{
    public const string MainnetWs = "wss://fstream.binance.com";
    public const string TestnetWs = "wss://fstream.binancefuture.com";

    /// <summary>The WS base; the routes <c>/public</c>, <c>/market</c>, <c>/private</c> are appended (D16).</summary>
    public required Uri BaseUri { get; init; }
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
    public double ReconnectMultiplier { get; init; } = 2;
    /// <summary>Each delay is scaled by a random factor in [1 − j, 1 + j] so many clients do not reconnect in step.</summary>
    public double ReconnectJitter { get; init; } = 0.2;
    /// <summary>Reconnect proactively before Binance's 24 h connection limit.</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(23);
    /// <summary>Client keep-alive pings (P24); the server pings every 3 min and we always answer.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public Uri? Proxy { get; init; }
    /// <summary>listenKey keepalive period (keys live 60 min; BINANCE.md §3.9).</summary>
    public TimeSpan ListenKeyKeepAlive { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Use <c>/private/ws/&lt;key&gt;</c> instead of <c>/private/ws?listenKey=&lt;key&gt;</c>.</summary>
    public bool ListenKeyInPath { get; init; }
    /// <summary>Where connection, rate-limit and clock events are logged (Log.cs); null writes nothing.</summary>
    public ILogger? Logger { get; init; }

    public static StreamOptions FromSettings(GlobalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ws = settings.Ws;
        return new StreamOptions
        {
            BaseUri = new Uri(settings.Endpoints.Ws ?? (settings.Testnet ? TestnetWs : MainnetWs)),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(ws.Reconnect.InitialDelayMs),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(ws.Reconnect.MaxDelayMs),
            ReconnectMultiplier = ws.Reconnect.Multiplier,
            MaxConnectionAge = TimeSpan.FromMinutes(ws.MaxConnectionAgeMin),
            KeepAliveInterval = TimeSpan.FromSeconds(ws.PingIntervalS),
            ListenKeyKeepAlive = TimeSpan.FromMinutes(ws.ListenKeyKeepaliveMin),
            Proxy = string.IsNullOrWhiteSpace(settings.Proxy) ? null : new Uri(settings.Proxy),
        };
    }
}

public enum StreamState : byte
{
    /// <summary>The first successful connect.</summary>
    Connected,
    /// <summary>The connection dropped (or was renewed); events may have been missed until re-established.</summary>
    Lost,
    /// <summary>Connected again after a loss: the engine recalibrates (SPEC §5.4).</summary>
    Reestablished,
}

/// <summary>A connection state change, raised on the stream's own task.</summary>
public readonly record struct StreamStateChange(string Stream, StreamState State, string? Reason);

/// <summary>Per-connection counters (single writer; read from anywhere).</summary>
public sealed class StreamCounters
{
    private long _messages, _events, _invalid, _ignored, _oversized, _reconnects;

    public long Messages => Volatile.Read(ref _messages);
    public long Events => Volatile.Read(ref _events);
    /// <summary>Malformed frames, counted and skipped.</summary>
    public long Invalid => Volatile.Read(ref _invalid);
    /// <summary>Control replies, unknown event types, unregistered symbols.</summary>
    public long Ignored => Volatile.Read(ref _ignored);
    public long Oversized => Volatile.Read(ref _oversized);
    public long Reconnects => Volatile.Read(ref _reconnects);

    internal void Message() => Interlocked.Increment(ref _messages);
    internal void Event() => Interlocked.Increment(ref _events);
    internal void InvalidFrame() => Interlocked.Increment(ref _invalid);
    internal void IgnoredFrame() => Interlocked.Increment(ref _ignored);
    internal void OversizedFrame() => Interlocked.Increment(ref _oversized);
    internal void Reconnect() => Interlocked.Increment(ref _reconnects);
}
