using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>
/// Runs the protective-stop sync of every managed symbol (SPEC §4.4, P13–P18, P22, D6) as commands out and results
/// in, with no I/O: requests are debounced by a <see cref="StopSyncScheduler"/>; a due symbol gets one
/// <see cref="CommandKind.ScanStops"/>; the scan is planned leg by leg (<see cref="ProtectiveStopPlanner"/>) and the
/// plan is executed one <see cref="CommandKind.CancelStop"/> / <see cref="CommandKind.PlaceStop"/> at a time, each
/// waiting for its result, so a placement never goes out while a cancel before it is unanswered and a failed
/// replace-cancel stops that leg's plan. Decisions and outcomes are <see cref="EngineEventKind.ProtectiveStop"/> events
/// whose <see cref="EngineEvent.Reason"/> is a stable code (<see cref="StopReasons.Code"/> or the literals here);
/// <see cref="EngineEvent.IsRisk"/> marks those that deserve a risk notification.
/// <para>Guarantees: one sync per symbol at a time; a request during a sync reruns it afterwards; a failed scan,
/// placement or cancel schedules a retry (backing off while failures repeat); a sync whose scan or command gets no
/// answer within <see cref="StallTimeoutMs"/> is abandoned (later answers are ignored) and retried.</para>
/// Split by concern: requests, timer and user-data events here; the sync itself in <c>.Sync.cs</c>.
/// Not thread-safe: the engine's owner thread drives it. Time is local monotonic ms; ids use a wall-clock
/// microsecond reading passed per call.
/// </summary>
public sealed partial class ProtectiveStopCoordinator
{
    /// <summary>After a failed scan, placement or cancel, look again after this long (not a tight loop against a failing API).</summary>
    public const int FailureRetryDelayMs = 5000;

    /// <summary>Repeated failures back off (doubling) up to this: a persistent -2021 or -4130 is not retried every 5 s.</summary>
    public const int MaxFailureRetryDelayMs = 60_000;

    /// <summary>A scan or command unanswered this long is abandoned; the host's REST timeouts are far shorter.</summary>
    public const int StallTimeoutMs = 30_000;

    /// <summary>Sync reason after a failure (delayed by <see cref="RetryDelayMs"/>).</summary>
    public const string RetryAfterFailure = "retry_after_failure";

    private readonly IStopLegSource _source;
    private readonly StopSyncScheduler _scheduler = new();
    private readonly List<SymbolStops?> _symbols = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    private int _idCounter;

    public ProtectiveStopCoordinator(IStopLegSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>The earliest time a pending sync is due, or null: the host may sleep until then.</summary>
    public long? NextDueAtMs => _scheduler.NextDueAt;

    /// <summary>
    /// Asks for a sync of <paramref name="symbol"/>: <see cref="StopSyncReasons.PositionUpdate"/> on an amount change,
    /// <see cref="StopSyncReasons.Startup"/> / <see cref="StopSyncReasons.Calibration"/>,
    /// <see cref="StopSyncReasons.PositionRefresh"/>. Debounced by reason (P18). False when dropped as a duplicate verify.
    /// </summary>
    public bool Request(int symbol, string reason, long nowMs) => _scheduler.Request(Ensure(symbol).Name, reason, nowMs);

    /// <summary>
    /// The retry delay after the <paramref name="consecutiveFailures"/>-th failed sync in a row (1 → 5 s, 2 → 10 s, …,
    /// capped at <see cref="MaxFailureRetryDelayMs"/>). Any sync that completes without a failure resets the count.
    /// </summary>
    public static int RetryDelayMs(int consecutiveFailures)
    {
        var doublings = Math.Clamp(consecutiveFailures - 1, 0, 4);
        return Math.Min(FailureRetryDelayMs << doublings, MaxFailureRetryDelayMs);
    }

    /// <summary>True while a sync of <paramref name="symbol"/> waits for its scan or a command result.</summary>
    public bool IsSyncing(int symbol) => Find(symbol) is { Phase: not SyncPhase.Idle };

    /// <summary>True when <paramref name="symbol"/> has no sync running and none pending.</summary>
    public bool IsIdle(int symbol) => Find(symbol) is not { } stops || (stops.Phase == SyncPhase.Idle && !_scheduler.IsPending(stops.Name));

    /// <summary>
    /// How many syncs of <paramref name="symbol"/> have finished, failed ones included (a failure schedules its own
    /// retry). The host compares it before and after a request to wait for one sync without waiting on the retries.
    /// </summary>
    public int CompletedSyncs(int symbol) => Find(symbol)?.CompletedSyncs ?? 0;

    /// <summary>
    /// While true, no new sync starts (due ones stay pending); a running one still finishes, so a replace is never cut
    /// between its cancel and its placement. Shutdown sets it: the stops stay as they are while the process is down.
    /// </summary>
    public bool HoldNewSyncs { get; set; }

    /// <summary>What we know about the leg's stop (for status output and tests).</summary>
    public ProtectiveStopMemory Memory(int symbol, PositionSide side) => Ensure(symbol).Leg(side).Memory;

    public bool IsExternalLatched(int symbol, PositionSide side) => Ensure(symbol).Leg(side).Latch.IsLatched;

    /// <summary>
    /// The periodic pass: abandons stalled syncs, requests the verify scans latched legs are due for (P14), then starts
    /// every due sync with one <see cref="CommandKind.ScanStops"/>.
    /// </summary>
    public void OnTimer(long nowMs, EngineOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < _symbols.Count; i++)
        {
            if (_symbols[i] is not { } stops)
            {
                continue;
            }

            if (stops.Phase != SyncPhase.Idle)
            {
                if (nowMs - stops.WaitingSinceMs >= StallTimeoutMs)
                {
                    Abandon(stops, nowMs, output);
                }

                continue;
            }

            // A pending sync scans anyway; the verify time only moves when a scan is reported to the latch.
            if (!_scheduler.IsPending(stops.Name) &&
                (stops.Long.Latch.IsVerifyDue(nowMs) || stops.Short.Latch.IsVerifyDue(nowMs)))
            {
                _scheduler.Request(stops.Name, StopSyncReasons.ExternalVerify, nowMs);
            }
        }

        while (!HoldNewSyncs && _scheduler.TryStartDue(nowMs, out var name, out var reason))
        {
            var stops = _symbols[_indexByName[name]]!;
            stops.Phase = SyncPhase.Scanning;
            stops.Reason = reason;
            stops.WaitingSinceMs = nowMs;
            output.Add(new EngineCommand { Kind = CommandKind.ScanStops, Symbol = stops.Index, Reason = reason });
        }
    }

    /// <summary>
    /// A user-data event about a stop-like order. Ours (a <c>vq-ps-</c> id of the leg, or the algoId we recorded) and
    /// terminal → the memory drops it and a sync is requested (<see cref="StopSyncReasons.OwnStopUpdate"/>), unless it
    /// is the stop we are cancelling ourselves. An external stop (stop-like with closePosition or reduceOnly) → the
    /// takeover latch of its leg, or of both legs when <c>ps</c> is missing (P14).
    /// </summary>
    public void OnStopOrderEvent(in StopOrderEvent e, long nowMs, EngineOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var stops = Ensure(e.Symbol);
        var leg = stops.Long.IsOwn(e) ? stops.Long : stops.Short.IsOwn(e) ? stops.Short : null;
        if (leg is not null)
        {
            OnOwnStopEvent(stops, leg, e, nowMs, output);
            return;
        }

        if (ProtectiveStopIdentity.IsProtectiveStopId(e.ClientId))
        {
            // A vq-ps id that matches neither leg's prefix (ps missing, another naming): let a sync look.
            if (e.IsTerminal)
            {
                _scheduler.Request(stops.Name, StopSyncReasons.OwnStopUpdate, nowMs);
            }

            return;
        }

        if (!OrderKinds.IsExternalStop(e.Kind, e.ClosePosition, e.ReduceOnly))
        {
            return;
        }

        var takeover = _source.Settings(e.Symbol).ExternalTakeover;
        ReportExternal(stops, stops.Long, e, takeover, nowMs, output);
        ReportExternal(stops, stops.Short, e, takeover, nowMs, output);
    }

    private void OnOwnStopEvent(SymbolStops stops, LegStops leg, in StopOrderEvent e, long nowMs, EngineOutput output)
    {
        if (!e.IsTerminal)
        {
            return;
        }

        if (!leg.PendingPlaceId.IsEmpty && e.ClientId == leg.PendingPlaceId)
        {
            // Terminal before our placement was even acknowledged: applied when the answer arrives.
            leg.PendingPlaceTerminated = true;
            return;
        }

        var order = new ScannedOrder(e.Book, e.OrderId, e.ClientId, e.Kind, leg.Side, e.ClosePosition, e.ReduceOnly, null);
        var awaitedCancel = stops.Phase == SyncPhase.AwaitingResult && stops.Awaited.Kind == CommandKind.CancelStop &&
                            stops.Awaited.Side == leg.Side && LegStops.IsSameOrder(leg.LastCancelledOwn, e);
        if (leg.Memory.Knows(order) && !awaitedCancel)
        {
            // Our stop fired, expired or was cancelled by someone else (the cancel in flight reports to the memory itself).
            leg.Memory.OnOwnStopTerminal();
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.ProtectiveStop,
                Symbol = stops.Index,
                Side = leg.Side,
                Reason = "own_stop_terminal",
                OrderId = e.OrderId,
                ClientOrderId = e.ClientId,
                TimeMs = nowMs,
            });
        }

        if (!LegStops.IsSameOrder(leg.LastCancelledOwn, e))
        {
            _scheduler.Request(stops.Name, StopSyncReasons.OwnStopUpdate, nowMs);
        }
    }

    private void ReportExternal(SymbolStops stops, LegStops leg, in StopOrderEvent e, Config.ExternalTakeoverSettings takeover, long nowMs, EngineOutput output)
    {
        if (e.PositionSide is { } side && side != leg.Side)
        {
            return;
        }

        leg.UseTakeoverSettings(takeover);
        switch (leg.Latch.OnExternalStopReported(e.IsTerminal, nowMs))
        {
            case TakeoverChange.Latched:
                output.Add(new EngineEvent
                {
                    Kind = EngineEventKind.ProtectiveStop,
                    Symbol = stops.Index,
                    Side = leg.Side,
                    Reason = "external_takeover_latched",
                    OrderId = e.OrderId,
                    ClientOrderId = e.ClientId,
                    TimeMs = nowMs,
                });
                break;
            case TakeoverChange.VerifyRequested:
                _scheduler.Request(stops.Name, StopSyncReasons.ExternalVerify, nowMs);
                break;
        }
    }

    private SymbolStops? Find(int symbol) => (uint)symbol < (uint)_symbols.Count ? _symbols[symbol] : null;

    private SymbolStops Ensure(int symbol)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbol);
        if (Find(symbol) is { } existing)
        {
            return existing;
        }

        while (_symbols.Count <= symbol)
        {
            _symbols.Add(null);
        }

        var name = _source.ExchangeSymbol(symbol);
        if (_indexByName.TryGetValue(name, out var other))
        {
            throw new InvalidOperationException($"symbol '{name}' is both index {other} and index {symbol}");
        }

        var takeover = _source.Settings(symbol).ExternalTakeover;
        var stops = new SymbolStops(symbol, name, new LegStops(name, PositionSide.Long, takeover), new LegStops(name, PositionSide.Short, takeover));
        _symbols[symbol] = stops;
        _indexByName.Add(name, symbol);
        return stops;
    }
}
