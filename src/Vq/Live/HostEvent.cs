using Vq.Binance.Protocol;
using Vq.Binance.Stream;
using Vq.Core.Execution;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>What reaches the engine thread through the never-dropped queue.</summary>
internal enum HostEventKind : byte
{
    OrderUpdate = 0,
    AccountUpdate = 1,
    Leverage = 2,
    PlaceResult = 3,
    CancelResult = 4,
    QueryResult = 5,
    Inspection = 6,
    InspectionFailed = 7,
    StreamState = 8,
    /// <summary>A cold-path action to run on the engine thread (startup feed, recalibration, reload, stop).</summary>
    Invoke = 9,
    /// <summary>MARGIN_CALL: positions at risk; their liquidation prices are refreshed by REST (P19).</summary>
    MarginCall = 10,
    /// <summary>The answer to a ScanStops command (<see cref="StopScanResult"/>).</summary>
    StopScan = 11,
    /// <summary>The answer to a PlaceStop or CancelStop command (<see cref="StopCommandOutcome"/>).</summary>
    StopResult = 12,
    /// <summary>ALGO_UPDATE: a conditional order changed (<see cref="AlgoUpdate"/>); the stop coordinator decides.</summary>
    AlgoUpdate = 13,
}

/// <summary>
/// One event for the engine thread. A flat struct; the reference fields carry cold-path payloads (account updates,
/// inspection snapshots, actions) that are allocated anyway. Order and REST events are never dropped.
/// </summary>
internal readonly record struct HostEvent
{
    public required HostEventKind Kind { get; init; }
    /// <summary>Engine symbol index (REST results); -1 when the event names its symbol itself.</summary>
    public int Symbol { get; init; }
    public PositionSide Side { get; init; }
    public OrderTradeUpdate Order { get; init; }
    public PlaceResult Place { get; init; }
    public CancelResult Cancel { get; init; }
    public QueryResult Query { get; init; }
    public StreamStateChange Stream { get; init; }
    public string? SymbolName { get; init; }
    public decimal Leverage { get; init; }
    /// <summary><see cref="AccountUpdate"/>, <see cref="InspectionSnapshot"/>, a stop result or <see cref="Action{EngineLoop}"/>.</summary>
    public object? Payload { get; init; }
}
