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

        ClientOrderId.TryCreate(update.ClientAlgoId.AsSpan(), out var clientId);
        var terminal = update.Status is AlgoStatus.Canceled or AlgoStatus.Triggered or AlgoStatus.Finished
            or AlgoStatus.Rejected or AlgoStatus.Expired;
        stopEvent = new StopOrderEvent(symbol, update.PositionSide, OrderBook.Algo, update.AlgoId, clientId,
            WireMapping.ToKind(update.OrderType), update.ClosePosition, update.ReduceOnly, terminal);
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

    /// <summary>Engine thread: true when no symbol has a stop sync running or pending.</summary>
    public bool StopSyncsIdle()
    {
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            if (!Engine.Stops.IsIdle(i))
            {
                return false;
            }
        }

        return true;
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
    /// Any thread: waits until every symbol's stop sync has run (or <paramref name="timeoutMs"/> passes), optionally
    /// asking for one first. True when idle in time.
    /// </summary>
    public async Task<bool> WaitForStopSyncsAsync(string? requestReason, int timeoutMs, CancellationToken cancellation)
    {
        if (requestReason is not null)
        {
            _inbox.Invoke(loop => loop.RequestStopSyncs(requestReason));
        }

        var until = NowMs + timeoutMs;
        while (!Completion.IsCompleted)
        {
            var remaining = until - NowMs;
            if (remaining <= 0)
            {
                return false;
            }

            try
            {
                if (await QueryAsync(static loop => loop.StopSyncsIdle()).WaitAsync(TimeSpan.FromMilliseconds(remaining), cancellation).ConfigureAwait(false))
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
}
