using System.Collections.Concurrent;
using Vq.Core.Primitives;

namespace Vq.Hosting;

/// <summary>
/// Counts each order cancelled around shutdown into <see cref="Metrics.Cancelled"/> exactly once. Two paths report
/// such an order: the engine's terminal CANCELED (while its thread still drains) and the shutdown's own REST cancel
/// ack (<c>OrderGateway.CancelOwn</c>, the open-orders sweep), which may be the only report when the stream's update
/// comes after the engine thread has ended. Whichever comes first counts. Before shutdown the engine is the only
/// reporter and counts directly, so this is a cold path (a few orders, once per run) and may allocate. Thread-safe.
/// </summary>
internal sealed class ShutdownCancelTally(Metrics metrics)
{
    private readonly ConcurrentDictionary<ClientOrderId, byte> _counted = new();

    /// <summary>Any thread: the order ended CANCELED; true when this report counted it (the first one).</summary>
    public bool Count(ClientOrderId order)
    {
        if (order.IsEmpty || !_counted.TryAdd(order, 0))
        {
            return false;
        }

        metrics.Cancelled();
        return true;
    }
}
