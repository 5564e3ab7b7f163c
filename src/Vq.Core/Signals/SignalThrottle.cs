namespace Vq.Core.Signals;

/// <summary>
/// Per-leg signal throttle (§2.5): throttled iff a stamp exists and <c>now − stamp &lt; interval</c>. The stamp is
/// written whenever a signal is produced, whether or not execution uses it.
/// </summary>
public struct SignalThrottle
{
    private long _lastSignalMs;
    private bool _hasStamp;

    public readonly bool IsThrottled(long nowMs, int intervalMs) => _hasStamp && nowMs - _lastSignalMs < intervalMs;

    public void Stamp(long nowMs)
    {
        _lastSignalMs = nowMs;
        _hasStamp = true;
    }

    public void Reset() => _hasStamp = false;
}
