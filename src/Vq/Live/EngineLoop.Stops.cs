using Vq.Binance.Protocol;
using Vq.Core.Engine;
using Vq.Core.Engine.Stops;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Live;

// The protective-stop side of the engine thread (SPEC §4.4, P18): REST answers and ALGO_UPDATEs go to the engine's
// stop coordinator; the host asks for syncs where the Core README says (startup, calibration, position refresh).
internal sealed partial class EngineLoop
{
    /// <summary>Wall clock in µs: only its last digits go into fresh stop ids (P13).</summary>
    private static long WallMicros => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private void HandleStopEvent(in HostEvent e, long now)
    {
        switch (e.Kind)
        {
            case HostEventKind.StopScan:
                var scan = (StopScanResult)e.Payload!;
                Engine.OnStopScan(scan.Symbol, scan.Orders, scan.Failed, now, WallMicros, _output);
                break;
            case HostEventKind.StopResult:
                var outcome = (StopCommandOutcome)e.Payload!;
                Engine.OnStopCommandResult(outcome.Command, outcome.Result, now, WallMicros, _output);
                break;
            case HostEventKind.AlgoUpdate:
                if (TryToStopEvent((AlgoUpdate)e.Payload!, out var stopEvent))
                {
                    Engine.OnStopOrderEvent(stopEvent, now, _output);
                }

                break;
        }
    }

    /// <summary>An ALGO_UPDATE of a managed symbol in the coordinator's terms; false for other symbols.</summary>
    private bool TryToStopEvent(AlgoUpdate update, out StopOrderEvent stopEvent)
    {
        if (!Engine.TryGetSymbol(update.Symbol, out var symbol))
        {
            stopEvent = default;
            return false;
        }

        stopEvent = StopWireMapping.ToStopEvent(symbol, update);
        return true;
    }

    /// <summary>Engine thread: asks for a stop sync of every managed symbol (debounced by reason, P18).</summary>
    public void RequestStopSyncs(string reason)
    {
        var now = NowMs;
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            Engine.RequestStopSync(i, reason, now);
        }
    }

    /// <summary>Engine thread: true while some symbol's sync waits for a scan or a stop command's answer.</summary>
    private bool StopSyncRunning()
    {
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            if (Engine.Stops.IsSyncing(i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Any thread: runs <paramref name="query"/> on the engine thread and returns its value (cold path).</summary>
    public Task<T> QueryAsync<T>(Func<EngineLoop, T> query)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Invoke(loop =>
        {
            try
            {
                answer.TrySetResult(query(loop));
            }
            catch (Exception ex)
            {
                answer.TrySetException(ex);
            }
        });
        return answer.Task;
    }

    /// <summary>
    /// Any thread: asks for a stop sync of every symbol and waits until each has run one that started after the
    /// request (a sync already running when asked does not count: it may have planned from older state), or until
    /// <paramref name="timeoutMs"/> passes. A failed sync counts as run: it retries in the background. True when in time.
    /// </summary>
    public async Task<bool> WaitForStopSyncsAsync(string reason, int timeoutMs, CancellationToken cancellation)
    {
        var until = NowMs + timeoutMs;
        int[] targets;
        try
        {
            targets = await QueryAsync(loop => loop.RequestStopSyncsCounted(reason)).WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        while (!Completion.IsCompleted)
        {
            var remaining = until - NowMs;
            if (remaining <= 0)
            {
                return false;
            }

            try
            {
                if (await QueryAsync(loop => loop.StopSyncsReached(targets)).WaitAsync(TimeSpan.FromMilliseconds(remaining), cancellation).ConfigureAwait(false))
                {
                    return true;
                }
            }
            catch (TimeoutException)
            {
                return false;
            }

            await Task.Delay(20, cancellation).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Engine thread: requests a sync of every symbol; returns the completed-sync count each must reach.</summary>
    private int[] RequestStopSyncsCounted(string reason)
    {
        var targets = new int[Engine.SymbolCount];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = Engine.Stops.CompletedSyncs(i) + (Engine.Stops.IsSyncing(i) ? 2 : 1);
        }

        RequestStopSyncs(reason);
        return targets;
    }

    private bool StopSyncsReached(int[] targets)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (Engine.Stops.CompletedSyncs(i) < targets[i])
            {
                return false;
            }
        }

        return true;
    }
}
