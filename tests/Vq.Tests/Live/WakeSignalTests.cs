using System.Diagnostics;
using Vq.Live;

namespace Vq.Tests.Live;

/// <summary>
/// The engine thread's wake-up, both implementations. The time bounds are functional (a lost wake shows as a full
/// timeout of seconds), never performance claims.
/// </summary>
public sealed class WakeSignalTests
{
    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string> { "event" };
        if (FutexWakeSignal.IsSupported)
        {
            kinds.Add("futex");
        }

        return kinds;
    }

    private static WakeSignal Create(string kind) => kind == "futex" ? new FutexWakeSignal() : new EventWakeSignal();

    [Fact]
    public void Linux_x64_and_arm64_use_the_futex()
    {
        using var signal = WakeSignal.Create();
        var expected = OperatingSystem.IsLinux()
            && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64;
        Assert.Equal(expected, signal is FutexWakeSignal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_signal_set_before_the_wait_is_consumed_at_once_and_only_once(string kind)
    {
        using var signal = Create(kind);
        signal.Set();
        signal.Set();
        var watch = Stopwatch.StartNew();
        signal.Wait(5_000);
        Assert.True(watch.ElapsedMilliseconds < 2_500, $"waited {watch.ElapsedMilliseconds} ms on a set signal");

        // Consumed: the next wait sleeps its timeout.
        watch.Restart();
        signal.Wait(60);
        Assert.True(watch.ElapsedMilliseconds >= 50, $"returned after {watch.ElapsedMilliseconds} ms without a signal");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_set_from_another_thread_wakes_a_sleeping_waiter(string kind)
    {
        using var signal = Create(kind);
        var waiter = Task.Factory.StartNew(() =>
        {
            var watch = Stopwatch.StartNew();
            signal.Wait(10_000);
            return watch.ElapsedMilliseconds;
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        signal.Set();
        var waited = await waiter.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.InRange(waited, 50, 5_000);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_wake_is_lost_when_sets_race_the_waiter(string kind)
    {
        // Each round needs a wake: the producer posts one item, sets, and waits until the consumer took it. A lost
        // wake costs that round the consumer's whole 5 s timeout, so 2,000 rounds would take hours instead of
        // well under a second per few hundred.
        const int rounds = 2_000;
        using var signal = Create(kind);
        var posted = 0;
        var taken = 0;
        var consumer = new Thread(() =>
        {
            while (Volatile.Read(ref taken) < rounds)
            {
                if (Volatile.Read(ref posted) > Volatile.Read(ref taken))
                {
                    Interlocked.Increment(ref taken);
                    continue;
                }

                signal.Wait(5_000);
            }
        }) { IsBackground = true };
        consumer.Start();
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= rounds; i++)
        {
            Interlocked.Increment(ref posted);
            signal.Set();
            var spin = new SpinWait();
            while (Volatile.Read(ref taken) < i)
            {
                spin.SpinOnce();
            }
        }

        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{rounds} rounds took {watch.Elapsed}: a wake was lost");
    }
}
