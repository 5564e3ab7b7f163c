using System.Collections.Concurrent;
using Vq.Core.Market;

namespace Vq.Live;

/// <summary>
/// Everything other threads hand to the engine thread, with the explicit policy of issue 5 item 1:
/// bookTicker coalesces per symbol (latest wins, counted); trades and marks go through bounded rings (overflow dropped,
/// counted); order, account, REST-result and control events go through an unbounded queue and are never dropped.
/// Producers wake the engine thread; the engine thread is the only consumer.
/// </summary>
internal sealed class EventInbox : IDisposable
{
    private readonly ConcurrentQueue<HostEvent> _events = new();
    private readonly WakeSignal _wake = WakeSignal.Create();

    public EventInbox(int symbolCapacity, int marketRingCapacity = 8192)
    {
        Books = new BookSlots(symbolCapacity);
        Trades = new BoundedRing<TradeTick>(marketRingCapacity);
        Marks = new BoundedRing<MarkTick>(1024);
    }

    public BookSlots Books { get; }
    public BoundedRing<TradeTick> Trades { get; }
    public BoundedRing<MarkTick> Marks { get; }

    public void Post(in HostEvent e)
    {
        _events.Enqueue(e);
        Wake();
    }

    /// <summary>Runs <paramref name="action"/> on the engine thread, in order with the other events.</summary>
    public void Invoke(Action<EngineLoop> action) => Post(new HostEvent { Kind = HostEventKind.Invoke, Symbol = -1, Payload = action });

    public bool TryTake(out HostEvent e) => _events.TryDequeue(out e);

    public void Wake() => _wake.Set();

    /// <summary>Engine thread: sleeps until woken or <paramref name="timeoutMs"/> passes.</summary>
    public void Wait(int timeoutMs) => _wake.Wait(timeoutMs);

    public void Dispose() => _wake.Dispose();
}
