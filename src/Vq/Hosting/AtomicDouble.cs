namespace Vq.Hosting;

/// <summary>Lock-free double add/set for metrics (a CAS loop; contention is one writer plus scrapes).</summary>
internal static class AtomicDouble
{
    public static void Add(ref double target, double value)
    {
        double current, updated;
        do
        {
            current = Volatile.Read(ref target);
            updated = current + value;
        }
        while (Interlocked.CompareExchange(ref target, updated, current) != current);
    }

    public static void Set(ref double target, double value) => Interlocked.Exchange(ref target, value);

    public static double Read(ref double target) => Volatile.Read(ref target);
}
