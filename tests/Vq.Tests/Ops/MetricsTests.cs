using System.Diagnostics;
using Vq.Core.Primitives;
using Vq.Hosting;

namespace Vq.Tests.Ops;

public sealed class MetricsTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    private static Metrics Populated()
    {
        var metrics = new Metrics(["BTCUSDT", "ETHUSDT"], ["market", "user_data", "odd \"name\\\n"]);
        metrics.OrderPlaced(ExecutionMode.MakerOnly);
        metrics.OrderPlaced(ExecutionMode.MakerOnly);
        metrics.OrderPlaced(ExecutionMode.AggressiveLimit);
        metrics.Filled(isMaker: true, 0.001m);
        metrics.Filled(isMaker: true, 0.002m);
        metrics.Filled(isMaker: false, 0.5m);
        metrics.Cancelled();
        metrics.Rejected(-5022);
        metrics.Rejected(-5022);
        metrics.Rejected(-2022);
        metrics.SetRemaining(0, PositionSide.Long, 0.25m);
        metrics.SetRemaining(1, PositionSide.Short, 3m);
        metrics.MessageReceived(0, 1000 * Ms);
        metrics.MessageReceived(2, 1500 * Ms);
        metrics.Reconnected(1);
        metrics.SetRequestWeight(120, 2400);
        metrics.SetOrderCount(7, 1200);
        metrics.ObserveDecision(Ms / 100); // 10 µs: exactly on the first bound
        metrics.ObserveDecision(3 * Ms);
        metrics.ObserveTickToOrder(2000 * Ms); // above the last bound: only in +Inf
        return metrics;
    }

    [Fact]
    public void Rendering_is_valid_exposition_with_the_expected_values()
    {
        var text = MetricsText.Render(Populated(), 2000 * Ms);

        var families = PrometheusTextParser.Parse(text);

        double Value(string family, string name, params (string, string)[] labels) => families[family].Samples
            .Single(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Item1, out var v) && v == l.Item2)).Value;
        Assert.Equal(2, Value("vq_orders_placed_total", "vq_orders_placed_total", ("mode", "MAKER_ONLY")));
        Assert.Equal(1, Value("vq_orders_placed_total", "vq_orders_placed_total", ("mode", "AGGRESSIVE_LIMIT")));
        Assert.Equal(0.003, Value("vq_filled_quantity_total", "vq_filled_quantity_total", ("role", "maker")), 12);
        Assert.Equal(0.5, Value("vq_filled_quantity_total", "vq_filled_quantity_total", ("role", "taker")));
        Assert.Equal(1, Value("vq_order_cancels_total", "vq_order_cancels_total"));
        Assert.Equal(2, Value("vq_order_rejects_total", "vq_order_rejects_total", ("code", "-5022")));
        Assert.Equal(1, Value("vq_order_rejects_total", "vq_order_rejects_total", ("code", "-2022")));
        Assert.Equal(0.25, Value("vq_leg_remaining_quantity", "vq_leg_remaining_quantity", ("symbol", "BTCUSDT"), ("side", "LONG")));
        Assert.Equal(3, Value("vq_leg_remaining_quantity", "vq_leg_remaining_quantity", ("symbol", "ETHUSDT"), ("side", "SHORT")));
        Assert.Equal(1.0, Value("vq_stream_message_age_seconds", "vq_stream_message_age_seconds", ("stream", "market")), 9);
        Assert.Equal(0.5, Value("vq_stream_message_age_seconds", "vq_stream_message_age_seconds", ("stream", "odd \"name\\\n")), 9);
        Assert.DoesNotContain(families["vq_stream_message_age_seconds"].Samples, s => s.Labels["stream"] == "user_data");
        Assert.Equal(1, Value("vq_stream_reconnects_total", "vq_stream_reconnects_total", ("stream", "user_data")));
        Assert.Equal(120, Value("vq_request_weight_used", "vq_request_weight_used"));
        Assert.Equal(2400, Value("vq_request_weight_limit", "vq_request_weight_limit"));
        Assert.Equal(7, Value("vq_order_count_used", "vq_order_count_used"));
        Assert.Equal(1200, Value("vq_order_count_limit", "vq_order_count_limit"));
        Assert.Equal(1, Value("vq_decision_latency_seconds", "vq_decision_latency_seconds_bucket", ("le", "1E-05")));
        Assert.Equal(1, Value("vq_decision_latency_seconds", "vq_decision_latency_seconds_bucket", ("le", "0.0025")));
        Assert.Equal(2, Value("vq_decision_latency_seconds", "vq_decision_latency_seconds_bucket", ("le", "0.005")));
        Assert.Equal(2, Value("vq_decision_latency_seconds", "vq_decision_latency_seconds_count"));
        Assert.Equal(0.00301, Value("vq_decision_latency_seconds", "vq_decision_latency_seconds_sum"), 6);
        Assert.Equal(0, Value("vq_tick_to_order_latency_seconds", "vq_tick_to_order_latency_seconds_bucket", ("le", "1")));
        Assert.Equal(1, Value("vq_tick_to_order_latency_seconds", "vq_tick_to_order_latency_seconds_bucket", ("le", "+Inf")));
    }

    [Theory]
    [InlineData("vq_x 1\n", "sample outside its family")]
    [InlineData("# HELP vq_x h\n# TYPE vq_x counter\nvq_x{a=\"\\t\"} 1\n", "illegal escape")]
    [InlineData("# HELP vq_x h\n# TYPE vq_x counter\nvq_x -1\n", "negative counter")]
    [InlineData("# HELP vq_h h\n# TYPE vq_h histogram\nvq_h_bucket{le=\"1\"} 2\nvq_h_bucket{le=\"+Inf\"} 1\nvq_h_sum 0\nvq_h_count 1\n", "cumulative")]
    [InlineData("# HELP vq_h h\n# TYPE vq_h histogram\nvq_h_bucket{le=\"+Inf\"} 2\nvq_h_sum 0\nvq_h_count 1\n", "_count")]
    [InlineData("# TYPE vq_x counter\nvq_x 1\n", "HELP must precede TYPE")]
    [InlineData("# HELP 1bad h\n", "bad metric name")]
    public void The_strict_parser_rejects_invalid_exposition(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Concurrent_updates_lose_nothing()
    {
        var metrics = new Metrics(["BTCUSDT"], ["market"]);
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                metrics.OrderPlaced(ExecutionMode.MakerOnly);
                metrics.Filled(true, 1m);
                metrics.Rejected(-1000 - (i % 100)); // 100 codes > 64 slots: some overflow into code 0
                metrics.ObserveDecision(i);
            }
        });

        Assert.Equal(40_000, metrics.OrdersPlaced(ExecutionMode.MakerOnly));
        Assert.Equal(40_000, metrics.FilledQty(true));
        Assert.Equal(40_000, metrics.Rejects.Snapshot().Sum(c => c.Count));
        Assert.Equal(65, metrics.Rejects.Snapshot().Count);
        Assert.Equal(40_000, metrics.DecisionLatency.Count);
        PrometheusTextParser.Parse(MetricsText.Render(metrics, Stopwatch.GetTimestamp()));
    }

    [Fact]
    public async Task The_endpoint_serves_metrics_on_loopback_and_404_elsewhere()
    {
        await using var server = await MetricsServer.StartAsync("127.0.0.1:0", Populated(), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var missing = await http.GetAsync("/other", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("vq_orders_placed_total", PrometheusTextParser.Parse(body).Keys);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1:9464", true)]
    [InlineData("[::1]:9464", true)]
    [InlineData("0.0.0.0:9464", false)]
    [InlineData("10.1.2.3:9464", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("localhost:9464", false)]
    [InlineData("", false)]
    public void Listen_must_be_an_explicit_loopback_endpoint(string listen, bool valid)
    {
        if (valid)
        {
            Assert.True(System.Net.IPAddress.IsLoopback(MetricsServer.ParseListen(listen).Address));
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => MetricsServer.ParseListen(listen));
            Assert.Contains("global.metrics.listen", error.Message);
        }
    }
}
