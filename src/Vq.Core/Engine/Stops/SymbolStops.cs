using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>Where a symbol's sync stands.</summary>
internal enum SyncPhase : byte
{
    Idle = 0,
    /// <summary><see cref="CommandKind.ScanStops"/> is out; waiting for <c>OnStopScan</c>.</summary>
    Scanning = 1,
    /// <summary>A place or cancel is out; waiting for <c>OnStopCommandResult</c>. Nothing else is sent meanwhile.</summary>
    AwaitingResult = 2,
}

/// <summary>
/// One symbol's two legs and its sync in progress: the scan (copied, since the sync spans several calls), the plan of
/// the leg being executed and the command awaited. Buffers are reused across syncs. Owner thread only.
/// </summary>
internal sealed class SymbolStops
{
    private ScannedOrder[] _orders = new ScannedOrder[16];
    private int _orderCount;

    public SymbolStops(int index, string name, LegStops longLeg, LegStops shortLeg)
    {
        Index = index;
        Name = name;
        Long = longLeg;
        Short = shortLeg;
    }

    public int Index { get; }

    public string Name { get; }

    public LegStops Long { get; }

    public LegStops Short { get; }

    public SyncPhase Phase { get; set; }

    /// <summary>Syncs finished so far, failed ones included (the host waits for one at startup).</summary>
    public int CompletedSyncs { get; set; }

    /// <summary>Why the running sync started (scheduler reason literal).</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>When the current scan or command went out: the stall guard measures from it.</summary>
    public long WaitingSinceMs { get; set; }

    /// <summary>The leg whose plan is being executed.</summary>
    public PositionSide CurrentSide { get; set; }

    public List<StopDecision> Decisions { get; } = new(8);

    /// <summary>A scan, cancel or placement of the running sync failed: a retry is owed when it ends.</summary>
    public bool SyncFailed { get; set; }

    /// <summary>Syncs in a row that failed somewhere; sets the retry back-off.</summary>
    public int ConsecutiveFailures { get; set; }

    public int DecisionIndex { get; set; }

    /// <summary>The command awaited in <see cref="SyncPhase.AwaitingResult"/>: results are matched against it.</summary>
    public EngineCommand Awaited { get; set; }

    public ReadOnlySpan<ScannedOrder> Orders => _orders.AsSpan(0, _orderCount);

    public LegStops Leg(PositionSide side) => side == PositionSide.Long ? Long : Short;

    public void StoreScan(ReadOnlySpan<ScannedOrder> orders)
    {
        if (orders.Length > _orders.Length)
        {
            _orders = new ScannedOrder[Math.Max(orders.Length, _orders.Length * 2)];
        }

        orders.CopyTo(_orders);
        _orderCount = orders.Length;
    }

    public void ClearSync()
    {
        Phase = SyncPhase.Idle;
        SyncFailed = false;
        Decisions.Clear();
        DecisionIndex = 0;
        Awaited = default;
        Array.Clear(_orders, 0, _orderCount);
        _orderCount = 0;
    }

    /// <summary>True when <paramref name="result"/> answers the command this sync waits for (a stale answer is not).</summary>
    public bool IsAwaited(in EngineCommand result) =>
        Phase == SyncPhase.AwaitingResult &&
        result.Kind == Awaited.Kind &&
        result.Side == Awaited.Side &&
        result.OrderId == Awaited.OrderId &&
        result.Book == Awaited.Book &&
        result.ClientOrderId == Awaited.ClientOrderId;
}
