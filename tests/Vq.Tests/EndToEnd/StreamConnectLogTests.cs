using System.Text;
using System.Text.RegularExpressions;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Scenario;
using Vq.Tests.Config;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// One operator-facing line per WebSocket (re)connect: the host's <c>ws_connect</c> / <c>ws_reconnect stream=…</c>
/// (the stable <c>event k=v</c> format). The wire client's own <c>stream X connected</c> / <c>re-established</c> lines
/// (Vq.Binance event ids 3001 / 3002) are DEBUG: in the debug-level file, absent from the INFO console (journald).
/// Wired as <c>vq run</c> wires it (<see cref="Operations"/> with the ZLogger service console).
/// </summary>
public sealed partial class StreamConnectLogTests : IDisposable
{
    private readonly TempDirectory _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Each_connect_and_reconnect_is_one_host_line_on_the_console_and_the_client_line_is_debug_in_the_file()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, cancel);
        var config = SimConfig(host);
        var serviceConsole = new MemoryStream();
        long reconnects;
        var ops = Operations.Create(new OperationsOptions
        {
            Command = "run",
            Global = config.Global with { Logging = new LoggingSettings { Dir = _logs.Path } },
            LogDir = _logs.Path,
            ServiceConsole = serviceConsole,
        });
        await using (ops)
        {
            var started = await LiveSession.StartAsync(new SessionRequest
            {
                Config = config,
                ApiKey = SimOptions.DefaultApiKey,
                ApiSecret = SimOptions.DefaultApiSecret,
                DefaultGate = ExitGate.Off,
                BeforeStart = ops.Prepare,
            }, ops.Log, cancel);
            Assert.True(started.Session is not null, started.Error);
            await using var session = started.Session!;
            await ops.AttachAsync(session);
            var streams = new[] { session.UserStream!.Counters, session.PublicStream!.Counters, session.MarketDataStream!.Counters };

            host.Exchange.DropConnections();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (streams.Any(s => s.Reconnects == 0))
            {
                Assert.True(DateTime.UtcNow < deadline, "the streams did not reconnect");
                await Task.Delay(20, cancel);
            }

            // The host logs a state change from the engine thread: give it a pass to take the last one.
            await session.Loop.QueryAsync(_ => 0);
            reconnects = streams.Sum(s => s.Reconnects);
            ops.Stopping();
            await session.StopAsync("test");
        }

        var console = Encoding.UTF8.GetString(serviceConsole.ToArray()).Split('\n');
        var connects = console.Select(l => HostConnect().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, connects.Count);
        Assert.Equal(3, connects.Distinct().Count());
        Assert.Equal(reconnects, console.Count(l => l.Contains(" ws_reconnect stream=", StringComparison.Ordinal)));
        Assert.DoesNotContain(console, l => ClientConnect().IsMatch(l));

        // Demoted, not deleted: the debug-level main file still has the client's line for each stream.
        var main = Directory.GetFiles(_logs.Path, "vq_2*.log").Single();
        var file = (await File.ReadAllTextAsync(main, cancel)).Split('\n');
        var clientLines = file.Where(l => ClientConnect().IsMatch(l)).ToList();
        Assert.NotEmpty(clientLines);
        Assert.All(clientLines, l => Assert.Contains("DEBUG", l, StringComparison.Ordinal));
        Assert.Equal(3, clientLines.Count(l => l.EndsWith(" connected", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@" ws_connect stream=(\S+)")]
    private static partial Regex HostConnect();

    [GeneratedRegex(@"stream \S+ (connected|re-established)$")]
    private static partial Regex ClientConnect();
}
