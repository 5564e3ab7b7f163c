using Microsoft.Extensions.Logging;

namespace Vq.Binance;

/// <summary>
/// Every log line the wire client writes (STYLE 21): connection life (reconnects), listenKey renewals, rate-limit
/// holds and bans, clock resyncs. Source-generated (no reflection, AOT-clean). Event ids 3001–3099 belong to
/// Vq.Binance (the host uses 1–99); they are stable, so add new ones at the end and never renumber. Secrets never
/// appear: no API key, no secret, no listenKey, no signed query. The logger is optional everywhere
/// (<see cref="Rest.BinanceRestOptions.Logger"/>, <see cref="Stream.StreamOptions.Logger"/>); without one nothing
/// is written. Nothing here runs per market tick.
/// </summary>
internal static partial class Log
{
    // 3001 and 3002 are Debug: the host writes the operator-facing line of every (re)connect from the stream's state
    // change (`ws_connect` / `ws_reconnect stream=… reason=…`); at Information each connect would be logged twice.
    [LoggerMessage(EventId = 3001, EventName = "ws_connected", Level = LogLevel.Debug,
        Message = "stream {Stream} connected")]
    public static partial void StreamConnected(ILogger logger, string stream);

    [LoggerMessage(EventId = 3002, EventName = "ws_reestablished", Level = LogLevel.Debug,
        Message = "stream {Stream} re-established")]
    public static partial void StreamReestablished(ILogger logger, string stream);

    [LoggerMessage(EventId = 3003, EventName = "ws_lost", Level = LogLevel.Warning,
        Message = "stream {Stream} lost: {Reason}")]
    public static partial void StreamLost(ILogger logger, string stream, string reason);

    [LoggerMessage(EventId = 3004, EventName = "ws_retry", Level = LogLevel.Warning,
        Message = "stream {Stream} not connected ({Reason}); next attempt in {DelayMs} ms")]
    public static partial void StreamRetry(ILogger logger, string stream, string reason, long delayMs);

    [LoggerMessage(EventId = 3005, EventName = "ws_renewing", Level = LogLevel.Information,
        Message = "stream {Stream} closed on purpose (new listenKey, stream set change or connection age); reconnecting now")]
    public static partial void StreamRenewing(ILogger logger, string stream);

    [LoggerMessage(EventId = 3010, EventName = "listen_key_created", Level = LogLevel.Information,
        Message = "listenKey created for the user-data stream")]
    public static partial void ListenKeyCreated(ILogger logger);

    [LoggerMessage(EventId = 3011, EventName = "listen_key_kept_alive", Level = LogLevel.Debug,
        Message = "listenKey kept alive")]
    public static partial void ListenKeyKeptAlive(ILogger logger);

    [LoggerMessage(EventId = 3012, EventName = "listen_key_replaced", Level = LogLevel.Warning,
        Message = "listenKey replaced: {Reason}")]
    public static partial void ListenKeyReplaced(ILogger logger, string reason);

    [LoggerMessage(EventId = 3013, EventName = "listen_key_keepalive_failed", Level = LogLevel.Warning,
        Message = "listenKey keepalive failed ({Outcome} {Code}: {Reason}); the key may still be valid")]
    public static partial void ListenKeyKeepAliveFailed(ILogger logger, string outcome, int code, string? reason);

    [LoggerMessage(EventId = 3020, EventName = "rate_limit_hold", Level = LogLevel.Warning,
        Message = "HTTP 429 on {Method} {Path}: {Scope} held for {HoldMs} ms")]
    public static partial void RateLimitHold(ILogger logger, string method, string path, string scope, long holdMs);

    [LoggerMessage(EventId = 3021, EventName = "ip_ban", Level = LogLevel.Error,
        Message = "HTTP 418 on {Method} {Path}: IP banned until {Until:O}; all requests stopped ({Reason})")]
    public static partial void IpBan(ILogger logger, string method, string path, DateTimeOffset until, string? reason);

    [LoggerMessage(EventId = 3030, EventName = "clock_resync", Level = LogLevel.Information,
        Message = "server-time offset {OffsetMs} ms (was {PreviousMs} ms; {Reason})")]
    public static partial void ClockResync(ILogger logger, long offsetMs, long previousMs, string reason);

    [LoggerMessage(EventId = 3031, EventName = "clock_skew", Level = LogLevel.Warning,
        Message = "-1021 on {Method} {Path}: timestamp outside recvWindow; re-measuring the server-time offset")]
    public static partial void ClockSkew(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3032, EventName = "clock_sync_failed", Level = LogLevel.Warning,
        Message = "server-time sync failed ({Outcome}: {Reason}); keeping offset {OffsetMs} ms")]
    public static partial void ClockSyncFailed(ILogger logger, string outcome, string? reason, long offsetMs);
}
