using System.Diagnostics;
using Vq.Core.Primitives;
using Vq.Notify;

namespace Vq.Hosting;

/// <summary>
/// vq's operational metrics (issue 6 §4). Updates are lock-free and allocation-free (<see cref="Interlocked"/>), so
/// the engine thread, stream readers and the REST client may call them concurrently; <see cref="MetricsText"/>
/// renders a snapshot on scrape. Legs are indexed like the engine (<c>symbol * 2 + side</c>), streams by the index of
/// their name in the constructor's list.
/// </summary>
internal sealed class Metrics
{
    private readonly long[] _ordersByMode = new long[2];
    private readonly double[] _filledQty = new double[2]; // [0] maker, [1] taker
    private readonly double[] _remainingQty;
    private readonly long[] _lastMessageTimestamp;
    private readonly long[] _reconnects;
    private long _cancels;
    private double _weightUsed;
    private double _weightLimit;
    private double _ordersUsed;
    private double _ordersLimit;

    public Metrics(IReadOnlyList<string> symbols, IReadOnlyList<string> streams)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(streams);
        Symbols = symbols;
        Streams = streams;
        _remainingQty = new double[symbols.Count * 2];
        _lastMessageTimestamp = new long[streams.Count];
        _reconnects = new long[streams.Count];
    }

    public IReadOnlyList<string> Symbols { get; }

    public IReadOnlyList<string> Streams { get; }

    public CodeCounters Rejects { get; } = new();

    public LatencyHistogram DecisionLatency { get; } = new();

    public LatencyHistogram TickToOrderLatency { get; } = new();

    /// <summary>Its sent / dropped / failed counters are exported as they stand at each scrape; null = not exported.</summary>
    public TelegramNotifier? Telegram { get; init; }

    public void OrderPlaced(ExecutionMode mode) => Interlocked.Increment(ref _ordersByMode[(int)mode]);

    public void Filled(bool isMaker, decimal qty) => AtomicDouble.Add(ref _filledQty[isMaker ? 0 : 1], (double)qty);

    public void Cancelled() => Interlocked.Increment(ref _cancels);

    public void Rejected(int code) => Rejects.Increment(code);

    public void SetRemaining(int symbol, PositionSide side, decimal remaining)
    {
        var leg = (symbol * 2) + (int)side;
        if ((uint)leg < (uint)_remainingQty.Length)
        {
            AtomicDouble.Set(ref _remainingQty[leg], (double)remaining);
        }
    }

    /// <summary>A message arrived on a stream (Stopwatch timestamp of its receipt).</summary>
    public void MessageReceived(int stream, long timestamp)
    {
        if ((uint)stream < (uint)_lastMessageTimestamp.Length)
        {
            Volatile.Write(ref _lastMessageTimestamp[stream], timestamp);
        }
    }

    public void Reconnected(int stream)
    {
        if ((uint)stream < (uint)_reconnects.Length)
        {
            Interlocked.Increment(ref _reconnects[stream]);
        }
    }

    /// <summary>Request weight per minute used (from <c>X-MBX-USED-WEIGHT-1M</c>) and its limit.</summary>
    public void SetRequestWeight(int used, int limit)
    {
        AtomicDouble.Set(ref _weightUsed, used);
        AtomicDouble.Set(ref _weightLimit, limit);
    }

    /// <summary>Order count used (from <c>X-MBX-ORDER-COUNT-*</c>) and its limit.</summary>
    public void SetOrderCount(int used, int limit)
    {
        AtomicDouble.Set(ref _ordersUsed, used);
        AtomicDouble.Set(ref _ordersLimit, limit);
    }

    public void ObserveDecision(long elapsedTicks) => DecisionLatency.Observe(elapsedTicks);

    public void ObserveTickToOrder(long elapsedTicks) => TickToOrderLatency.Observe(elapsedTicks);

    public long OrdersPlaced(ExecutionMode mode) => Interlocked.Read(ref _ordersByMode[(int)mode]);

    public double FilledQty(bool isMaker) => AtomicDouble.Read(ref _filledQty[isMaker ? 0 : 1]);

    public long Cancels => Interlocked.Read(ref _cancels);

    public double Remaining(int leg) => AtomicDouble.Read(ref _remainingQty[leg]);

    public long Reconnects(int stream) => Interlocked.Read(ref _reconnects[stream]);

    /// <summary>Seconds since the stream's last message at <paramref name="nowTimestamp"/>; null before the first.</summary>
    public double? MessageAgeSeconds(int stream, long nowTimestamp)
    {
        var last = Volatile.Read(ref _lastMessageTimestamp[stream]);
        return last == 0 ? null : Math.Max(0, (double)(nowTimestamp - last) / Stopwatch.Frequency);
    }

    public (double Used, double Limit) RequestWeight => (AtomicDouble.Read(ref _weightUsed), AtomicDouble.Read(ref _weightLimit));

    public (double Used, double Limit) OrderCount => (AtomicDouble.Read(ref _ordersUsed), AtomicDouble.Read(ref _ordersLimit));
}
