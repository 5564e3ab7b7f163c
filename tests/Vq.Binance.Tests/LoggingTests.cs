using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Binance.Tests.Support;

namespace Vq.Binance.Tests;

/// <summary>
/// Log.cs over real loopback: clock resyncs, bans, reconnects and listenKey renewals each write their one line with
/// a stable event id, and no line ever carries the API key, the secret, a listenKey or a signature.
/// </summary>
public sealed class LoggingTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Clock_skew_and_resync_and_a_ban_are_logged_without_secrets()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("GET /fapi/v2/positionRisk", ctx => exchange.SignedRequestError(ctx) is { } error
            ? FakeExchange.Json(ctx, 400, error)
            : FakeExchange.Json(ctx, 200, "[]"));
        var until = DateTimeOffset.UtcNow.AddMinutes(3).ToUnixTimeMilliseconds();
        exchange.Route("GET /fapi/v3/account", ctx => FakeExchange.Json(ctx, 418,
            "{\"code\":-1003,\"msg\":\"Way too many requests; IP(127.0.0.1) banned until " + until + ".\"}"));
        var log = new RecordingLogger();
        using var client = new BinanceRestClient(new BinanceRestOptions
        {
            BaseUri = exchange.BaseUri, ApiKey = FakeExchange.ApiKey, ApiSecret = FakeExchange.Secret, Logger = log,
        });
        var ct = TestContext.Current.CancellationToken;
        await client.StartAsync(ct);

        exchange.ClockOffsetMs = 20_000;
        Assert.Equal(ApiOutcome.Ok, (await client.GetPositionRiskAsync("BTCUSDT", ct)).Outcome);
        Assert.Equal(ApiOutcome.Banned, (await client.GetAccountAsync(ct)).Outcome);

        Assert.Equal(["clock_resync", "clock_skew", "clock_resync", "ip_ban"], log.Names);
        Assert.Equal([3030, 3031, 3030, 3021], log.Lines.Select(l => l.Id).ToArray());
        Assert.Contains("(was 0 ms; start)", log.Lines.First().Text, StringComparison.Ordinal);
        Assert.Contains("GET /fapi/v2/positionRisk", log.Lines.ElementAt(1).Text, StringComparison.Ordinal);
        Assert.Contains("after -1021", log.Lines.ElementAt(2).Text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, log.Lines.Last().Level);
        AssertNoSecrets(log);
    }

    [Fact]
    public async Task Reconnects_and_listen_key_renewals_are_logged_without_the_key()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var keys = 0;
        exchange.Route("POST /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200,
            "{\"listenKey\":\"SECRETKEY" + Interlocked.Increment(ref keys) + "\"}"));
        exchange.Route("DELETE /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{}"));
        exchange.Socket("/private/ws", async (ctx, socket) =>
        {
            if (ctx.Request.Query["listenKey"] == "SECRETKEY1")
            {
                await socket.SendAsync("{\"e\":\"listenKeyExpired\",\"E\":1,\"listenKey\":\"SECRETKEY1\"}"u8.ToArray(),
                    WebSocketMessageType.Text, true, CancellationToken.None);
            }

            await HoldOpen(socket, ctx);
        });
        var log = new RecordingLogger();
        using var rest = new BinanceRestClient(new BinanceRestOptions
        {
            BaseUri = exchange.BaseUri, ApiKey = FakeExchange.ApiKey, ApiSecret = FakeExchange.Secret, Logger = log,
        });
        var options = new StreamOptions
        {
            BaseUri = exchange.WsBaseUri,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            Logger = log,
        };
        var stream = new UserDataStream<NoUserEvents>(options, rest, new SymbolTable(), default);
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        var deadline = DateTime.UtcNow + s_wait;
        while (!log.Names.Contains("ws_reestablished"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no re-established line: " + string.Join(",", log.Names));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);

        var names = log.Names;
        Assert.Equal(["listen_key_created", "ws_connected", "listen_key_replaced", "ws_renewing", "listen_key_created", "ws_reestablished"],
            names.Where(n => n.StartsWith("listen", StringComparison.Ordinal) || n.StartsWith("ws_", StringComparison.Ordinal)).Take(6).ToArray());
        Assert.Contains(log.Lines, l => l.Name == "listen_key_replaced" && l.Text.Contains("listenKeyExpired", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Id == 3001 && l.Text == "stream user_data connected");
        AssertNoSecrets(log);
    }

    private static void AssertNoSecrets(RecordingLogger log)
    {
        var text = log.AllText;
        Assert.DoesNotContain(FakeExchange.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeExchange.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETKEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task HoldOpen(WebSocket socket, HttpContext context)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                if ((await socket.ReceiveAsync(buffer, context.RequestAborted)).MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private struct NoUserEvents : IUserDataHandler
    {
        public readonly void OnOrderTradeUpdate(in OrderTradeUpdate e) { }

        public readonly void OnAccountUpdate(AccountUpdate e) { }

        public readonly void OnAccountConfigUpdate(in AccountConfigUpdate e) { }

        public readonly void OnAlgoUpdate(AlgoUpdate e) { }

        public readonly void OnListenKeyExpired(in ListenKeyExpired e) { }

        public readonly void OnMarginCall(MarginCall e) { }
    }
}
