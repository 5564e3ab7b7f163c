namespace Vq.Hosting;

/// <summary>
/// Counters keyed by an exchange error code, lock-free: a fixed open-addressed table whose slots are claimed with
/// <see cref="Interlocked.CompareExchange(ref int, int, int)"/>. Codes beyond the capacity are counted under
/// <see cref="OverflowCode"/>. Allocation-free after construction.
/// </summary>
internal sealed class CodeCounters
{
    /// <summary>Reported for codes that did not fit; 0 is never a Binance error code.</summary>
    public const int OverflowCode = 0;

    // Slot state: 0 empty, 1 being claimed, 2 published (its code is readable).
    private readonly int[] _codes;
    private readonly int[] _claimed;
    private readonly long[] _counts;
    private long _overflow;

    public CodeCounters(int capacity = 64)
    {
        _codes = new int[capacity];
        _claimed = new int[capacity];
        _counts = new long[capacity];
    }

    public void Increment(int code)
    {
        var start = (int)((uint)code.GetHashCode() % (uint)_codes.Length);
        for (var probe = 0; probe < _codes.Length; probe++)
        {
            var slot = (start + probe) % _codes.Length;
            var state = Volatile.Read(ref _claimed[slot]);
            if (state == 2 && Volatile.Read(ref _codes[slot]) == code)
            {
                Interlocked.Increment(ref _counts[slot]);
                return;
            }

            if (state == 0 && Interlocked.CompareExchange(ref _claimed[slot], 1, 0) == 0)
            {
                Volatile.Write(ref _codes[slot], code);
                Interlocked.Increment(ref _counts[slot]);
                Volatile.Write(ref _claimed[slot], 2);
                return;
            }

            // Being claimed right now by another writer: wait for it to publish its code, then compare.
            while (Volatile.Read(ref _claimed[slot]) == 1)
            {
                Thread.SpinWait(1);
            }

            if (Volatile.Read(ref _codes[slot]) == code)
            {
                Interlocked.Increment(ref _counts[slot]);
                return;
            }
        }

        Interlocked.Increment(ref _overflow);
    }

    /// <summary>A snapshot for rendering, sorted by code.</summary>
    public List<(int Code, long Count)> Snapshot()
    {
        var result = new List<(int Code, long Count)>();
        for (var slot = 0; slot < _codes.Length; slot++)
        {
            if (Volatile.Read(ref _claimed[slot]) == 2)
            {
                result.Add((Volatile.Read(ref _codes[slot]), Interlocked.Read(ref _counts[slot])));
            }
        }

        var overflow = Interlocked.Read(ref _overflow);
        if (overflow > 0)
        {
            result.Add((OverflowCode, overflow));
        }

        result.Sort((a, b) => a.Code.CompareTo(b.Code));
        return result;
    }
}
