using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;

namespace Vq.Latency;

/// <summary>
/// What this machine charges for the hand-offs every tick-to-order sample contains, with no vq code involved: one
/// byte over loopback TCP to a thread blocked in <c>recv</c> (the path has two: the frame in, the order out), and
/// one wake of a thread blocked on an event (the path has at least one: the engine thread), both with a
/// <see cref="ManualResetEventSlim"/> and with the engine's own <see cref="Vq.Live.WakeSignal"/>. The sender sleeps
/// between samples like the harness's tick driver, so the receiver's core is as idle as it is between ticks.
/// </summary>
internal static class MachineFloor
{
    public static string Measure(int samples, int gapMs)
    {
        var loopback = LoopbackOneWay(samples, gapMs);
        // EventWakeSignal is the ManualResetEventSlim (spin count 0) the engine used before the futex.
        using var eventSignal = new Vq.Live.EventWakeSignal();
        var wake = SignalWake(samples, gapMs, eventSignal);
        using var engineSignal = Vq.Live.WakeSignal.Create();
        var engineWake = SignalWake(samples, gapMs, engineSignal);
        return "machine floor (no vq code; blocked receiver, idle gap " + gapMs.ToString(CultureInfo.InvariantCulture) + " ms):\n"
            + "  one loopback TCP hop to a thread blocked in recv: " + HarnessResult.Percentiles(loopback, CultureInfo.InvariantCulture) + "\n"
            + "  one ManualResetEventSlim wake of a blocked thread: " + HarnessResult.Percentiles(wake, CultureInfo.InvariantCulture) + "\n"
            + "  one wake of the engine's own signal (" + engineSignal.GetType().Name + "): " + HarnessResult.Percentiles(engineWake, CultureInfo.InvariantCulture);
    }

    private static LongHistogram LoopbackOneWay(int samples, int gapMs)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        sender.Connect(listener.LocalEndPoint!);
        using var receiver = listener.Accept();
        var histogram = new LongHistogram(10_000_000_000L, 3);
        long sentAt = 0;
        var recorded = 0;
        var thread = new Thread(() =>
        {
            var buffer = new byte[16];
            for (var i = 0; i < samples; i++)
            {
                receiver.Receive(buffer);
                histogram.RecordValue(Nanoseconds(Volatile.Read(ref sentAt), Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref recorded);
            }
        }) { IsBackground = true, Name = "floor-recv" };
        thread.Start();
        var one = new byte[1];
        for (var i = 0; i < samples; i++)
        {
            Thread.Sleep(gapMs);
            Volatile.Write(ref sentAt, Stopwatch.GetTimestamp());
            sender.Send(one);
            AwaitSample(ref recorded, i + 1);
        }

        thread.Join();
        return histogram;
    }

    /// <summary>Wakes of a thread blocked on <paramref name="wake"/>, used the way the engine's inbox uses it.</summary>
    private static LongHistogram SignalWake(int samples, int gapMs, Vq.Live.WakeSignal wake)
    {
        var histogram = new LongHistogram(10_000_000_000L, 3);
        long setAt = 0;
        var recorded = 0;
        var thread = new Thread(() =>
        {
            for (var i = 0; i < samples; i++)
            {
                wake.Wait(10_000);
                histogram.RecordValue(Nanoseconds(Volatile.Read(ref setAt), Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref recorded);
            }
        }) { IsBackground = true, Name = "floor-signal" };
        thread.Start();
        for (var i = 0; i < samples; i++)
        {
            Thread.Sleep(gapMs);
            Volatile.Write(ref setAt, Stopwatch.GetTimestamp());
            wake.Set();
            AwaitSample(ref recorded, i + 1);
        }

        thread.Join();
        return histogram;
    }

    /// <summary>One sample at a time: two sends or sets in one wake would merge and leave the receiver short.</summary>
    private static void AwaitSample(ref int recorded, int expected)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref recorded) < expected)
        {
            spin.SpinOnce();
        }
    }

    private static long Nanoseconds(long from, long to) => Math.Max(1, (long)((to - from) * (1_000_000_000.0 / Stopwatch.Frequency)));
}
