namespace Vq.Core.Engine;

/// <summary>
/// Remembers the most recent trade ids of a leg so a fill delivered twice (duplicate events, replays after a reconnect)
/// is counted once (D10). A fixed ring plus a hash set: bounded memory, no allocation once warm.
/// Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class TradeIdSet
{
    private readonly long[] _ring;
    private readonly HashSet<long> _set;
    private int _next;
    private int _count;

    public TradeIdSet(int capacity = 4096)
    {
        _ring = new long[capacity];
        _set = new HashSet<long>(capacity);
    }

    /// <summary>Adds the id; false when it was already seen.</summary>
    public bool Add(long tradeId)
    {
        if (!_set.Add(tradeId))
        {
            return false;
        }

        if (_count == _ring.Length)
        {
            _set.Remove(_ring[_next]);
        }
        else
        {
            _count++;
        }

        _ring[_next] = tradeId;
        _next = (_next + 1) % _ring.Length;
        return true;
    }
}
