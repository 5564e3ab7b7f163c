namespace Vq.Core.Risk;

/// <summary>Reasons for a protective-stop sync. The debounce is chosen by prefix (P18), so suffixes such as <c>position_update:LONG</c> keep it.</summary>
public static class StopSyncReasons
{
    public const string Startup = "startup";
    public const string Calibration = "calibration";
    /// <summary>ACCOUNT_UPDATE changed a leg's amount (including to zero).</summary>
    public const string PositionUpdate = "position_update";
    /// <summary>A REST position refresh (periodic, margin change: P19).</summary>
    public const string PositionRefresh = "position_refresh";
    /// <summary>A user-data event about one of our own stops.</summary>
    public const string OwnStopUpdate = "own_stop_update";
    /// <summary>The external-takeover latch needs a REST check (pending release or periodic verify).</summary>
    public const string ExternalVerify = "external_verify";
    /// <summary>The latch was released: bring our stop back now.</summary>
    public const string ExternalRelease = "external_release";
    /// <summary>Our placement was not listed yet; look again after the visibility grace.</summary>
    public const string VisibilityRecheck = "visibility_recheck";

    /// <summary>P18: <c>position_update*</c> 1.0 s, <c>startup*</c>/<c>calibration*</c> 0 s, anything else 0.2 s.</summary>
    public static int DebounceMs(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.StartsWith(PositionUpdate, StringComparison.Ordinal))
        {
            return 1000;
        }

        return reason.StartsWith(Startup, StringComparison.Ordinal) || reason.StartsWith(Calibration, StringComparison.Ordinal) ? 0 : 200;
    }

    /// <summary>Verify requests are never queued twice (P18).</summary>
    public static bool IsVerify(string reason) => reason.Contains("verify", StringComparison.Ordinal);
}

/// <summary>
/// When to run each symbol's protective-stop sync (P18). Per symbol: idle → pending (debouncing) → running → idle.
/// A request while pending replaces the pending one (its reason and its debounce); a request while running never
/// interrupts it, but marks the symbol dirty (keeping the latest reason) so it runs again after
/// <see cref="Complete"/>. One symbol never has two syncs running. A verify request is dropped when a sync is
/// already pending or queued, since every sync scans REST anyway.
/// <para>vq addition: a stream of requests cannot postpone a pending sync by more than
/// <see cref="MaxDeferralMs"/> after the first of them, so steady fills never starve the stop.</para>
/// Single-threaded: the engine's owner thread drives it; the sync itself may await REST calls in between.
/// </summary>
public sealed class StopSyncScheduler
{
    /// <summary>The latest a pending sync may run, counted from the first request that made it pending.</summary>
    public const int MaxDeferralMs = 3000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Asks for a sync of <paramref name="symbol"/>. Returns false when the request was dropped (duplicate verify).</summary>
    public bool Request(string symbol, string reason, long nowMs) => RequestCore(symbol, reason, nowMs, notBeforeMs: 0);

    /// <summary>
    /// Asks for a sync of <paramref name="symbol"/> no earlier than <paramref name="notBeforeMs"/> (e.g. the planner's
    /// <see cref="StopDecision.RecheckAtMs"/>). An earlier request for the symbol wins: any sync does the work.
    /// </summary>
    public bool RequestAt(string symbol, string reason, long notBeforeMs, long nowMs) =>
        RequestCore(symbol, reason, nowMs, notBeforeMs);

    private bool RequestCore(string symbol, string reason, long nowMs, long notBeforeMs)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(reason);
        if (!_entries.TryGetValue(symbol, out var entry))
        {
            entry = new Entry();
            _entries.Add(symbol, entry);
        }

        var isVerify = StopSyncReasons.IsVerify(reason);
        switch (entry.Phase)
        {
            case SyncPhase.Running:
                if (isVerify && entry.Dirty)
                {
                    return false;
                }

                entry.DirtyNotBeforeMs = entry.Dirty ? Math.Min(entry.DirtyNotBeforeMs, notBeforeMs) : notBeforeMs;
                entry.Dirty = true;
                entry.Reason = reason;
                return true;
            case SyncPhase.Pending:
                if (isVerify)
                {
                    return false;
                }

                if (notBeforeMs > entry.DueAtMs)
                {
                    return true; // the pending sync runs first and does the work
                }

                entry.Reason = reason;
                entry.DueAtMs = Math.Max(
                    Math.Min(nowMs + StopSyncReasons.DebounceMs(reason), entry.PendingSinceMs + MaxDeferralMs),
                    notBeforeMs);
                return true;
            default:
                entry.Phase = SyncPhase.Pending;
                entry.Reason = reason;
                entry.PendingSinceMs = nowMs;
                entry.DueAtMs = Math.Max(nowMs + StopSyncReasons.DebounceMs(reason), notBeforeMs);
                return true;
        }
    }

    /// <summary>
    /// Starts the most overdue pending sync, if any is due: the symbol becomes running until <see cref="Complete"/>.
    /// Call it until it returns false.
    /// </summary>
    public bool TryStartDue(long nowMs, out string symbol, out string reason)
    {
        symbol = string.Empty;
        reason = string.Empty;
        Entry? best = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Phase == SyncPhase.Pending && entry.DueAtMs <= nowMs && (best is null || entry.DueAtMs < best.DueAtMs))
            {
                best = entry;
                symbol = key;
            }
        }

        if (best is null)
        {
            return false;
        }

        best.Phase = SyncPhase.Running;
        best.Dirty = false;
        reason = best.Reason;
        return true;
    }

    /// <summary>The sync of <paramref name="symbol"/> finished (successfully or not). A dirty symbol becomes pending again.</summary>
    public void Complete(string symbol, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (!_entries.TryGetValue(symbol, out var entry) || entry.Phase != SyncPhase.Running)
        {
            throw new InvalidOperationException($"no stop sync of '{symbol}' is running");
        }

        if (!entry.Dirty)
        {
            entry.Phase = SyncPhase.Idle;
            return;
        }

        entry.Dirty = false;
        entry.Phase = SyncPhase.Pending;
        entry.PendingSinceMs = nowMs;
        entry.DueAtMs = Math.Max(nowMs + StopSyncReasons.DebounceMs(entry.Reason), entry.DirtyNotBeforeMs);
        entry.DirtyNotBeforeMs = 0;
    }

    /// <summary>The earliest due time of a pending sync, or null when none is pending (running ones are not "due").</summary>
    public long? NextDueAt
    {
        get
        {
            long? next = null;
            foreach (var entry in _entries.Values)
            {
                if (entry.Phase == SyncPhase.Pending && (next is null || entry.DueAtMs < next))
                {
                    next = entry.DueAtMs;
                }
            }

            return next;
        }
    }

    public bool IsRunning(string symbol) => _entries.TryGetValue(symbol, out var entry) && entry.Phase == SyncPhase.Running;

    public bool IsPending(string symbol) => _entries.TryGetValue(symbol, out var entry) && entry.Phase == SyncPhase.Pending;

    private enum SyncPhase : byte
    {
        Idle = 0,
        Pending = 1,
        Running = 2,
    }

    private sealed class Entry
    {
        public SyncPhase Phase;
        public string Reason = string.Empty;
        public long DueAtMs;
        public long PendingSinceMs;
        public bool Dirty;
        public long DirtyNotBeforeMs;
    }
}
