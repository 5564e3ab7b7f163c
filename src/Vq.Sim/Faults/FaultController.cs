namespace Vq.Sim.Faults;

/// <summary>
/// Live fault state: starts from <see cref="FaultSettings"/> and is changed at run time by the control plane or by
/// tests. Thread-safe: counters use interlocked operations; the seeded random source is locked.
/// </summary>
public sealed class FaultController
{
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private int _unknown503;
    private int _timeouts;
    private int _burst429;

    public FaultController(FaultSettings settings, int seed)
    {
        _random = new Random(seed ^ 0x0fa17);
        _unknown503 = settings.UnknownError503Count;
        _timeouts = settings.TimeoutCount;
        _burst429 = settings.Burst429Count;
        Unknown503Probability = settings.UnknownError503Probability;
        TimeoutHoldMs = settings.TimeoutHoldMs;
        UserEventDelayMs = settings.UserEventDelayMs;
        DuplicateProbability = settings.DuplicateUserEventProbability;
        ReorderProbability = settings.ReorderUserEventProbability;
        DropWebSocketsEveryMs = settings.DropWebSocketsEveryMs;
        ConnectionLifetimeMs = settings.ConnectionLifetimeMs;
        RestLatencyMs = settings.RestLatencyMs;
    }

    public double Unknown503Probability { get; set; }
    public int TimeoutHoldMs { get; set; }
    public int UserEventDelayMs { get; set; }
    public double DuplicateProbability { get; set; }
    public double ReorderProbability { get; set; }
    public long DropWebSocketsEveryMs { get; set; }
    public long ConnectionLifetimeMs { get; set; }
    public int RestLatencyMs { get; set; }

    public void AddUnknown503(int count) => Interlocked.Add(ref _unknown503, count);
    public void AddTimeouts(int count) => Interlocked.Add(ref _timeouts, count);
    public void AddBurst429(int count) => Interlocked.Add(ref _burst429, count);

    public bool TakeUnknown503() => TakeOne(ref _unknown503) || Chance(Unknown503Probability);
    public bool TakeTimeout() => TakeOne(ref _timeouts);
    public bool TakeBurst429() => TakeOne(ref _burst429);

    public bool Chance(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_randomGate)
        {
            return _random.NextDouble() < probability;
        }
    }

    public void Clear()
    {
        Interlocked.Exchange(ref _unknown503, 0);
        Interlocked.Exchange(ref _timeouts, 0);
        Interlocked.Exchange(ref _burst429, 0);
        Unknown503Probability = 0;
        UserEventDelayMs = 0;
        DuplicateProbability = 0;
        ReorderProbability = 0;
        DropWebSocketsEveryMs = 0;
        RestLatencyMs = 0;
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
