using Vq.Core.Config;
using Vq.Hosting;
using Vq.Live;
using Vq.Notify;

namespace Vq.Tests.Ops;

/// <summary>
/// <c>vq_telegram_messages_total{outcome}</c> on the metrics endpoint, checked against what the fake Telegram server
/// received: every notice the notifier accepted ends as exactly one of sent, dropped or failed.
/// </summary>
public sealed class TelegramMetricsTests
{
    private const string Token = "123456:SECRET-token-AbCdEf";
    private const string ChatId = "-100777";

    // 50× faster than real time: the notifier's 1 s pacing is 20 ms here.
    private readonly ScaledTimeProvider _clock = new(50);
    private readonly RecordingLogger _log = new();

    private static Notice Reconnect(int i) => new() { Kind = NoticeKind.Reconnect, Stream = "stream_" + i };

    private TelegramNotifier Create(string apiBase, int queueCapacity) => TelegramNotifier.Create(
        new TelegramSettings { Enabled = true, ApiBase = apiBase }, Token, ChatId, proxy: null, _log, _clock,
        new TelegramNotifierOptions { QueueCapacity = queueCapacity });

    [Fact]
    public async Task The_endpoint_counts_sent_dropped_and_failed_messages_as_the_fake_server_saw_them()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        // The first message fails on all three attempts and is given up; the others go through.
        for (var i = 0; i < 3; i++)
        {
            server.Respond(500, """{"ok":false,"description":"Internal"}""");
        }

        await using var notifier = Create(server.BaseUrl, queueCapacity: 4);
        var metrics = new Metrics(["BTCUSDT"], Operations.StreamNames) { Telegram = notifier };
        await using var endpoint = await MetricsServer.StartAsync("127.0.0.1:0", metrics, TestContext.Current.CancellationToken);

        // The sender loop is not running yet: the queue takes 4, the other 6 overflow it.
        for (var i = 0; i < 10; i++)
        {
            Assert.True(notifier.TryNotify(Reconnect(i)));
        }

        notifier.Start();
        await WaitUntil(() => notifier.SentCount + notifier.FailedCount == 4);
        await Task.Delay(100, TestContext.Current.CancellationToken); // nothing more may arrive (2 s of notifier time)

        var outcomes = await ScrapeAsync(endpoint.Address);
        var requests = server.Requests.ToArray();
        var delivered = requests.Skip(3).Select(r => r.Text.Split('\n')[0]).ToArray();
        Assert.Equal(6, requests.Length);
        Assert.All(requests.Take(3), r => Assert.Contains("stream_0", r.Text, StringComparison.Ordinal));
        Assert.Equal(["[RECONNECT] stream_1", "[RECONNECT] stream_2", "[RECONNECT] stream_3"], delivered);
        Assert.Equal(delivered.Length, outcomes["sent"]);
        Assert.Equal(1, outcomes["failed"]);
        Assert.Equal(10 - requests.Select(r => r.Text).Distinct().Count(), outcomes["dropped"]);
        Assert.Equal(6, outcomes["dropped"]);
        Assert.Equal(6, _log.Lines.Count(l => l.EventName == "notify_dropped"));
    }

    [Fact]
    public async Task Notices_still_queued_at_shutdown_are_counted_as_dropped()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        var notifier = Create(server.BaseUrl, queueCapacity: 64);
        var metrics = new Metrics(["BTCUSDT"], Operations.StreamNames) { Telegram = notifier };
        notifier.Start();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(notifier.TryNotify(Reconnect(i)));
        }

        await server.WaitForRequestsAsync(1);
        await notifier.DisposeAsync();
        // Disposal waits for the loop only so long (2 s of notifier time): the count may land just after it returns.
        await WaitUntil(() => notifier.SentCount + notifier.DroppedCount + notifier.FailedCount == 20);

        var outcomes = Outcomes(MetricsText.Render(metrics, 0));
        Assert.True(outcomes["dropped"] > 0);
        Assert.Equal(20, outcomes["sent"] + outcomes["dropped"] + outcomes["failed"]);
        Assert.True(server.Requests.Count >= outcomes["sent"]);
        Assert.Contains(_log.Lines, l => l.EventName == "notify_dropped_at_shutdown");
    }

    [Fact]
    public void Metrics_without_a_notifier_export_no_telegram_family()
    {
        var text = MetricsText.Render(new Metrics(["BTCUSDT"], Operations.StreamNames), 0);

        Assert.DoesNotContain("vq_telegram_messages_total", text, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(Uri address)
    {
        using var http = new HttpClient();
        return Outcomes(await http.GetStringAsync(new Uri(address, "/metrics"), TestContext.Current.CancellationToken));
    }

    private static Dictionary<string, double> Outcomes(string exposition)
    {
        var family = PrometheusTextParser.Parse(exposition)["vq_telegram_messages_total"];
        Assert.Equal("counter", family.Type);
        return family.Samples.ToDictionary(s => s.Labels["outcome"], s => s.Value);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
