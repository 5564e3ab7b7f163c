using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Vq.Sim;
using Vq.Sim.Scenario;
using Vq.Tests.Config;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.Ops;

/// <summary>
/// <c>vq run</c> as systemd runs it: the real process with <c>NOTIFY_SOCKET</c> (a datagram socket this test binds,
/// standing in for systemd) and <c>WATCHDOG_USEC</c>, against an in-process simulator; SIGTERM ends it.
/// </summary>
public sealed class SdNotifyProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_says_ready_then_pings_the_watchdog_from_the_engine_loop_then_stopping_after_sigterm()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, cancel);
        var config = _dir.Write("config.yaml", $"""
            global:
              endpoints:
                rest: {host.RestUri.ToString().TrimEnd('/')}
                ws: {host.WsUri.ToString().TrimEnd('/')}
            symbols:
              BTCUSDT: {"{}"}
            """);
        // A short path: sun_path holds 108 bytes.
        var socketPath = Path.Combine(Path.GetTempPath(), "vq-n-" + Guid.NewGuid().ToString("N")[..10] + ".sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "vq.dll"), "run", "--config", config },
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BINANCE_API_KEY"] = SimOptions.DefaultApiKey;
        start.Environment["BINANCE_API_SECRET"] = SimOptions.DefaultApiSecret;
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = "400000"; // pings every 200 ms
        start.Environment["VQ_LOG_DIR"] = Path.Combine(_dir.Path, "logs");
        start.Environment.Remove("WATCHDOG_PID");
        start.Environment.Remove("JOURNAL_STREAM");
        start.Environment.Remove("TELEGRAM_BOT_TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        var messages = new List<string>();
        try
        {
            await ReceiveUntilAsync(notify, messages, m => m == "READY=1", TimeSpan.FromSeconds(60), process, cancel);
            var ready = messages.Count - 1;
            await ReceiveUntilAsync(notify, messages, _ => messages.Skip(ready).Count(m => m == "WATCHDOG=1") >= 3, TimeSpan.FromSeconds(20), process, cancel);
            await ReceiveUntilAsync(notify, messages, m => m.StartsWith("STATUS=legs=", StringComparison.Ordinal), TimeSpan.FromSeconds(20), process, cancel);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancel);
            }

            await ReceiveUntilAsync(notify, messages, m => m == "STOPPING=1", TimeSpan.FromSeconds(30), process, cancel);
            await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(30), cancel);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(socketPath);
        }

        var readyAt = messages.IndexOf("READY=1");
        var stoppingAt = messages.IndexOf("STOPPING=1");
        var pings = messages.Select((m, i) => (m, i)).Where(x => x.m == "WATCHDOG=1").Select(x => x.i).ToList();
        Assert.True(readyAt >= 0 && pings.Count >= 3 && stoppingAt > pings[2], string.Join(" | ", messages));
        Assert.True(pings[0] > readyAt, "the first WATCHDOG=1 comes after READY=1: " + string.Join(" | ", messages));
        Assert.Contains(messages, m => m.StartsWith("STATUS=legs=1 remaining=BTCUSDT LONG 0.1", StringComparison.Ordinal));
        var output = await stdout;
        Assert.Contains("startup command=run", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "logs"), "vq_2*.log"));
    }

    private static async Task ReceiveUntilAsync(
        Socket socket, List<string> messages, Func<string, bool> done, TimeSpan timeout, Process process, CancellationToken cancel)
    {
        var buffer = new byte[4096];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        while (true)
        {
            int length;
            try
            {
                length = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                var exited = process.HasExited ? $" (vq exited with {process.ExitCode})" : "";
                Assert.Fail($"no matching notification within {timeout.TotalSeconds} s{exited}; got: {string.Join(" | ", messages)}");
                return;
            }

            var message = Encoding.UTF8.GetString(buffer, 0, length);
            messages.Add(message);
            if (done(message))
            {
                return;
            }
        }
    }
}
