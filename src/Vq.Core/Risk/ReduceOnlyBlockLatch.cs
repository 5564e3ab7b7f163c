namespace Vq.Core.Risk;

/// <summary>The result of a recheck of a latched leg.</summary>
public enum BlockRecheckOutcome : byte
{
    /// <summary>Still covered: stay latched, next recheck in <see cref="ReduceOnlyBlockLatch.RecheckIntervalMs"/>.</summary>
    StillBlocked = 0,
    /// <summary>INFO <c>reduce_only_block_released</c>: the blockers are gone; intents may flow again.</summary>
    Released = 1,
    /// <summary>INFO <c>reduce_only_block_position_done</c>: nothing tradable is left.</summary>
    PositionDone = 2,
}

/// <summary>
/// The per-leg -4118 block latch (P9). While latched, signal and panic intents are skipped without any REST call
/// until <see cref="RecheckAtMs"/>; then the caller inspects again and reports the result here.
/// Usage per pass: <c>if (latch.IsLatched) { if (!latch.ShouldRecheck(now)) skip; else inspect → OnRecheck / OnInspectionFailed }</c>.
/// Single-threaded: owned by the leg's execution state.
/// </summary>
public sealed class ReduceOnlyBlockLatch
{
    /// <summary>P9: recheck a blocked leg every 3 s, so a blocked leg costs at most one REST inspection per 3 s.</summary>
    public const int RecheckIntervalMs = 3000;

    public const string ReleasedCode = "reduce_only_block_released";
    public const string PositionDoneCode = "reduce_only_block_position_done";

    public bool IsLatched { get; private set; }

    public long RecheckAtMs { get; private set; }

    /// <summary>The inspection that set (or last confirmed) the latch, for logs, notifications and status.</summary>
    public ReduceOnlyBlockInspection LastInspection { get; private set; }

    /// <summary>
    /// Feeds a fresh inspection (after a -4118/-2022, or before sizing under D21). Latches when it shows a block and
    /// returns true when this call newly latched (WARN <see cref="ReduceOnlyBlockInspector.BlockedCode"/> once).
    /// </summary>
    public bool TryLatch(in ReduceOnlyBlockInspection inspection, long nowMs)
    {
        if (!inspection.IsBlocked)
        {
            return false;
        }

        var newlyLatched = !IsLatched;
        IsLatched = true;
        LastInspection = inspection;
        RecheckAtMs = nowMs + RecheckIntervalMs;
        return newlyLatched;
    }

    /// <summary>True when a latched leg is due for its recheck; false means "skip the intent, no REST call".</summary>
    public bool ShouldRecheck(long nowMs) => IsLatched && nowMs >= RecheckAtMs;

    /// <summary>True while intents must be skipped without inspecting (latched and not yet due).</summary>
    public bool IsHolding(long nowMs) => IsLatched && nowMs < RecheckAtMs;

    public BlockRecheckOutcome OnRecheck(in ReduceOnlyBlockInspection inspection, long nowMs)
    {
        if (inspection.IsDone)
        {
            Release();
            return BlockRecheckOutcome.PositionDone;
        }

        if (!inspection.IsBlocked)
        {
            Release();
            return BlockRecheckOutcome.Released;
        }

        LastInspection = inspection;
        RecheckAtMs = nowMs + RecheckIntervalMs;
        return BlockRecheckOutcome.StillBlocked;
    }

    /// <summary>The inspection's REST call failed: stay latched and try again one interval later.</summary>
    public void OnInspectionFailed(long nowMs)
    {
        if (IsLatched)
        {
            RecheckAtMs = nowMs + RecheckIntervalMs;
        }
    }

    /// <summary>The position is gone (ACCOUNT_UPDATE to zero) or the leg is reset.</summary>
    public void Release()
    {
        IsLatched = false;
        RecheckAtMs = 0;
        LastInspection = default;
    }
}
