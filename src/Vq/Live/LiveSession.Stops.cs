using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Live;

/// <summary>The protective stops at startup (SPEC §5.1 step 9.4) and before shutdown.</summary>
internal sealed partial class LiveSession
{
    /// <summary>How long a flatten that ended flat waits for the syncs that remove the flat legs' stops.</summary>
    private const int SettleStopsTimeoutMs = 5000;

    /// <summary>
    /// Startup, on the running (still paused) engine thread: sync every symbol's stop (adopt, place or tighten) and wait
    /// for it, bounded by the connect timeout, so the summary shows each leg's stop. A sync that is not done in time
    /// keeps going (and retrying) in the background; startup goes on with a warning.
    /// </summary>
    private async Task SyncStopsAtStartupAsync(CancellationToken cancellation)
    {
        var done = await Loop.WaitForStopSyncsAsync(StopSyncReasons.Startup, (int)_request.ConnectTimeout.TotalMilliseconds, cancellation).ConfigureAwait(false);
        if (!done)
        {
            Log.Line("startup_warning", $"reason=protective_stop_sync_incomplete timeout_ms={(int)_request.ConnectTimeout.TotalMilliseconds}");
        }
    }

    /// <summary>
    /// Runs one more stop sync of every symbol before shutdown (bounded): a leg that has just gone flat gets its stop
    /// removed now rather than by a sync that shutdown would hold. Shutdown itself never touches the stops.
    /// </summary>
    public async Task SettleStopsAsync(string requestReason)
    {
        if (Loop is null || Loop.Completion.IsCompleted)
        {
            return;
        }

        if (!await Loop.WaitForStopSyncsAsync(requestReason, SettleStopsTimeoutMs, CancellationToken.None).ConfigureAwait(false))
        {
            Log.Line("protective_stop", $"reason=settle_timed_out timeout_ms={SettleStopsTimeoutMs}");
        }
    }

    /// <summary>The summary's stop column for one leg (engine thread).</summary>
    private static string StopColumn(ExitEngine engine, int symbol, PositionSide side)
    {
        var settings = engine.Symbol(symbol).Settings.Risk.ProtectiveStop;
        if (!settings.Enabled)
        {
            return "disabled";
        }

        var memory = engine.Stops.Memory(symbol, side);
        if (memory.HasStop)
        {
            return EngineEventLog.D(memory.TriggerPrice) + " (" + memory.ClientId.ToString() + ")";
        }

        if (engine.Stops.IsExternalLatched(symbol, side))
        {
            return "external stop (takeover)";
        }

        return memory.LoggedSkip is { } skip ? "none: " + skip.Code() : "none";
    }
}
