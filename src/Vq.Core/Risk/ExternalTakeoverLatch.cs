using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>What a latch input changed; each value names the follow-up the caller owes.</summary>
public enum TakeoverChange : byte
{
    None = 0,
    /// <summary>The latch was just set: log it; the stop on this leg is frozen.</summary>
    Latched = 1,
    /// <summary>A WS terminal event for the external order: request a verify sync (<see cref="StopSyncReasons.ExternalVerify"/>).</summary>
    VerifyRequested = 2,
    /// <summary>Released: request an immediate resync (<see cref="StopSyncReasons.ExternalRelease"/>) so our stop comes back.</summary>
    Released = 3,
}

/// <summary>
/// The per-leg external-takeover latch (P14). Inputs: WS reports of external stops (<c>ORDER_TRADE_UPDATE</c> or
/// <c>ALGO_UPDATE</c>; when <c>ps</c> is missing, report to both legs of the symbol) and REST scans. While latched,
/// the planner neither creates, cancels nor moves our stop on the leg (an external order may exist that REST does
/// not show yet). Release needs a REST scan that finds no external stop while a release is pending, or once nothing
/// has been seen for <c>rest_verify_interval_s</c>. Single-threaded: owned by the engine's owner thread.
/// </summary>
public sealed class ExternalTakeoverLatch
{
    /// <summary>P14: after <c>max_hold_s</c> of latching, verify every 5 s.</summary>
    public const int LongHoldVerifyIntervalMs = 5000;

    private readonly ExternalTakeoverSettings _settings;

    public ExternalTakeoverLatch(ExternalTakeoverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    public bool IsLatched { get; private set; }

    /// <summary>A WS terminal event said the external order ended; the next scan without one releases.</summary>
    public bool PendingRelease { get; private set; }

    public long LatchedAtMs { get; private set; }

    /// <summary>The last time an external stop was seen (WS non-terminal or REST).</summary>
    public long LastSeenAtMs { get; private set; }

    /// <summary>The verify clock: the last REST scan reported here, or the moment the latch was set if that is later.</summary>
    public long LastVerifiedAtMs { get; private set; }

    /// <summary>
    /// A WS event about an order that <see cref="OrderKinds.IsExternalStop"/> classifies as external on this leg.
    /// A non-terminal status latches; a terminal one (FILLED, CANCELED, EXPIRED, REJECTED; for algo orders also
    /// TRIGGERED, FINISHED) only marks a pending release.
    /// </summary>
    public TakeoverChange OnExternalStopReported(bool terminal, long nowMs)
    {
        if (!_settings.Enabled)
        {
            return TakeoverChange.None;
        }

        if (terminal)
        {
            if (!IsLatched || PendingRelease)
            {
                return TakeoverChange.None;
            }

            PendingRelease = true;
            return TakeoverChange.VerifyRequested;
        }

        LastSeenAtMs = nowMs;
        PendingRelease = false;
        return Latch(nowMs);
    }

    /// <summary>
    /// A REST scan of the symbol completed. <paramref name="externalPresent"/> comes from
    /// <see cref="ProtectiveStopPlanner.HasRetainedExternalStop"/>. Report before planning the leg.
    /// </summary>
    public TakeoverChange OnRestScan(bool externalPresent, long nowMs)
    {
        LastVerifiedAtMs = nowMs;
        if (!_settings.Enabled)
        {
            return TakeoverChange.None;
        }

        if (externalPresent)
        {
            LastSeenAtMs = nowMs;
            PendingRelease = false;
            return Latch(nowMs);
        }

        if (!IsLatched || !(PendingRelease || nowMs - LastSeenAtMs >= _settings.RestVerifyIntervalS * 1000L))
        {
            return TakeoverChange.None;
        }

        IsLatched = false;
        PendingRelease = false;
        return TakeoverChange.Released;
    }

    /// <summary>When the latched leg needs its next verify scan, or null when not latched.</summary>
    public long? NextVerifyAtMs
    {
        get
        {
            if (!IsLatched)
            {
                return null;
            }

            if (PendingRelease)
            {
                return LastVerifiedAtMs;
            }

            // The interval shortens once the hold passes max_hold_s; the shorter cadence starts at that moment.
            var regular = LastVerifiedAtMs + (_settings.RestVerifyIntervalS * 1000L);
            var longHoldStart = LatchedAtMs + (_settings.MaxHoldS * 1000L);
            var fast = Math.Max(LastVerifiedAtMs + LongHoldVerifyIntervalMs, longHoldStart);
            return Math.Min(regular, fast);
        }
    }

    /// <summary>True when a verify sync should be requested now (<see cref="StopSyncReasons.ExternalVerify"/>; the scheduler drops duplicates).</summary>
    public bool IsVerifyDue(long nowMs) => NextVerifyAtMs is { } due && nowMs >= due;

    /// <summary>
    /// Routes a WS report to the legs it concerns: the one named by <c>ps</c>, or both when <c>ps</c> is missing
    /// (P14; <c>BOTH</c> counts as missing). Returns the follow-up owed: <see cref="TakeoverChange.VerifyRequested"/>
    /// if any leg asked for one, else <see cref="TakeoverChange.Latched"/> if any leg latched.
    /// </summary>
    public static TakeoverChange Report(ExternalTakeoverLatch longLeg, ExternalTakeoverLatch shortLeg, PositionSide? positionSide, bool terminal, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(longLeg);
        ArgumentNullException.ThrowIfNull(shortLeg);
        var first = positionSide != PositionSide.Short ? longLeg.OnExternalStopReported(terminal, nowMs) : TakeoverChange.None;
        var second = positionSide != PositionSide.Long ? shortLeg.OnExternalStopReported(terminal, nowMs) : TakeoverChange.None;
        return (TakeoverChange)Math.Max((byte)first, (byte)second);
    }

    /// <summary>The position is gone or the leg is reset.</summary>
    public void Reset()
    {
        IsLatched = false;
        PendingRelease = false;
        LatchedAtMs = 0;
    }

    private TakeoverChange Latch(long nowMs)
    {
        if (IsLatched)
        {
            return TakeoverChange.None;
        }

        IsLatched = true;
        LatchedAtMs = nowMs;
        if (LastVerifiedAtMs < nowMs)
        {
            // The verify cadence counts from the latch, not from an unrelated older scan.
            LastVerifiedAtMs = nowMs;
        }

        return TakeoverChange.Latched;
    }
}
