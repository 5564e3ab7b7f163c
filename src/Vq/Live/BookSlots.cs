using Vq.Core.Market;

namespace Vq.Live;

/// <summary>
/// Latest-wins bookTicker hand-off, one slot per symbol (issue 5 item 1: market ticks may coalesce). A slot is a
/// seqlock: the single writer (the <c>/public</c> stream task) bumps the version to odd, writes, bumps to even; the
/// engine thread reads until it sees the same even version before and after. A tick overwritten before the engine
/// took it is counted in <see cref="Coalesced"/>. Lock-free and allocation-free after construction.
/// </summary>
internal sealed class BookSlots
{
    private readonly Slot[] _slots;
    private long _coalesced;

    public BookSlots(int capacity)
    {
        _slots = new Slot[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Ticks replaced by a newer one before the engine consumed them.</summary>
    public long Coalesced => Volatile.Read(ref _coalesced);

    /// <summary>Stream thread: publishes the newest tick of its symbol. Returns false for an unknown symbol.</summary>
    public bool Publish(in BookTick tick)
    {
        if ((uint)tick.Symbol >= (uint)_slots.Length)
        {
            return false;
        }

        var slot = _slots[tick.Symbol];
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref slot.Version);
        slot.Tick = tick;
        slot.ReceivedTimestamp = received;
        Interlocked.Increment(ref slot.Version);
        if (Interlocked.Exchange(ref slot.Pending, 1) == 1)
        {
            Interlocked.Increment(ref _coalesced);
        }

        return true;
    }

    /// <summary>Engine thread: takes the newest unconsumed tick of <paramref name="symbol"/>, if any.</summary>
    public bool TryTake(int symbol, out BookTick tick)
    {
        var slot = _slots[symbol];
        if (Interlocked.Exchange(ref slot.Pending, 0) == 0)
        {
            tick = default;
            return false;
        }

        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref slot.Version);
            if ((before & 1) == 0)
            {
                tick = slot.Tick;
                var received = slot.ReceivedTimestamp;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref slot.Version) == before)
                {
                    slot.TakenReceivedTimestamp = received;
                    return true;
                }
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Engine thread: the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the last tick taken for
    /// <paramref name="symbol"/> was published by its stream (0 before the first); the start of tick-to-order latency.
    /// </summary>
    public long LastTakenReceivedTimestamp(int symbol) =>
        (uint)symbol < (uint)_slots.Length ? _slots[symbol].TakenReceivedTimestamp : 0;

    private sealed class Slot
    {
        public long Version;
        public int Pending;
        public BookTick Tick;
        public long ReceivedTimestamp;
        // Written and read by the engine thread only.
        public long TakenReceivedTimestamp;
    }
}
