namespace Vq.Live;

/// <summary>
/// A bounded lock-free multi-producer, single-consumer queue (Vyukov's array queue) for trades and marks: when full,
/// the new item is dropped and counted (issue 5 item 1: market data may be lost under overload, never order events).
/// No allocation after construction.
/// </summary>
internal sealed class BoundedRing<T>
    where T : struct
{
    private readonly Cell[] _cells;
    private readonly int _mask;
    private long _enqueuePos;
    private long _dequeuePos;
    private long _dropped;

    public BoundedRing(int capacityPowerOfTwo)
    {
        if (capacityPowerOfTwo < 2 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), capacityPowerOfTwo, "capacity must be a power of two ≥ 2");
        }

        _cells = new Cell[capacityPowerOfTwo];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = capacityPowerOfTwo - 1;
    }

    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Any thread. False (and counted) when the ring is full.</summary>
    public bool TryEnqueue(in T item)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var pos = Volatile.Read(ref _enqueuePos);
            ref var cell = ref _cells[pos & _mask];
            var seq = Volatile.Read(ref cell.Sequence);
            var diff = seq - pos;
            if (diff == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePos, pos + 1, pos) == pos)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, pos + 1);
                    return true;
                }
            }
            else if (diff < 0)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The single consumer (the engine thread).</summary>
    public bool TryDequeue(out T item)
    {
        var pos = _dequeuePos;
        ref var cell = ref _cells[pos & _mask];
        if (Volatile.Read(ref cell.Sequence) - (pos + 1) < 0)
        {
            item = default;
            return false;
        }

        item = cell.Item;
        cell.Item = default;
        Volatile.Write(ref cell.Sequence, pos + _cells.Length);
        _dequeuePos = pos + 1;
        return true;
    }

    private struct Cell
    {
        public long Sequence;
        public T Item;
    }
}
