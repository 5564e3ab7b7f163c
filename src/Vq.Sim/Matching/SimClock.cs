namespace Vq.Sim.Matching;

/// <summary>
/// The simulator's notion of "now" in Unix milliseconds. Manual clocks make runs deterministic (tests advance them);
/// wall clocks serve real clients. <see cref="SkewMs"/> is the clock-skew fault: the server runs ahead (positive) or
/// behind (negative) of true time. Thread-safe: readers may call <see cref="NowMs"/> from any thread.
/// </summary>
public sealed class SimClock
{
    private readonly bool _manual;
    private long _manualNowMs;
    private long _skewMs;

    private SimClock(bool manual, long startMs)
    {
        _manual = manual;
        _manualNowMs = startMs;
    }

    public static SimClock Manual(long startMs) => new(true, startMs);

    public static SimClock Wall() => new(false, 0);

    public bool IsManual => _manual;

    public long SkewMs
    {
        get => Interlocked.Read(ref _skewMs);
        set => Interlocked.Exchange(ref _skewMs, value);
    }

    public long NowMs => (_manual ? Interlocked.Read(ref _manualNowMs) : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) + SkewMs;

    /// <summary>Moves a manual clock forward; a wall clock ignores this (real time moves by itself).</summary>
    public void Advance(long ms)
    {
        if (_manual && ms > 0)
        {
            Interlocked.Add(ref _manualNowMs, ms);
        }
    }
}
