using System.Runtime.InteropServices;

namespace Vq.Live;

/// <summary>
/// The engine thread's wake-up: many producers <see cref="Set"/>, one consumer <see cref="Wait"/>s until set or a
/// timeout, consuming the signal (auto-reset). On Linux x64/arm64 it is a bare futex on one pinned word: a wake is one
/// syscall, with no lock and no condition variable. On this 2-core VM that cut the wake of a sleeping thread from
/// 30–43 µs (<see cref="ManualResetEventSlim"/>, a Monitor underneath) to about 15 µs, and the engine wake is on every
/// tick-to-order path (bench/README.md). Elsewhere it falls back to a <see cref="ManualResetEventSlim"/>.
/// </summary>
internal abstract class WakeSignal : IDisposable
{
    public static WakeSignal Create() => FutexWakeSignal.IsSupported ? new FutexWakeSignal() : new EventWakeSignal();

    /// <summary>Any thread: signals; wakes the consumer if it sleeps. Cheap when already signalled.</summary>
    public abstract void Set();

    /// <summary>Consumer thread only: returns at once if signalled (consuming it), else sleeps up to <paramref name="timeoutMs"/>.</summary>
    public abstract void Wait(int timeoutMs);

    public abstract void Dispose();
}

/// <summary>The portable fallback: a <see cref="ManualResetEventSlim"/> with no spinning, reset after each wait.</summary>
internal sealed class EventWakeSignal : WakeSignal
{
    private readonly ManualResetEventSlim _event = new(false, spinCount: 0);

    public override void Set()
    {
        if (!_event.IsSet)
        {
            _event.Set();
        }
    }

    public override void Wait(int timeoutMs)
    {
        _event.Wait(timeoutMs);
        _event.Reset();
    }

    public override void Dispose() => _event.Dispose();
}

/// <summary>
/// Linux futex. Protocol: <c>word</c> is 1 when signalled. <see cref="Set"/> swaps in 1 and issues FUTEX_WAKE only when
/// the consumer announced it may sleep; <see cref="Wait"/> announces, then FUTEX_WAIT sleeps only while the word is
/// still 0 (the kernel checks that atomically), so a Set between the check and the sleep is never lost. Both sides
/// use full-fence interlocked writes before reading the other's flag. A spurious or timed-out return is harmless:
/// the engine loop simply runs a pass.
/// </summary>
internal sealed partial class FutexWakeSignal : WakeSignal
{
    private const int FutexWaitPrivate = 128; // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
    private const int FutexWakePrivate = 129; // FUTEX_WAKE | FUTEX_PRIVATE_FLAG

    // One pinned word (POH): the kernel keys the futex by address, so it must never move.
    private readonly int[] _word = GC.AllocateArray<int>(1, pinned: true);
    private int _consumerMaySleep;

    /// <summary>Linux x64/arm64 whose libc answers a FUTEX_WAKE (probed once; a missing libc falls back, never fails).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && SyscallNumber != 0 && Probe();

    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => 0,
    };

    public override void Set()
    {
        if (Interlocked.Exchange(ref _word[0], 1) == 0 && Volatile.Read(ref _consumerMaySleep) != 0)
        {
            Futex(ref _word[0], FutexWakePrivate, 1, IntPtr.Zero);
        }
    }

    public override unsafe void Wait(int timeoutMs)
    {
        if (Interlocked.Exchange(ref _word[0], 0) == 1)
        {
            return;
        }

        Interlocked.Exchange(ref _consumerMaySleep, 1);
        if (Volatile.Read(ref _word[0]) == 0)
        {
            var timeout = new Timespec { Seconds = timeoutMs / 1000, Nanoseconds = timeoutMs % 1000 * 1_000_000L };
            Futex(ref _word[0], FutexWaitPrivate, 0, (IntPtr)(&timeout));
        }

        Volatile.Write(ref _consumerMaySleep, 0);
        Interlocked.Exchange(ref _word[0], 0);
    }

    /// <summary>Nothing to release: the word is managed memory.</summary>
    public override void Dispose()
    {
    }

    private static bool Probe()
    {
        var word = 0;
        try
        {
            return Futex(ref word, FutexWakePrivate, 1, IntPtr.Zero) >= 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static long Futex(ref int word, int operation, int value, IntPtr timeout) =>
        Syscall(SyscallNumber, ref word, operation, value, timeout, IntPtr.Zero, 0);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // syscall(2) is variadic; on x64 and arm64 Linux integer arguments pass in the same registers either way.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, ref int address, int operation, int value, IntPtr timeout, IntPtr address2, int value3);
}
