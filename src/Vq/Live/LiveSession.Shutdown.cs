using System.Security.Cryptography;
using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>Shutdown (SPEC §5.5) of a <see cref="LiveSession"/>.</summary>
internal sealed partial class LiveSession
{
    /// <summary>
    /// §5.5: stop placing, cancel this run's orders and wait for the acknowledgements (bounded), then sweep the open
    /// orders of every managed symbol for anything of this run still open, then close the streams. Idempotent.
    /// </summary>
    public async Task StopAsync(string reason)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (Loop is not null)
        {
            if (!Loop.Completion.IsCompleted)
            {
                Loop.RequestShutdown(reason, _request.ShutdownDrainMs);
                await Task.WhenAny(Loop.Completion, Task.Delay(_request.ShutdownDrainMs + 2000)).ConfigureAwait(false);
                Loop.Abort();
            }

            await SweepAsync(reason).ConfigureAwait(false);
        }

        await _streamsStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_streamTasks), Task.Delay(5000)).ConfigureAwait(false);
        Log.Line("shutdown", $"reason={reason}");
    }

    private async Task SweepAsync(string reason)
    {
        // Placements still in flight must land (or fail) before the sweep, or one could appear after it.
        var until = EngineLoop.NowMs + 5000;
        while (Loop.Gateway.InFlightPlacements > 0 && EngineLoop.NowMs < until)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        var cancelled = 0;
        var open = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        try
        {
            cancelled = await SweepSymbolsAsync(count => open += count, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.Line("order_cleanup", "outcome=sweep_timed_out");
        }

        Log.Line("order_cleanup", $"cancelled={cancelled} total_open={open} prefix={Ids.Prefix} reason={reason}");
    }

    private async Task<int> SweepSymbolsAsync(Action<int> countOpen, CancellationToken cancellation)
    {
        var cancelled = 0;
        foreach (var symbol in Universe)
        {
            var orders = await Rest.GetOpenOrdersAsync(symbol, cancellation).ConfigureAwait(false);
            if (!orders.IsOk)
            {
                Log.Line("order_cleanup", $"symbol={symbol} outcome=open_orders_failed error=\"{orders}\"");
                continue;
            }

            countOpen(orders.Value!.Count);
            foreach (var order in orders.Value!)
            {
                if (order.ClientOrderId is { } cid && cid.StartsWith(Ids.Prefix, StringComparison.Ordinal))
                {
                    var result = await Rest.CancelOrderAsync(OrderRef.ById(symbol, order.OrderId), RequestUrgency.ShutdownCancel, cancellation).ConfigureAwait(false);
                    cancelled += result.IsOk ? 1 : 0;
                    if (result.IsOk && ClientOrderId.TryCreate(cid, out var id))
                    {
                        // The engine thread has ended: this ack is the only report of the cancel the metrics can get.
                        Loop.Gateway.ShutdownCancelConfirmed?.Invoke(id);
                    }
                }
            }
        }

        return cancelled;
    }

    public async ValueTask DisposeAsync()
    {
        // A startup that failed after the engine thread started (e.g. interrupted during the stop sync) ends it here.
        Loop?.Abort();
        if (!_streamsStop.IsCancellationRequested)
        {
            await _streamsStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(Task.WhenAll(_streamTasks), Task.Delay(3000)).ConfigureAwait(false);
        }

        // The inbox is not disposed: a stream task that is still ending may post one last event into it.
        Rest.Dispose();
        _streamsStop.Dispose();
    }
}
