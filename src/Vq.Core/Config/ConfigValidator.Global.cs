using System.Net;

namespace Vq.Core.Config;

public static partial class ConfigValidator
{
    /// <summary>All of <c>global</c>: the global-only sections plus the per-symbol sections' resolved global values.</summary>
    /// <remarks>Defaults are valid, so checking only <paramref name="written"/> (when given) loses nothing.</remarks>
    public static void ValidateGlobal(GlobalSettings g, List<ConfigError> e, SymbolOverrides? written = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(e);
        RangeChecks.Url(e, "global.proxy", g.Proxy, "http", "https", "socks5");
        RangeChecks.Url(e, "global.endpoints.rest", g.Endpoints.Rest, "https", "http");
        RangeChecks.Url(e, "global.endpoints.ws", g.Endpoints.Ws, "wss", "ws");

        var ws = g.Ws;
        RangeChecks.Int(e, "global.ws.stale_data_ms", ws.StaleDataMs, 100, 600_000);
        RangeChecks.Int(e, "global.ws.reconnect.initial_delay_ms", ws.Reconnect.InitialDelayMs, 1, 600_000);
        RangeChecks.Int(e, "global.ws.reconnect.max_delay_ms", ws.Reconnect.MaxDelayMs, 1, MaxMs);
        RangeChecks.Int(e, "global.ws.reconnect.multiplier", ws.Reconnect.Multiplier, 1, 10);
        if (ws.Reconnect.InitialDelayMs > 0 && ws.Reconnect.MaxDelayMs > 0 && ws.Reconnect.InitialDelayMs > ws.Reconnect.MaxDelayMs)
        {
            e.Add(new ConfigError("global.ws.reconnect.max_delay_ms",
                $"must be at least initial_delay_ms ({ws.Reconnect.InitialDelayMs}) (got {ws.Reconnect.MaxDelayMs})"));
        }

        RangeChecks.Int(e, "global.ws.listen_key_keepalive_min", ws.ListenKeyKeepaliveMin, 1, 59, "a listenKey expires 60 minutes after its last keepalive");
        RangeChecks.Int(e, "global.ws.ping_interval_s", ws.PingIntervalS, 1, 300);
        RangeChecks.Int(e, "global.ws.max_connection_age_min", ws.MaxConnectionAgeMin, 1, 1439, "Binance closes every connection after 24 hours");

        RangeChecks.Int(e, "global.rest.recv_window_ms", g.Rest.RecvWindowMs, 1, 60_000, "Binance rejects a recvWindow above 60000");
        RangeChecks.Int(e, "global.rest.timeout_ms", g.Rest.TimeoutMs, 100, 600_000);
        RangeChecks.Int(e, "global.rest.time_sync_interval_s", g.Rest.TimeSyncIntervalS, 10, 86_400);

        RangeChecks.Int(e, "global.rate_limit.max_orders_per_sec", g.RateLimit.MaxOrdersPerSec, 0, MaxCount, "0 = unlimited");
        RangeChecks.Int(e, "global.rate_limit.max_cancels_per_sec", g.RateLimit.MaxCancelsPerSec, 0, MaxCount, "0 = unlimited");

        RangeChecks.Int(e, "global.account.position_refresh_interval_s", g.Account.PositionRefreshIntervalS, 10, 86_400);
        RangeChecks.Int(e, "global.account.margin_refresh_debounce_s", g.Account.MarginRefreshDebounceS, 0, 600);

        RangeChecks.Url(e, "global.telegram.api_base", g.Telegram.ApiBase, "https", "http");

        if (g.Logging.Dir is { } dir && string.IsNullOrWhiteSpace(dir))
        {
            e.Add(new ConfigError("global.logging.dir", "must not be empty (leave it out to use VQ_LOG_DIR or logs)"));
        }

        RangeChecks.Int(e, "global.logging.retention_days", g.Logging.RetentionDays, 1, 3650);

        if (!IsLoopbackEndpoint(g.Metrics.Listen))
        {
            e.Add(new ConfigError("global.metrics.listen",
                $"must be a loopback address and port such as 127.0.0.1:9464 or [::1]:9464 (got \"{g.Metrics.Listen}\")"));
        }

        ValidateOverrides("global.", written ?? new SymbolOverrides
        {
            Execution = ExecutionOverrides.From(g.Execution),
            Accel = AccelOverrides.From(g.Accel),
            Roi = RoiOverrides.From(g.Roi),
            Risk = RiskOverrides.From(g.Risk),
        }, e);
    }

    /// <summary>The metrics endpoint is unauthenticated, so it may only listen on loopback.</summary>
    private static bool IsLoopbackEndpoint(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(text.AsSpan("localhost:".Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65_535;
        }

        // IPEndPoint.TryParse accepts a bare address (port 0); a port is required here.
        return text.Contains(':', StringComparison.Ordinal) && !text.EndsWith(']')
            && IPEndPoint.TryParse(text, out var endpoint) && IPAddress.IsLoopback(endpoint.Address)
            && (endpoint.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || text.StartsWith('['));
    }
}
