using Vq.Core.Primitives;

namespace Vq.Core.Config;

// The resolved configuration the domain consumes (SPEC §1.2 plus vq's own keys). Every default lives here, once.
// YAML paths are given in each record's comment. Config/SettingsDescriber.cs lists every path (the key catalogue),
// SettingsOverrides.cs is the per-symbol override layer, and the host's Config/ readers map YAML onto both.

/// <summary><c>global.execution</c> (every key overridable per symbol).</summary>
public sealed record ExecutionSettings
{
    public int OrderTtlMs { get; init; } = 800;
    public int RepostCooldownMs { get; init; } = 100;
    public int MinSignalIntervalMs { get; init; } = 200;
    /// <summary>At least 1 (validated; the original silently treated lower values as 1).</summary>
    public int BaseLotMult { get; init; } = 1;
    public MakerPriceMode MakerPriceMode { get; init; } = MakerPriceMode.InsideSpread1Tick;
    public int MakerNTicks { get; init; } = 1;
    public int MakerSafetyTicks { get; init; } = 1;
    public int MaxMult { get; init; } = 50;
    /// <summary>USDT; ≤ 0 disables the cap.</summary>
    public decimal MaxOrderNotional { get; init; } = 200m;
    /// <summary>≤ 0 never escalates.</summary>
    public int MakerTimeoutsToEscalate { get; init; } = 2;
    public int AggrFillsToDeescalate { get; init; } = 1;
    public int AggrTimeoutsToDeescalate { get; init; } = 2;
    /// <summary>P2/P4: how long a cancelled or completed order's terminal events may still arrive.</summary>
    public int WsFillGraceMs { get; init; } = 5000;
}

public sealed record AccelTier(decimal Ret, int Mult);

public sealed record RoiTier(decimal Roi, int Mult);

/// <summary><c>global.accel</c>. Tiers are shared by LONG and SHORT (§2.6).</summary>
public sealed record AccelSettings
{
    public int WindowMs { get; init; } = 2000;
    public IReadOnlyList<AccelTier> Tiers { get; init; } = [];
}

/// <summary><c>global.roi</c>.</summary>
public sealed record RoiSettings
{
    public IReadOnlyList<RoiTier> Tiers { get; init; } = [];
}

public sealed record PanicTier(decimal DistToLiq, decimal SliceRatio, int MakerTimeoutsToEscalate = 2);

/// <summary><c>global.risk.panic_close</c>.</summary>
public sealed record PanicCloseSettings
{
    public bool Enabled { get; init; }
    public decimal TtlPercent { get; init; } = 0.5m;
    public IReadOnlyList<PanicTier> Tiers { get; init; } = [];
}

/// <summary><c>global.risk.protective_stop.external_takeover</c> (P14/P15, D6).</summary>
public sealed record ExternalTakeoverSettings
{
    public bool Enabled { get; init; } = true;
    public int RestVerifyIntervalS { get; init; } = 30;
    public int MaxHoldS { get; init; } = 300;
    /// <summary>D6: cancel a user's stop that sits beyond the liquidation price; false = alert only.</summary>
    public bool CancelInvalid { get; init; } = true;
}

/// <summary><c>global.risk.protective_stop</c> (§4.4, P16).</summary>
public sealed record ProtectiveStopSettings
{
    public bool Enabled { get; init; } = true;
    /// <summary>Exclusive (0, 1).</summary>
    public decimal DistToLiq { get; init; } = 0.01m;
    public bool AllowLoosenOnLiqImprove { get; init; } = true;
    public decimal LiqImproveThreshold { get; init; } = 0.005m;
    public int LoosenCooldownS { get; init; } = 30;
    public ExternalTakeoverSettings ExternalTakeover { get; init; } = new();
}

/// <summary><c>global.risk</c>.</summary>
public sealed record RiskSettings
{
    public decimal LiqDistanceThreshold { get; init; } = 0.015m;
    public PanicCloseSettings PanicClose { get; init; } = new();
    public ProtectiveStopSettings ProtectiveStop { get; init; } = new();
}

/// <summary>The merged per-symbol view (§1.3): what one leg's decisions use.</summary>
public sealed record SymbolSettings
{
    /// <summary>Exchange form, e.g. <c>BTCUSDT</c>.</summary>
    public required string Symbol { get; init; }
    public ExecutionSettings Execution { get; init; } = new();
    public AccelSettings Accel { get; init; } = new();
    public RoiSettings Roi { get; init; } = new();
    public RiskSettings Risk { get; init; } = new();
}

public sealed record ReconnectSettings
{
    public int InitialDelayMs { get; init; } = 1000;
    public int MaxDelayMs { get; init; } = 30000;
    public int Multiplier { get; init; } = 2;
}

/// <summary><c>global.ws</c>.</summary>
public sealed record WsSettings
{
    public int StaleDataMs { get; init; } = 1500;
    public ReconnectSettings Reconnect { get; init; } = new();
    /// <summary>listenKey keepalive period (BINANCE.md §3.9: keys live 60 min).</summary>
    public int ListenKeyKeepaliveMin { get; init; } = 30;
    /// <summary>Client ping interval (P24: 20 s heartbeat).</summary>
    public int PingIntervalS { get; init; } = 20;
    /// <summary>Reconnect proactively before Binance's 24 h connection limit.</summary>
    public int MaxConnectionAgeMin { get; init; } = 23 * 60;
}

/// <summary><c>global.rest</c>: request signing and transport.</summary>
public sealed record RestSettings
{
    public int RecvWindowMs { get; init; } = 5000;
    public int TimeoutMs { get; init; } = 10000;
    public int TimeSyncIntervalS { get; init; } = 300;
}

/// <summary><c>global.rate_limit</c> (account-wide, §4.6). ≤ 0 = unlimited.</summary>
public sealed record RateLimitSettings
{
    public int MaxOrdersPerSec { get; init; } = 5;
    public int MaxCancelsPerSec { get; init; } = 8;
}

/// <summary><c>global.account</c>: position refresh cadence (P19).</summary>
public sealed record AccountSettings
{
    public int PositionRefreshIntervalS { get; init; } = 300;
    public int MarginRefreshDebounceS { get; init; } = 2;
}

public sealed record TelegramEventSettings
{
    public bool OnFill { get; init; } = true;
    public bool OnReconnect { get; init; } = true;
    public bool OnRiskTrigger { get; init; } = true;
    public bool OnOpenAlert { get; init; } = true;
}

public enum MessageLanguage : byte
{
    En = 0,
    Zh = 1,
}

/// <summary><c>global.telegram</c>. Token and chat id come from the environment only.</summary>
public sealed record TelegramSettings
{
    public bool Enabled { get; init; }
    public MessageLanguage Language { get; init; } = MessageLanguage.En;
    public string ApiBase { get; init; } = "https://api.telegram.org";
    public TelegramEventSettings Events { get; init; } = new();
}

public enum UniverseMode : byte
{
    /// <summary>D9 default: configured symbols ∪ every symbol with a non-zero position.</summary>
    AllPositions = 0,
    Configured = 1,
}

public sealed record EndpointSettings
{
    /// <summary>REST base; null = Binance mainnet (or testnet when <c>global.testnet</c>).</summary>
    public string? Rest { get; init; }
    /// <summary>WebSocket base; vq appends the routes <c>/public</c>, <c>/market</c>, <c>/private</c> (D16).</summary>
    public string? Ws { get; init; }
}

public sealed record StartupSettings
{
    /// <summary>D5: cancel earlier runs' <c>vq-</c> orders at startup.</summary>
    public bool CancelLeftoverOrders { get; init; } = true;
}

public enum LogLevelSetting : byte
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
}

/// <summary><c>global.logging</c>.</summary>
public sealed record LoggingSettings
{
    /// <summary>Null = <c>VQ_LOG_DIR</c>, else <c>logs</c>.</summary>
    public string? Dir { get; init; }
    public LogLevelSetting ConsoleLevel { get; init; } = LogLevelSetting.Information;
    public LogLevelSetting FileLevel { get; init; } = LogLevelSetting.Debug;
    public int RetentionDays { get; init; } = 30;
    public bool Json { get; init; }
}

/// <summary><c>global.metrics</c>: optional Prometheus text endpoint on loopback.</summary>
public sealed record MetricsSettings
{
    public bool Enabled { get; init; }
    public string Listen { get; init; } = "127.0.0.1:9464";
}

/// <summary><c>global</c>.</summary>
public sealed record GlobalSettings
{
    public bool Testnet { get; init; }
    public string? Proxy { get; init; }
    public EndpointSettings Endpoints { get; init; } = new();
    public UniverseMode Universe { get; init; } = UniverseMode.AllPositions;
    public StartupSettings Startup { get; init; } = new();
    public WsSettings Ws { get; init; } = new();
    public RestSettings Rest { get; init; } = new();
    public ExecutionSettings Execution { get; init; } = new();
    public AccelSettings Accel { get; init; } = new();
    public RoiSettings Roi { get; init; } = new();
    public RiskSettings Risk { get; init; } = new();
    public RateLimitSettings RateLimit { get; init; } = new();
    public AccountSettings Account { get; init; } = new();
    public TelegramSettings Telegram { get; init; } = new();
    public LoggingSettings Logging { get; init; } = new();
    public MetricsSettings Metrics { get; init; } = new();
}
