using Vq.Core.Config;

namespace Vq.Config;

/// <summary>Reads <c>global</c> into <see cref="GlobalSettings"/>: what the file wrote over the defaults.</summary>
internal static class GlobalSectionReader
{
    /// <returns>The resolved settings, and what the per-symbol sections wrote (file order, for validation).</returns>
    public static (GlobalSettings Settings, SymbolOverrides Written) Read(YamlSection s)
    {
        var d = new GlobalSettings();
        var testnet = s.Bool("testnet");
        var proxy = s.String("proxy");
        var endpoints = s.Section("endpoints");
        var endpointSettings = new EndpointSettings { Rest = endpoints.String("rest"), Ws = endpoints.String("ws") };
        endpoints.Finish();
        var universe = s.Enum("universe", ConfigEnums.UniverseModes);
        var startup = s.Section("startup");
        var startupSettings = new StartupSettings
        {
            CancelLeftoverOrders = startup.Bool("cancel_leftover_orders") ?? d.Startup.CancelLeftoverOrders,
        };
        startup.Finish();

        var ws = ReadWs(s.Section("ws"), d.Ws);
        var rest = s.Section("rest");
        var restSettings = new RestSettings
        {
            RecvWindowMs = rest.Int("recv_window_ms") ?? d.Rest.RecvWindowMs,
            TimeoutMs = rest.Int("timeout_ms") ?? d.Rest.TimeoutMs,
            TimeSyncIntervalS = rest.Int("time_sync_interval_s") ?? d.Rest.TimeSyncIntervalS,
        };
        rest.Finish();

        var overridable = SectionReaders.ReadOverridable(s, isSymbol: false);

        var rateLimit = s.Section("rate_limit");
        var rateLimitSettings = new RateLimitSettings
        {
            MaxOrdersPerSec = rateLimit.Int("max_orders_per_sec") ?? d.RateLimit.MaxOrdersPerSec,
            MaxCancelsPerSec = rateLimit.Int("max_cancels_per_sec") ?? d.RateLimit.MaxCancelsPerSec,
        };
        rateLimit.Finish();

        var account = s.Section("account");
        var accountSettings = new AccountSettings
        {
            PositionRefreshIntervalS = account.Int("position_refresh_interval_s") ?? d.Account.PositionRefreshIntervalS,
            MarginRefreshDebounceS = account.Int("margin_refresh_debounce_s") ?? d.Account.MarginRefreshDebounceS,
        };
        account.Finish();

        var telegram = ReadTelegram(s.Section("telegram"), d.Telegram);
        var logging = ReadLogging(s.Section("logging"), d.Logging);
        var metrics = s.Section("metrics");
        var metricsSettings = new MetricsSettings
        {
            Enabled = metrics.Bool("enabled") ?? d.Metrics.Enabled,
            Listen = metrics.String("listen") ?? d.Metrics.Listen,
        };
        metrics.Finish();

        var settings = new GlobalSettings
        {
            Testnet = testnet ?? d.Testnet,
            Proxy = proxy,
            Endpoints = endpointSettings,
            Universe = universe ?? d.Universe,
            Startup = startupSettings,
            Ws = ws,
            Rest = restSettings,
            Execution = SettingsMerger.Apply(d.Execution, overridable.Execution),
            Accel = SettingsMerger.Apply(d.Accel, overridable.Accel),
            Roi = SettingsMerger.Apply(d.Roi, overridable.Roi),
            Risk = SettingsMerger.Apply(d.Risk, overridable.Risk),
            RateLimit = rateLimitSettings,
            Account = accountSettings,
            Telegram = telegram,
            Logging = logging,
            Metrics = metricsSettings,
        };
        return (settings, overridable);
    }

    private static WsSettings ReadWs(YamlSection s, WsSettings d)
    {
        var reconnect = s.Section("reconnect");
        var settings = new WsSettings
        {
            StaleDataMs = s.Int("stale_data_ms") ?? d.StaleDataMs,
            Reconnect = new ReconnectSettings
            {
                InitialDelayMs = reconnect.Int("initial_delay_ms") ?? d.Reconnect.InitialDelayMs,
                MaxDelayMs = reconnect.Int("max_delay_ms") ?? d.Reconnect.MaxDelayMs,
                Multiplier = reconnect.Int("multiplier") ?? d.Reconnect.Multiplier,
            },
            ListenKeyKeepaliveMin = s.Int("listen_key_keepalive_min") ?? d.ListenKeyKeepaliveMin,
            PingIntervalS = s.Int("ping_interval_s") ?? d.PingIntervalS,
            MaxConnectionAgeMin = s.Int("max_connection_age_min") ?? d.MaxConnectionAgeMin,
        };
        reconnect.Finish();
        s.Finish();
        return settings;
    }

    private static TelegramSettings ReadTelegram(YamlSection s, TelegramSettings d)
    {
        var events = s.Section("events");
        var settings = new TelegramSettings
        {
            Enabled = s.Bool("enabled") ?? d.Enabled,
            Language = s.Enum("language", ConfigEnums.Languages) ?? d.Language,
            ApiBase = s.String("api_base") ?? d.ApiBase,
            Events = new TelegramEventSettings
            {
                OnFill = events.Bool("on_fill") ?? d.Events.OnFill,
                OnReconnect = events.Bool("on_reconnect") ?? d.Events.OnReconnect,
                OnRiskTrigger = events.Bool("on_risk_trigger") ?? d.Events.OnRiskTrigger,
                OnOpenAlert = events.Bool("on_open_alert") ?? d.Events.OnOpenAlert,
            },
        };
        events.Finish();
        s.Reject("bot_token", "the Telegram token comes from the environment only: set TELEGRAM_BOT_TOKEN");
        s.Reject("token", "the Telegram token comes from the environment only: set TELEGRAM_BOT_TOKEN");
        s.Reject("chat_id", "the Telegram chat id comes from the environment only: set TELEGRAM_CHAT_ID");
        s.Finish();
        return settings;
    }

    private static LoggingSettings ReadLogging(YamlSection s, LoggingSettings d)
    {
        var settings = new LoggingSettings
        {
            Dir = s.String("dir"),
            ConsoleLevel = s.Enum("console_level", ConfigEnums.LogLevels) ?? d.ConsoleLevel,
            FileLevel = s.Enum("file_level", ConfigEnums.LogLevels) ?? d.FileLevel,
            RetentionDays = s.Int("retention_days") ?? d.RetentionDays,
            Json = s.Bool("json") ?? d.Json,
        };
        s.Finish();
        return settings;
    }
}
