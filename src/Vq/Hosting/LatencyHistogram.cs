using System.Diagnostics;

namespace Vq.Hosting;

/// <summary>
/// A Prometheus histogram with fixed buckets in seconds, fed with Stopwatch tick durations. Lock-free
/// (<see cref="Interlocked"/> per observation), allocation-free; rendering reads a slightly torn but monotone view,
/// which Prometheus tolerates.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>10 µs … 1 s: decision latency lives at the low end, tick-to-order (with REST) at the high end.</summary>
    public static readonly double[] DefaultBoundsSeconds =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly long[] _boundTicks;
    private readonly long[] _counts;
    private long _count;
    private long _sumTicks;

    public LatencyHistogram(double[]? boundsSeconds = null)
    {
        var bounds = boundsSeconds ?? DefaultBoundsSeconds;
        BoundsSeconds = bounds;
        _boundTicks = new long[bounds.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            _boundTicks[i] = (long)Math.Round(bounds[i] * Stopwatch.Frequency);
        }

        _counts = new long[bounds.Length];
    }

    public IReadOnlyList<double> BoundsSeconds { get; }

    public void Observe(long elapsedTicks)
    {
        if (elapsedTicks < 0)
        {
            elapsedTicks = 0;
        }

        for (var i = 0; i < _boundTicks.Length; i++)
        {
            if (elapsedTicks <= _boundTicks[i])
            {
                Interlocked.Increment(ref _counts[i]);
                break;
            }
        }

        Interlocked.Add(ref _sumTicks, elapsedTicks);
        Interlocked.Increment(ref _count);
    }

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => (double)Interlocked.Read(ref _sumTicks) / Stopwatch.Frequency;

    /// <summary>Non-cumulative count of bucket <paramref name="index"/> (observations above the last bound are only in Count).</summary>
    public long BucketCount(int index) => Interlocked.Read(ref _counts[index]);
}
