using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Vq.Hosting;
using Vq.Tests.Config;

namespace Vq.Tests.Ops;

public sealed class SdNotifyTests
{
    /// <summary>A fake systemd: a bound unix datagram socket that collects what vq sends.</summary>
    private sealed class FakeNotifySocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly string? _file;

        public FakeNotifySocket(bool abstractNamespace)
        {
            var name = "vq-notify-" + Guid.NewGuid().ToString("N")[..12];
            if (abstractNamespace)
            {
                Address = "@" + name;
                _socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
            }
            else
            {
                _file = Path.Combine(Path.GetTempPath(), name + ".sock");
                Address = _file;
                _socket.Bind(new UnixDomainSocketEndPoint(_file));
            }

            _socket.ReceiveTimeout = 5000;
        }

        public string Address { get; }

        public string Receive()
        {
            var buffer = new byte[4096];
            var length = _socket.Receive(buffer);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        public bool HasPending => _socket.Available > 0;

        public void Dispose()
        {
            _socket.Dispose();
            if (_file is not null)
            {
                File.Delete(_file);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sends_ready_status_watchdog_and_stopping_in_order(bool abstractNamespace)
    {
        using var systemd = new FakeNotifySocket(abstractNamespace);
        using var notify = SdNotify.FromEnvironment(new TestEnvironment(
            (SdNotify.NotifySocketVariable, systemd.Address), (SdNotify.WatchdogUsecVariable, "30000000")));

        Assert.True(notify.IsEnabled);
        Assert.True(notify.Ready());
        Assert.True(notify.Status("2 legs, BTCUSDT:LONG remaining 0.5\nsecond line"));
        Assert.True(notify.Watchdog());
        Assert.True(notify.Stopping());

        Assert.Equal("READY=1", systemd.Receive());
        Assert.Equal("STATUS=2 legs, BTCUSDT:LONG remaining 0.5 second line", systemd.Receive());
        Assert.Equal("WATCHDOG=1", systemd.Receive());
        Assert.Equal("STOPPING=1", systemd.Receive());
        Assert.False(systemd.HasPending);
    }

    [Fact]
    public void Watchdog_if_due_pings_at_half_the_interval()
    {
        using var systemd = new FakeNotifySocket(abstractNamespace: true);
        using var notify = SdNotify.FromEnvironment(new TestEnvironment(
            (SdNotify.NotifySocketVariable, systemd.Address), (SdNotify.WatchdogUsecVariable, "2000000")));
        var second = Stopwatch.Frequency;

        Assert.Equal(TimeSpan.FromSeconds(1), notify.WatchdogPingPeriod);
        Assert.True(notify.WatchdogIfDue(10 * second));
        Assert.False(notify.WatchdogIfDue((10 * second) + (second / 2)));
        Assert.True(notify.WatchdogIfDue(11 * second));
        Assert.Equal("WATCHDOG=1", systemd.Receive());
        Assert.Equal("WATCHDOG=1", systemd.Receive());
        Assert.False(systemd.HasPending);
    }

    [Fact]
    public void Without_notify_socket_everything_is_a_no_op()
    {
        using var notify = SdNotify.FromEnvironment(new TestEnvironment());

        Assert.False(notify.IsEnabled);
        Assert.False(notify.Ready());
        Assert.False(notify.Status("x"));
        Assert.False(notify.WatchdogIfDue(long.MaxValue));
        Assert.False(notify.Stopping());
    }

    [Fact]
    public void A_vanished_socket_reports_false_instead_of_throwing()
    {
        var path = Path.Combine(Path.GetTempPath(), "vq-notify-missing-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        using var notify = SdNotify.FromEnvironment(new TestEnvironment((SdNotify.NotifySocketVariable, path)));

        Assert.True(notify.IsEnabled);
        Assert.False(notify.Ready());
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "self", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData("-5", null, null)]
    [InlineData("abc", null, null)]
    [InlineData(null, null, null)]
    public void Watchdog_usec_parsing(string? usec, string? pid, double? expectedSeconds)
    {
        var environment = new TestEnvironment();
        if (usec is not null)
        {
            environment.Set(SdNotify.WatchdogUsecVariable, usec);
        }

        if (pid is not null)
        {
            environment.Set(SdNotify.WatchdogPidVariable, pid == "self" ? Environment.ProcessId.ToString() : pid);
        }

        var interval = SdNotify.ParseWatchdog(environment, Environment.ProcessId);

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, interval);
    }
}
