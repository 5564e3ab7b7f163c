using System.Diagnostics;

namespace Vq.Tests.Ops;

/// <summary>
/// A clock that runs <c>factor</c> times faster than real time: timers fire after due/factor of real time and
/// timestamps advance factor times faster. System timers may fire a coarse tick early (magnified by the factor), so
/// code under test must re-check the clock after a delay, as production code has to anyway; then lower bounds hold
/// exactly and pacing assertions are deterministic while tests stay fast.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    private readonly double _factor;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startUtc;

    public ScaledTimeProvider(double factor, DateTimeOffset? startUtc = null)
    {
        _factor = factor;
        _startUtc = startUtc ?? DateTimeOffset.UtcNow;
    }

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => _startTimestamp + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * _factor);

    public override DateTimeOffset GetUtcNow() => _startUtc + GetElapsedTime(_startTimestamp, GetTimestamp());

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / _factor)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
