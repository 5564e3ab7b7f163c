using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Vq.Config;

namespace Vq.Hosting;

/// <summary>
/// The systemd notification protocol (sd_notify(3)), written by hand: one datagram per message to the
/// <c>AF_UNIX</c> socket named by <c>NOTIFY_SOCKET</c> (a path, or <c>@name</c> for the abstract namespace). A no-op
/// when <c>NOTIFY_SOCKET</c> is unset (not under systemd, or <c>Type=simple</c>). Send failures are swallowed and
/// reported as false: a notification must never take vq down. Thread-safe (one datagram send per call);
/// <see cref="WatchdogIfDue"/> is allocation-free for the engine loop.
/// </summary>
internal sealed class SdNotify : IDisposable
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private static readonly byte[] s_ready = "READY=1"u8.ToArray();
    private static readonly byte[] s_watchdog = "WATCHDOG=1"u8.ToArray();
    private static readonly byte[] s_stopping = "STOPPING=1"u8.ToArray();
    private static readonly byte[] s_reloading = "RELOADING=1"u8.ToArray();

    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly long _pingPeriodTicks;
    private long _nextPingTimestamp;

    private SdNotify(string? socketPath, TimeSpan? watchdogInterval)
    {
        WatchdogInterval = watchdogInterval;
        // sd_watchdog_enabled(3): ping at half the interval so one late ping does not trip the watchdog.
        _pingPeriodTicks = watchdogInterval is { } interval ? (long)(interval.TotalSeconds / 2 * System.Diagnostics.Stopwatch.Frequency) : 0;
        if (string.IsNullOrEmpty(socketPath))
        {
            return;
        }

        // "@name" is the abstract namespace: the kernel name starts with a NUL byte.
        _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public static SdNotify Disabled { get; } = new(null, null);

    public static SdNotify FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SdNotify(environment.Get(NotifySocketVariable)?.Trim(), ParseWatchdog(environment, Environment.ProcessId));
    }

    public bool IsEnabled => _socket is not null;

    /// <summary>systemd's <c>WatchdogSec=</c> for this process, or null when the watchdog is off.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>How often <see cref="Watchdog"/> should be sent: half the interval, or null.</summary>
    public TimeSpan? WatchdogPingPeriod => WatchdogInterval / 2;

    /// <summary>
    /// <c>WATCHDOG_USEC</c> (positive microseconds) applies when <c>WATCHDOG_PID</c> is unset or names this process;
    /// anything unparsable means no watchdog.
    /// </summary>
    public static TimeSpan? ParseWatchdog(IEnvironmentVariables environment, int processId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!long.TryParse(environment.Get(WatchdogUsecVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return null;
        }

        var pid = environment.Get(WatchdogPidVariable);
        if (!string.IsNullOrEmpty(pid)
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var watchdogPid) || watchdogPid != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec);
    }

    /// <summary>Startup finished: streams are live.</summary>
    public bool Ready() => Send(s_ready);

    public bool Watchdog() => Send(s_watchdog);

    public bool Stopping() => Send(s_stopping);

    public bool Reloading() => Send(s_reloading);

    /// <summary>Free-form status line shown by <c>systemctl status</c> (one line; newlines are replaced).</summary>
    public bool Status(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return IsEnabled && Send(Encoding.UTF8.GetBytes("STATUS=" + status.Replace('\n', ' ')));
    }

    /// <summary>
    /// Sends <c>WATCHDOG=1</c> when the ping period has elapsed since the last ping (Stopwatch timestamps). Cheap
    /// enough to call on every engine-loop iteration; true when a ping was sent.
    /// </summary>
    public bool WatchdogIfDue(long nowTimestamp)
    {
        if (_pingPeriodTicks == 0 || _socket is null || nowTimestamp < Volatile.Read(ref _nextPingTimestamp))
        {
            return false;
        }

        Volatile.Write(ref _nextPingTimestamp, nowTimestamp + _pingPeriodTicks);
        return Watchdog();
    }

    public void Dispose() => _socket?.Dispose();

    private bool Send(byte[] datagram)
    {
        if (_socket is null)
        {
            return false;
        }

        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, _endpoint!) == datagram.Length;
        }
        catch (SocketException)
        {
            // systemd went away or the socket is gone (e.g. after a manual restart): nothing useful to do.
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
