namespace Vq.Sim.Faults;

/// <summary>
/// Faults configured up front (scenario <c>faults:</c>) — docs/sim.md "Faults". Zero / null disables each one.
/// Counts are "the next N matching requests"; probabilities use the scenario's seed.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Close every WebSocket connection this often (abruptly, no close frame).</summary>
    public long DropWebSocketsEveryMs { get; init; }
    /// <summary>Hold each user-data event this long before sending it.</summary>
    public int UserEventDelayMs { get; init; }
    public double DuplicateUserEventProbability { get; init; }
    /// <summary>Chance that a user-data event is held back and sent after the next one.</summary>
    public double ReorderUserEventProbability { get; init; }
    /// <summary>Next N order placements are executed but answered 503 "Unknown error".</summary>
    public int UnknownError503Count { get; init; }
    public double UnknownError503Probability { get; init; }
    /// <summary>Next N requests are executed, then the response is withheld for <see cref="TimeoutHoldMs"/> and the connection aborted.</summary>
    public int TimeoutCount { get; init; }
    public int TimeoutHoldMs { get; init; } = 15_000;
    /// <summary>Next N requests are answered 429 -1003 without being executed.</summary>
    public int Burst429Count { get; init; }
    /// <summary>Server clock offset against true time (positive: the server runs ahead).</summary>
    public long ClockSkewMs { get; init; }
    /// <summary>Added latency before every REST response.</summary>
    public int RestLatencyMs { get; init; }
    /// <summary>Maximum WebSocket connection lifetime (Binance: 24 h).</summary>
    public long ConnectionLifetimeMs { get; init; } = 24L * 3600 * 1000;
}
