using System.Globalization;
using System.Text;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Live;
using Vq.Notify;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Tests.Config;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.Ops;

/// <summary>
/// Issue 6 end to end: a real flatten against the loopback simulator with the operations wired as <c>vq flatten</c>
/// wires them (daily files, console, Telegram, metrics). Timeouts only bound a hung run.
/// </summary>
public sealed class OpsEndToEndTests : IDisposable
{
    private const string ApiKey = "opsTestKey7f3a9c1e5b2d4a6f8e0c1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6";
    private const string ApiSecret = "opsTestSecret0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c";
    private const string BotToken = "7654321:AAHopsTestTelegramToken-xyz0123456789";
    private const string ChatId = "-1009876543210";

    private readonly TempDirectory _logs = new();

    public void Dispose() => _logs.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_flatten_with_known_secrets_never_writes_them_to_any_log_file_or_the_console(bool json)
    {
        await using var telegram = await FakeTelegram.StartAsync(TimeProvider.System);
        await using var host = await StartSimAsync();
        var console = new StringWriter();
        var serviceConsole = new MemoryStream();
        var options = Options(host, telegram, TextWriter.Synchronized(console));
        options = options with { Global = options.Global with { Logging = options.Global.Logging with { Json = json } } };
        var ops = Operations.Create(options);
        FlattenResult result;
        await using (ops)
        {
            result = await FlattenRunner.RunAsync(Request(host, ops), TextWriter.Synchronized(console), TestContext.Current.CancellationToken);
            // An accident on purpose, on every destination (console, main file, error file): the scrubber must catch it.
            ops.Log.Line("error", "where=test leaked=" + ApiSecret + " token=" + BotToken + " key=" + ApiKey + " chat=" + ChatId);
            await ops.Log.FlushAsync();
        }

        // The service console (ZLogger on stdout for vq run) gets the same treatment.
        var service = Operations.Create(options with { Console = null, ServiceConsole = serviceConsole, LogDir = Path.Combine(_logs.Path, "service") });
        await using (service)
        {
            service.Log.Line("error", "where=test leaked=" + ApiSecret + " token=" + BotToken);
            service.Log.Raw("report " + ApiKey);
        }

        Assert.True(result.ExitCode == 0, console.ToString());
        var files = Directory.GetFiles(_logs.Path, "*.log", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("vq_error_", StringComparison.Ordinal));
        var main = files.Single(f => Path.GetDirectoryName(f) == _logs.Path && Path.GetFileName(f).StartsWith("vq_2", StringComparison.Ordinal));
        var mainText = await File.ReadAllTextAsync(main, TestContext.Current.CancellationToken);
        Assert.Contains("order_place leg=BTCUSDT:LONG", mainText, StringComparison.Ordinal);
        Assert.Contains("order_fill leg=BTCUSDT:LONG", mainText, StringComparison.Ordinal);
        Assert.Contains("leaked=****", mainText, StringComparison.Ordinal);
        if (json)
        {
            foreach (var line in mainText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = System.Text.Json.JsonDocument.Parse(line);
            }
        }

        var destinations = files.Select(f => (f, File.ReadAllBytes(f))).ToList();
        destinations.Add(("console", Encoding.UTF8.GetBytes(console.ToString())));
        destinations.Add(("service console", serviceConsole.ToArray()));
        foreach (var (name, bytes) in destinations)
        {
            Assert.True(bytes.Length > 0, name + " is empty");
            foreach (var secret in new[] { ApiKey, ApiSecret, BotToken, ChatId })
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{name} contains a secret");
            }
        }
    }

    [Fact]
    public async Task The_metrics_endpoint_after_a_flatten_matches_the_simulator_ledger()
    {
        await using var telegram = await FakeTelegram.StartAsync(TimeProvider.System);
        await using var host = await StartSimAsync();
        var console = TextWriter.Synchronized(new StringWriter());
        await using var ops = Operations.Create(Options(host, telegram, console));

        var result = await FlattenRunner.RunAsync(Request(host, ops), console, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(ops.MetricsAddress);
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(ops.MetricsAddress!, "/metrics"), TestContext.Current.CancellationToken);
        var families = PrometheusTextParser.Parse(text);
        double Sum(string family, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
            families[family].Samples.Where(s => where is null || where(s.Labels)).Sum(s => s.Value);

        var requests = host.Exchange.Read(e => e.Ledger.Requests.ToList());
        var placements = requests.Count(r => r.Method == "POST" && r.Path == "/fapi/v1/order");
        var fills = Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).ToList();
        // Execution orders only: the flat legs' protective stops (vq-ps-) are removed too, but they are not orders worked.
        var cancels = host.Exchange.Read(e => e.Ledger.Cancels.Count(c =>
            c.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && !c.ClientOrderId.StartsWith("vq-ps-", StringComparison.Ordinal)));
        Assert.True(placements > 0);
        Assert.Equal(placements, Sum("vq_orders_placed_total"));
        Assert.Equal((double)fills.Where(f => f.Maker).Sum(f => f.Qty), Sum("vq_filled_quantity_total", l => l["role"] == "maker"), 9);
        Assert.Equal((double)fills.Where(f => !f.Maker).Sum(f => f.Qty), Sum("vq_filled_quantity_total", l => l["role"] == "taker"), 9);
        Assert.Equal(cancels, Sum("vq_order_cancels_total"));
        Assert.Equal(0, Sum("vq_leg_remaining_quantity", l => l["symbol"] == "BTCUSDT" && l["side"] == "LONG"));
        Assert.Equal(0, Sum("vq_leg_remaining_quantity", l => l["symbol"] == "ETHUSDT" && l["side"] == "SHORT"));
        Assert.Equal(3, families["vq_stream_message_age_seconds"].Samples.Count);
        Assert.True(Sum("vq_request_weight_limit") > 0);
        Assert.True(Sum("vq_order_count_limit") > 0);
        Assert.Equal(placements, families["vq_decision_latency_seconds"].Samples.Single(s => s.Name == "vq_decision_latency_seconds_count").Value);
        Assert.Equal(placements, families["vq_tick_to_order_latency_seconds"].Samples.Single(s => s.Name == "vq_tick_to_order_latency_seconds_count").Value);
    }

    [Fact]
    public async Task The_fake_telegram_server_receives_one_fill_notice_per_fill_with_the_position_going_down()
    {
        await using var telegram = await FakeTelegram.StartAsync(TimeProvider.System);
        await using var host = await StartSimAsync();
        var console = TextWriter.Synchronized(new StringWriter());
        await using var ops = Operations.Create(Options(host, telegram, console));

        var result = await FlattenRunner.RunAsync(Request(host, ops), console, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        var fills = Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fills);
        await telegram.WaitForRequestsAsync(fills.Count, TimeSpan.FromSeconds(30));
        var notices = telegram.Requests.Where(r => r.Text.StartsWith("[FILLED]", StringComparison.Ordinal)).ToList();
        Assert.Equal(fills.Count, notices.Count);
        Assert.All(notices, n =>
        {
            Assert.Equal("/bot" + BotToken + "/sendMessage", n.Path);
            Assert.Equal(ChatId, n.ChatId);
            var position = n.Text.Split('\n').Single(l => l.StartsWith("  position: ", StringComparison.Ordinal))["  position: ".Length..].Split(" -> ");
            Assert.True(decimal.Parse(position[1], CultureInfo.InvariantCulture) < decimal.Parse(position[0], CultureInfo.InvariantCulture), n.Text);
        });
        foreach (var (symbol, text, side) in new[] { ("BTCUSDT", "close long", LegSide.Long), ("ETHUSDT", "close short", LegSide.Short) })
        {
            var display = Symbols.ToDisplay(symbol);
            var legNotices = notices.Where(n => n.Text.Contains("symbol: " + display, StringComparison.Ordinal)).ToList();
            Assert.All(legNotices, n => Assert.StartsWith("[FILLED] " + text, n.Text, StringComparison.Ordinal));
            var filled = legNotices.Sum(n => decimal.Parse(
                n.Text.Split('\n').Single(l => l.StartsWith("  filled: ", StringComparison.Ordinal))["  filled: ".Length..].Split(" @ ")[0],
                CultureInfo.InvariantCulture));
            Assert.Equal(fills.Where(f => f.Symbol == symbol && f.PositionSide == side).Sum(f => f.Qty), filled);
        }

        // Paced one at a time, at least the configured interval apart (P21).
        var times = telegram.Requests.Select(r => r.Timestamp).Order().ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(times[i - 1], times[i]) >= TimeSpan.FromMilliseconds(45));
        }
    }

    [Fact]
    public async Task A_stream_reconnect_is_notified_on_telegram_and_counted_in_metrics()
    {
        await using var telegram = await FakeTelegram.StartAsync(TimeProvider.System);
        await using var host = await StartSimAsync();
        var console = TextWriter.Synchronized(new StringWriter());
        await using var ops = Operations.Create(Options(host, telegram, console) with { Command = "run" });
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = SimConfig(host),
            ApiKey = ApiKey,
            ApiSecret = ApiSecret,
            DefaultGate = Vq.Core.Engine.ExitGate.Off,
            BeforeStart = ops.Prepare,
        }, ops.Log, TestContext.Current.CancellationToken);
        Assert.True(started.Session is not null, started.Error);
        await using var session = started.Session!;
        await ops.AttachAsync(session);

        await Task.Delay(300, TestContext.Current.CancellationToken);
        host.Exchange.DropConnections();
        await telegram.WaitForRequestsAsync(3, TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var families = PrometheusTextParser.Parse(await http.GetStringAsync(new Uri(ops.MetricsAddress!, "/metrics"), TestContext.Current.CancellationToken));
        ops.Stopping();
        await session.StopAsync("test");

        var texts = telegram.Requests.Select(r => r.Text).ToList();
        Assert.Equal(1, texts.Count(t => t.StartsWith("[RECONNECT] user_data", StringComparison.Ordinal)));
        Assert.Equal(2, texts.Count(t => t.StartsWith("[RECONNECT] market_data", StringComparison.Ordinal)));
        var reconnects = families["vq_stream_reconnects_total"].Samples.ToDictionary(x => x.Labels["stream"], x => x.Value);
        Assert.All(Operations.StreamNames, stream => Assert.True(reconnects[stream] >= 1, stream));
    }

    private static Task<SimHost> StartSimAsync() =>
        SimHost.StartAsync(
            Scenario(Long("BTCUSDT", 0.1m, 60000m), Short("ETHUSDT", 2m, 3000m)) with { ApiKey = ApiKey, ApiSecret = ApiSecret },
            0, TestContext.Current.CancellationToken);

    private OperationsOptions Options(SimHost host, FakeTelegram telegram, TextWriter? console) => new()
    {
        Command = "flatten",
        Global = SimConfig(host).Global with
        {
            Telegram = new TelegramSettings { Enabled = true, ApiBase = telegram.BaseUrl },
            Metrics = new MetricsSettings { Enabled = true, Listen = "127.0.0.1:0" },
            Logging = new LoggingSettings { Dir = _logs.Path },
        },
        LogDir = _logs.Path,
        Secrets = [ApiKey, ApiSecret, BotToken, ChatId],
        TelegramBotToken = BotToken,
        TelegramChatId = ChatId,
        Console = console,
        TelegramOptions = new TelegramNotifierOptions { MinInterval = TimeSpan.FromMilliseconds(50), ShutdownTimeout = TimeSpan.FromSeconds(10) },
    };

    private static FlattenRequest Request(SimHost host, Operations ops) => new()
    {
        Config = SimConfig(host),
        ApiKey = ApiKey,
        ApiSecret = ApiSecret,
        Targets = [("BTCUSDT", PositionSide.Long), ("ETHUSDT", PositionSide.Short)],
        GiveUpAfter = TimeSpan.FromSeconds(60),
        Operations = ops,
    };
}
