namespace Vq.Core.Risk;

/// <summary>
/// One sliding-window limit (SPEC §4.6): at most <see cref="MaxPerWindow"/> acquisitions in any
/// <see cref="WindowMs"/> window. Timestamps live in a ring sized to the limit, so an acquisition never allocates:
/// the count can never exceed the limit because a full window denies. Times are monotonic milliseconds and must
/// not go backwards. Single-threaded: the engine's owner thread calls it.
/// </summary>
public sealed class SlidingWindowRateLimiter
{
    /// <summary>SPEC §4.6: the window is one second.</summary>
    public const int DefaultWindowMs = 1000;

    /// <summary>Far above any Binance order limit; the ring is preallocated, so an absurd setting must not become a huge array.</summary>
    public const int MaxSupportedPerWindow = 100_000;

    private readonly long[] _stamps;
    private int _head;
    private int _count;

    /// <param name="maxPerWindow">≤ 0 means unlimited.</param>
    public SlidingWindowRateLimiter(int maxPerWindow, int windowMs = DefaultWindowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPerWindow, MaxSupportedPerWindow);
        MaxPerWindow = maxPerWindow;
        WindowMs = windowMs;
        _stamps = new long[Math.Max(maxPerWindow, 0)];
    }

    public int MaxPerWindow { get; }

    public int WindowMs { get; }

    public bool IsUnlimited => MaxPerWindow <= 0;

    /// <summary>
    /// Evicts every stamp <c>≤ now − window</c>; denies when the window is full (a denied call is not recorded);
    /// otherwise records <paramref name="nowMs"/> and allows.
    /// </summary>
    public bool TryAcquire(long nowMs)
    {
        if (IsUnlimited)
        {
            return true;
        }

        Evict(nowMs);
        if (_count >= _stamps.Length)
        {
            return false;
        }

        _stamps[(_head + _count) % _stamps.Length] = nowMs;
        _count++;
        return true;
    }

    /// <summary>Acquisitions still inside the window at <paramref name="nowMs"/> (for metrics and status).</summary>
    public int CountInWindow(long nowMs)
    {
        Evict(nowMs);
        return _count;
    }

    private void Evict(long nowMs)
    {
        var cutoff = nowMs - WindowMs;
        while (_count > 0 && _stamps[_head] <= cutoff)
        {
            _head = (_head + 1) % _stamps.Length;
            _count--;
        }
    }
}
