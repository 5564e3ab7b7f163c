using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Hosting;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using Vq.Tests.EndToEnd;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.Ops;

/// <summary>
/// The cancel metric at shutdown (§5.5): orders resting when the session stops are cancelled by the shutdown's own
/// requests (<c>OrderGateway.CancelOwn</c>, the open-orders sweep), and each must appear in
/// <c>vq_order_cancels_total</c> exactly once, whether the engine saw its CANCELED update before its thread ended or
/// not. The market is a still replay whose trades sell into the bid, so a close-long maker order at the ask rests.
/// </summary>
public sealed class ShutdownCancelMetricsTests : IDisposable
{
    private readonly string _replay = Path.Combine(Path.GetTempPath(), $"vq-shutdown-cancels-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_replay);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_the_shutdown_sweep_the_cancel_count_equals_the_simulator_ledger(bool userEventsLate)
    {
        var cancel = TestContext.Current.CancellationToken;
        await File.WriteAllLinesAsync(_replay, RunSignalTests.CalmReplay(60000.0m), cancel);
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.05m, 60000m)) with { ReplayPath = _replay, ReplayLoop = true }, 0, cancel);
        // A long TTL: the maker order must still rest when the session stops.
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 2, MaxMult = 10, MaxOrderNotional = 0m, OrderTtlMs = 120_000 });
        var console = new StringWriter();
        var ops = Operations.Create(new OperationsOptions
        {
            Command = "run",
            Global = config.Global with { Metrics = new MetricsSettings { Enabled = true, Listen = "127.0.0.1:0" } },
            Console = TextWriter.Synchronized(console),
        });
        double counted;
        int ledger;
        string prefix;
        await using (ops)
        {
            (counted, ledger, prefix) = await RunAndStopAsync(host, config, ops, userEventsLate, cancel);
        }

        var log = console.ToString();
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(ledger >= (userEventsLate ? 2 : 1), log);
        Assert.Equal(ledger, counted);
        if (userEventsLate)
        {
            Assert.Contains("order_cleanup cancelled=1 ", log, StringComparison.Ordinal);
        }

        // The endpoint dies with the process right after the sweep: the final totals are logged (and put in STATUS=).
        Assert.Contains("metrics_final orders_placed=", log, StringComparison.Ordinal);
        Assert.Contains($" cancels={ledger} ", log, StringComparison.Ordinal);
    }

    /// <summary>Starts a session working BTCUSDT LONG, stops it once an order rests, scrapes the cancel metric.</summary>
    private static async Task<(double Counted, int Ledger, string Prefix)> RunAndStopAsync(
        SimHost host, VqConfig config, Operations ops, bool userEventsLate, CancellationToken cancel)
    {
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = config,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            DefaultGate = ExitGate.Off,
            Targets = [("BTCUSDT", PositionSide.Long)],
            ShutdownDrainMs = 800,
            BeforeStart = ops.Prepare,
        }, ops.Log, cancel);
        Assert.True(started.Session is not null, started.Error);
        await using var session = started.Session!;
        await ops.AttachAsync(session);
        var prefix = session.Ids.Prefix;
        await WaitUntilAsync(() => OpenOrders(host).Any(o => o.ClientOrderId.StartsWith(prefix, StringComparison.Ordinal)), "no order of this run rests");

        if (userEventsLate)
        {
            // The CANCELED updates arrive after the engine thread has ended: only the shutdown's own acks can count them.
            host.Exchange.Faults.UserEventDelayMs = 5000;
            // And one order of this run the engine never heard of (its placement answer lost): only the sweep finds it.
            var lost = host.Exchange.Read(e => e.Place(new OrderRequest
            {
                Symbol = "BTCUSDT", Side = "SELL", PositionSide = "LONG", Type = "LIMIT", TimeInForce = "GTC",
                Quantity = "0.001", Price = "61000.0", NewClientOrderId = prefix + "lost",
            }));
            Assert.Null(lost.Error);
        }

        ops.Stopping();
        await session.StopAsync("test");

        using var http = new HttpClient();
        var families = PrometheusTextParser.Parse(await http.GetStringAsync(new Uri(ops.MetricsAddress!, "/metrics"), cancel));
        var counted = families["vq_order_cancels_total"].Samples.Single().Value;
        var ledger = host.Exchange.Read(e => e.Ledger.Cancels.Count(c => c.ClientOrderId.StartsWith(prefix, StringComparison.Ordinal)));
        return (counted, ledger, prefix);
    }

    [Fact]
    public async Task The_tally_counts_each_order_once_whichever_path_reports_it_first()
    {
        var metrics = new Metrics(["BTCUSDT"], Operations.StreamNames);
        var tally = new ShutdownCancelTally(metrics);
        var ids = Enumerable.Range(0, 50).Select(i => ClientOrderId.Parse("vq-run-" + i)).ToArray();

        // Reporters (the engine thread, the REST acks) racing over the same orders.
        var counted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ids.Count(tally.Count), TestContext.Current.CancellationToken)));

        Assert.Equal(ids.Length, counted.Sum());
        Assert.Equal(ids.Length, metrics.Cancels);
        Assert.False(tally.Count(default));
        Assert.Equal(ids.Length, metrics.Cancels);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
