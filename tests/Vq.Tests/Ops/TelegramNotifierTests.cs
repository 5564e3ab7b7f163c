using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Notify;

namespace Vq.Tests.Ops;

public sealed class TelegramNotifierTests
{
    private const string Token = "123456:SECRET-token-AbCdEf";
    private const string ChatId = "-100777";

    // 50× faster than real time: 1 s of notifier time is 20 ms of test time.
    private readonly ScaledTimeProvider _clock = new(50);
    private readonly RecordingLogger _log = new();

    private TelegramNotifier Create(string apiBase, TelegramSettings? settings = null, TelegramNotifierOptions? options = null) =>
        TelegramNotifier.Create(
            (settings ?? new TelegramSettings { Enabled = true, Language = MessageLanguage.Zh }) with { ApiBase = apiBase },
            Token, ChatId, proxy: null, _log, _clock, options);

    private static Notice Reconnect(string stream) => new() { Kind = NoticeKind.Reconnect, Stream = stream };

    private static Notice Fill(decimal before, decimal after) => new()
    {
        Kind = NoticeKind.Fill,
        Symbol = "BTCUSDT",
        Side = PositionSide.Long,
        Qty = before - after,
        Price = 50000m,
        Reason = "long_primary",
        PositionBefore = before,
        PositionAfter = after,
    };

    private TimeSpan Gap(FakeTelegram.Request first, FakeTelegram.Request second) =>
        _clock.GetElapsedTime(first.Timestamp, second.Timestamp);

    [Fact]
    public async Task Sends_exactly_the_queued_messages_in_order_one_per_second()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        await using var notifier = Create(server.BaseUrl);
        notifier.Start();

        Assert.True(notifier.TryNotify(Fill(1.0m, 0.9m)));
        Assert.True(notifier.TryNotify(Fill(0.9m, 0.8m)));
        Assert.True(notifier.TryNotify(Reconnect("user_data")));
        await server.WaitForRequestsAsync(3);
        await Task.Delay(100, TestContext.Current.CancellationToken); // a fourth message would arrive within 1 s of clock time (20 ms)

        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal($"/bot{Token}/sendMessage", r.Path);
            Assert.Equal(ChatId, r.ChatId);
            Assert.True(r.DisableWebPagePreview);
        });
        Assert.Equal("【已成交】平多\n  交易对: BTC/USDT\n  成交: 0.1 @ 50000\n  执行: 挂单\n  原因: long_primary\n  仓位: 1.0 -> 0.9", requests[0].Text);
        Assert.EndsWith("仓位: 0.9 -> 0.8", requests[1].Text);
        Assert.Equal("【重连】user_data\n  状态: 已重连", requests[2].Text);
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromSeconds(1), $"gap {Gap(requests[0], requests[1])}");
        Assert.True(Gap(requests[1], requests[2]) >= TimeSpan.FromSeconds(1), $"gap {Gap(requests[1], requests[2])}");
        Assert.Equal(3, notifier.SentCount);
    }

    [Fact]
    public async Task Spec_145_a_429_holds_for_retry_after_and_resends_without_using_an_attempt()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        server.Respond(429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}""");
        await using var notifier = Create(server.BaseUrl, options: new TelegramNotifierOptions { MaxAttempts = 1 });
        notifier.Start();

        notifier.TryNotify(Reconnect("market_data"));
        notifier.TryNotify(Reconnect("user_data"));
        await server.WaitForRequestsAsync(3);

        var requests = server.Requests.ToArray();
        Assert.Equal(requests[0].Text, requests[1].Text);
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromSeconds(2), $"gap {Gap(requests[0], requests[1])}");
        Assert.True(Gap(requests[1], requests[2]) >= TimeSpan.FromSeconds(1));
        Assert.Equal("【重连】user_data\n  状态: 已重连", requests[2].Text);
        await WaitUntil(() => notifier.SentCount == 2);
        Assert.Equal(0, notifier.FailedCount);
        Assert.Equal(1, notifier.RateLimitedCount);
    }

    [Fact]
    public async Task A_429_without_retry_after_waits_the_default_5_seconds()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        server.Respond(429, """{"ok":false,"error_code":429}""");
        await using var notifier = Create(server.BaseUrl);
        notifier.Start();

        notifier.TryNotify(Reconnect("market_data"));
        await server.WaitForRequestsAsync(2);

        var requests = server.Requests.ToArray();
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromSeconds(5), $"gap {Gap(requests[0], requests[1])}");
    }

    [Fact]
    public async Task Other_failures_are_retried_with_backoff_1s_then_2s_and_then_given_up()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        server.Respond(500, """{"ok":false,"description":"Internal"}""");
        server.Respond(200, """{"ok":false,"description":"Bad Request: chat not found"}""");
        server.Respond(502, "<html>bad gateway</html>");
        server.Respond(500, "{}");
        await using var notifier = Create(server.BaseUrl);
        notifier.Start();

        notifier.TryNotify(Reconnect("market_data"));
        notifier.TryNotify(Reconnect("user_data"));
        await server.WaitForRequestsAsync(5);
        await WaitUntil(() => notifier.SentCount == 1);

        var requests = server.Requests.ToArray();
        Assert.Equal(5, requests.Length);
        Assert.All(requests[..3], r => Assert.Contains("market_data", r.Text));
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromSeconds(1));
        Assert.True(Gap(requests[1], requests[2]) >= TimeSpan.FromSeconds(2));
        // The first message failed three times and was given up; the second failed once and then went through.
        Assert.Contains("user_data", requests[3].Text);
        Assert.Contains("user_data", requests[4].Text);
        Assert.Equal(1, notifier.FailedCount);
        Assert.Contains(_log.Lines, l => l.Text.Contains("final=True") && l.Text.Contains("HTTP 502"));
    }

    [Fact]
    public async Task A_full_queue_drops_the_newcomer_counts_it_and_never_blocks()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        await using var notifier = Create(server.BaseUrl, options: new TelegramNotifierOptions { QueueCapacity = 2 });

        for (var i = 0; i < 5; i++)
        {
            Assert.True(notifier.TryNotify(Reconnect("stream_" + i)));
        }

        Assert.Equal(3, notifier.DroppedCount);
        Assert.Equal(3, _log.Lines.Count(l => l.Text.StartsWith("notify_dropped")));
        notifier.Start();
        await server.WaitForRequestsAsync(2);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(["stream_0", "stream_1"], server.Requests.Select(r => r.Text.Split('\n')[0].Replace("【重连】", "")).ToArray());
    }

    [Fact]
    public async Task Per_event_switches_and_missing_credentials_make_it_a_no_op()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        var settings = new TelegramSettings { Enabled = true, Events = new TelegramEventSettings { OnReconnect = false } };
        await using var switchedOff = Create(server.BaseUrl, settings);
        await using var noToken = TelegramNotifier.Create(new TelegramSettings { Enabled = true, ApiBase = server.BaseUrl }, " ", ChatId, null, _log, _clock);
        await using var disabled = TelegramNotifier.Create(new TelegramSettings { ApiBase = server.BaseUrl }, Token, ChatId, null, _log, _clock);
        switchedOff.Start();
        noToken.Start();
        disabled.Start();

        Assert.False(switchedOff.TryNotify(Reconnect("market_data")));
        Assert.True(switchedOff.TryNotify(Fill(1m, 0.5m)));
        Assert.False(noToken.TryNotify(Fill(1m, 0.5m)));
        Assert.False(disabled.TryNotify(Fill(1m, 0.5m)));
        Assert.False(noToken.IsEnabled);
        Assert.False(disabled.IsEnabled);
        await server.WaitForRequestsAsync(1);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Single(server.Requests);
        Assert.StartsWith("[FILLED]", server.Requests.Single().Text);
    }

    [Fact]
    public async Task The_token_never_reaches_a_log_line_even_when_everything_fails()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        server.Respond(401, "{\"ok\":false,\"description\":\"Unauthorized\"}");
        server.Respond(404, "{\"ok\":false,\"description\":\"Not Found: /bot" + Token + "/sendMessage\"}");
        await using var notifier = Create(server.BaseUrl);
        // A closed port: connection refused, the transport error path.
        var closedPort = System.Net.Sockets.TcpListener.Create(0);
        closedPort.Start();
        var deadBase = "http://127.0.0.1:" + ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        await using var unreachable = Create(deadBase);
        notifier.Start();
        unreachable.Start();

        notifier.TryNotify(Reconnect("market_data"));
        unreachable.TryNotify(Reconnect("market_data"));
        await WaitUntil(() => notifier.SentCount + notifier.FailedCount == 1 && unreachable.FailedCount == 1);

        Assert.Contains(_log.Lines, l => l.Text.Contains("transport"));
        Assert.DoesNotContain(Token, _log.AllText);
        Assert.DoesNotContain("SECRET-token", _log.AllText);
        Assert.DoesNotContain(ChatId, _log.AllText);
    }

    [Fact]
    public async Task Dispose_stops_the_loop_within_its_bound_and_later_notices_are_refused()
    {
        await using var server = await FakeTelegram.StartAsync(_clock);
        var notifier = Create(server.BaseUrl);
        notifier.Start();
        for (var i = 0; i < 10; i++)
        {
            notifier.TryNotify(Reconnect("s" + i));
        }

        await notifier.DisposeAsync();
        await notifier.DisposeAsync();

        Assert.False(notifier.TryNotify(Reconnect("late")));
        Assert.True(server.Requests.Count < 10);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(5);
        }
    }
}
