namespace Vq.Core.Market;

/// <summary>
/// Recent trade prices for the acceleration return (§2.6), stamped with local receive time (D8). A fixed ring:
/// entries older than the window are dropped on insert and the capacity is bounded, so an idle leg never grows it.
/// Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class TradeWindow
{
    private readonly long[] _times;
    private readonly decimal[] _prices;
    private int _head;
    private int _count;

    public TradeWindow(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _times = new long[capacity];
        _prices = new decimal[capacity];
    }

    public int Count => _count;

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    /// <summary>Appends a print and drops prints older than <paramref name="windowMs"/> before <paramref name="nowMs"/>.</summary>
    public void Add(long nowMs, decimal price, int windowMs)
    {
        Prune(nowMs - windowMs);
        if (_count == _times.Length)
        {
            // Full: the oldest print goes. With thousands of prints inside one window its loss moves p0 by one print.
            _head = (_head + 1) % _times.Length;
            _count--;
        }

        var tail = (_head + _count) % _times.Length;
        _times[tail] = nowMs;
        _prices[tail] = price;
        _count++;
    }

    /// <summary>Drops entries with <c>ts &lt; cutoff</c>; an entry exactly at the cutoff stays (§2.6 step 2).</summary>
    public void Prune(long cutoffMs)
    {
        while (_count > 0 && _times[_head] < cutoffMs)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }
    }

    /// <summary>The price of the oldest print still in the window, if any.</summary>
    public bool TryGetOldest(out decimal price)
    {
        if (_count == 0)
        {
            price = 0m;
            return false;
        }

        price = _prices[_head];
        return true;
    }
}
