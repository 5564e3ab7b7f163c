using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Binance.Tests.Support;

namespace Vq.Binance.Tests.Stream;

/// <summary>Market and user-data streams over real loopback WebSockets against the in-test exchange.</summary>
public sealed class StreamTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private static StreamOptions Options(FakeExchange exchange) => new()
    {
        BaseUri = exchange.WsBaseUri,
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        ListenKeyKeepAlive = TimeSpan.FromMinutes(30),
    };

    private static string AggTrade(long id) =>
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1,\"a\":" + id + ",\"s\":\"BTCUSDT\",\"p\":\"28145.10\",\"q\":\"0.002\",\"f\":1,\"l\":1,\"T\":1,\"m\":true}}";

    private static Task Send(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(10);
        }
    }

    private static async Task HoldOpen(WebSocket socket, HttpContext context)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private struct TradeCollector(ConcurrentQueue<long> ids) : IMarketEventHandler
    {
        public readonly void OnBookTicker(in BookTicker e) => ids.Enqueue(-e.UpdateId);

        public readonly void OnAggTrade(in AggTrade e) => ids.Enqueue(e.AggTradeId);

        public readonly void OnMarkPrice(in MarkPriceUpdate e) => ids.Enqueue(0);
    }

    [Fact]
    public async Task Market_stream_reconnects_after_a_server_side_drop_and_reports_each_state()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var connections = 0;
        var ids = new ConcurrentQueue<long>();
        exchange.Socket("/market/stream", async (ctx, socket) =>
        {
            var n = Interlocked.Increment(ref connections);
            if (n == 1)
            {
                await Send(socket, AggTrade(1));
                await Send(socket, "{not json");
                await Send(socket, AggTrade(2));
                await Until(() => ids.Count == 2); // an RST may discard unread bytes: drop once they are consumed
                ctx.Abort(); // a server-side drop, no close handshake
                return;
            }

            await Send(socket, AggTrade(3));
            await HoldOpen(socket, ctx);
        });
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        var states = new ConcurrentQueue<StreamState>();
        var stream = new MarketStream<TradeCollector>(StreamRoutes.MarketRoute,
            [StreamRoutes.AggTrade("BTCUSDT"), StreamRoutes.MarkPrice1s("BTCUSDT")], Options(exchange), symbols, new TradeCollector(ids));
        stream.StateChanged += c => states.Enqueue(c.State);
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        await Until(() => ids.Count == 3 && states.Count == 3);

        Assert.Equal([1L, 2L, 3L], ids.ToArray());
        Assert.Equal([StreamState.Connected, StreamState.Lost, StreamState.Reestablished], states.ToArray());
        Assert.Equal(1, stream.Counters.Invalid);
        Assert.Equal(3, stream.Counters.Events);
        Assert.Equal(1, stream.Counters.Reconnects);
        Assert.All(exchange.Queries, q => Assert.Equal("/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s", q));

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Changing_the_symbol_set_subscribes_on_the_live_connection_without_dropping_it()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var received = new ConcurrentQueue<string>();
        exchange.Socket("/public/stream", async (ctx, socket) =>
        {
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult r;
                try
                {
                    r = await socket.ReceiveAsync(buffer, ctx.RequestAborted);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                    return;
                }

                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                received.Enqueue(Encoding.UTF8.GetString(buffer, 0, r.Count));
                await Send(socket, "{\"result\":null,\"id\":1}");
                await Send(socket, "{\"stream\":\"ethusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":7,\"E\":1,\"T\":1,\"s\":\"ETHUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}}");
            }
        });
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        symbols.Register("ETHUSDT");
        var ids = new ConcurrentQueue<long>();
        var stream = new MarketStream<TradeCollector>(StreamRoutes.PublicRoute, [StreamRoutes.BookTicker("BTCUSDT")],
            Options(exchange), symbols, new TradeCollector(ids));
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);
        await Until(() => stream.IsConnected);

        Assert.True(await stream.UpdateStreamsAsync([StreamRoutes.BookTicker("BTCUSDT"), StreamRoutes.BookTicker("ETHUSDT")], cts.Token));

        await Until(() => ids.Count == 1);
        Assert.Equal(-7, ids.Single());
        Assert.Equal("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@bookTicker\"],\"id\":1}", Assert.Single(received));
        Assert.Equal(1, exchange.HitCount("WS /public/stream"));
        Assert.Equal(1, stream.Counters.Ignored);
        Assert.Equal(["btcusdt@bookTicker", "ethusdt@bookTicker"], stream.Streams);

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Stream_sets_outside_one_to_1024_are_refused()
    {
        var options = new StreamOptions { BaseUri = new Uri("ws://127.0.0.1:1") };
        var streams = Enumerable.Range(0, 1025).Select(i => "s" + i + "@aggTrade");
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MarketStream<TradeCollector>(StreamRoutes.MarketRoute, streams, options, new SymbolTable(), default));
    }

    [Fact]
    public async Task Reconnect_backs_off_while_the_server_refuses_and_retries_never_stop()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var states = new ConcurrentQueue<StreamState>();
        var ids = new ConcurrentQueue<long>();
        var stream = new MarketStream<TradeCollector>(StreamRoutes.MarketRoute, [StreamRoutes.AggTrade("BTCUSDT")],
            Options(exchange), new SymbolTable(), new TradeCollector(ids));
        stream.StateChanged += c => states.Enqueue(c.State);
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        await Task.Delay(600, TestContext.Current.CancellationToken); // no socket route yet: every attempt is refused with 404
        Assert.Empty(states);
        exchange.Socket("/market/stream", HoldOpenHandler);

        await Until(() => states.Count == 1);
        Assert.Equal(StreamState.Connected, states.Single());
        Assert.True(exchange.HitCount("WS /market/stream") == 1);

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    private static Task HoldOpenHandler(HttpContext ctx, WebSocket socket) => HoldOpen(socket, ctx);

    private struct ThrowingHandler : IMarketEventHandler
    {
        public readonly void OnBookTicker(in BookTicker e) => throw new InvalidOperationException("engine bug");

        public readonly void OnAggTrade(in AggTrade e) => throw new InvalidOperationException("engine bug");

        public readonly void OnMarkPrice(in MarkPriceUpdate e) => throw new InvalidOperationException("engine bug");
    }

    [Fact]
    public async Task A_graceful_server_close_is_lost_then_reestablished_and_a_handler_bug_fails_the_loop()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var connections = 0;
        exchange.Socket("/market/stream", async (ctx, socket) =>
        {
            if (Interlocked.Increment(ref connections) == 1)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }

            await Send(socket, AggTrade(1));
            await HoldOpen(socket, ctx);
        });
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        var changes = new ConcurrentQueue<StreamStateChange>();
        var stream = new MarketStream<ThrowingHandler>(StreamRoutes.MarketRoute, [StreamRoutes.AggTrade("BTCUSDT")],
            Options(exchange), symbols, default);
        stream.StateChanged += changes.Enqueue;

        // Exception policy: a bug downstream is not swallowed as a "malformed frame"; the loop faults so the host fails safe.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.RunAsync(TestContext.Current.CancellationToken).WaitAsync(s_wait, TestContext.Current.CancellationToken));
        Assert.Equal("engine bug", failure.Message);
        Assert.Equal([StreamState.Connected, StreamState.Lost, StreamState.Reestablished], changes.Select(c => c.State));
        Assert.Equal("closed by server", changes.ElementAt(1).Reason);
    }

    [Fact]
    public async Task A_connection_is_renewed_before_its_maximum_age_and_oversized_frames_are_skipped()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Socket("/market/stream", async (ctx, socket) =>
        {
            await Send(socket, "{\"pad\":\"" + new string('x', 70_000) + "\"}");
            await Send(socket, AggTrade(9));
            await HoldOpen(socket, ctx);
        });
        var symbols = new SymbolTable();
        symbols.Register("BTCUSDT");
        var ids = new ConcurrentQueue<long>();
        var changes = new ConcurrentQueue<StreamStateChange>();
        var stream = new MarketStream<TradeCollector>(StreamRoutes.MarketRoute, [StreamRoutes.AggTrade("BTCUSDT")],
            Options(exchange) with { MaxConnectionAge = TimeSpan.FromMilliseconds(400), InitialReconnectDelay = TimeSpan.FromSeconds(30) },
            symbols, new TradeCollector(ids));
        stream.StateChanged += changes.Enqueue;
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        // With a 30 s backoff, a quick second connection proves renewal skips the backoff.
        await Until(() => changes.Count >= 3 && ids.Count >= 2);
        Assert.Equal(StreamState.Connected, changes.ElementAt(0).State);
        Assert.Equal(new StreamStateChange("market/market", StreamState.Lost, "renewed"), changes.ElementAt(1));
        Assert.Equal(StreamState.Reestablished, changes.ElementAt(2).State);
        Assert.True(stream.Counters.Oversized >= 2);
        Assert.Equal(0, stream.Counters.Invalid);

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    private sealed class UserCollector : IUserDataHandler
    {
        public ConcurrentQueue<object> Events { get; } = new();

        public void OnOrderTradeUpdate(in OrderTradeUpdate e) => Events.Enqueue(e);

        public void OnAccountUpdate(AccountUpdate e) => Events.Enqueue(e);

        public void OnAccountConfigUpdate(in AccountConfigUpdate e) => Events.Enqueue(e);

        public void OnAlgoUpdate(AlgoUpdate e) => Events.Enqueue(e);

        public void OnListenKeyExpired(in ListenKeyExpired e) => Events.Enqueue(e);

        public void OnMarginCall(MarginCall e) => Events.Enqueue(e);
    }

    private static BinanceRestClient Rest(FakeExchange exchange) => new(new BinanceRestOptions
    {
        BaseUri = exchange.BaseUri,
        ApiKey = FakeExchange.ApiKey,
        ApiSecret = FakeExchange.Secret,
    });

    [Fact]
    public async Task User_stream_gets_a_new_listen_key_after_listen_key_expired()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var keys = 0;
        exchange.Route("POST /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{\"listenKey\":\"K" + Interlocked.Increment(ref keys) + "\"}"));
        exchange.Route("DELETE /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{}"));
        exchange.Socket("/private/ws", async (ctx, socket) =>
        {
            var key = ctx.Request.Query["listenKey"].ToString();
            await Send(socket, """{"e":"ORDER_TRADE_UPDATE","E":1,"T":1,"o":{"s":"BTCUSDT","c":"vq-a","S":"SELL","X":"NEW","x":"NEW","i":1,"ps":"LONG"}}""");
            if (key == "K1")
            {
                await Send(socket, "{\"e\":\"listenKeyExpired\",\"E\":\"1736996475556\",\"listenKey\":\"K1\"}");
            }

            await HoldOpen(socket, ctx);
        });
        using var rest = Rest(exchange);
        var handler = new UserCollector();
        var stream = new UserDataStream<UserCollector>(Options(exchange), rest, new SymbolTable(), handler);
        var states = new ConcurrentQueue<StreamState>();
        stream.StateChanged += c => states.Enqueue(c.State);
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        await Until(() => handler.Events.Count == 3 && states.Count == 3);
        Assert.Equal("K2", stream.ListenKey);
        Assert.Equal([StreamState.Connected, StreamState.Lost, StreamState.Reestablished], states.ToArray());
        Assert.Equal(["/private/ws?listenKey=K1", "/private/ws?listenKey=K2"],
            exchange.Queries.Where(q => q.StartsWith("/private", StringComparison.Ordinal)).ToArray());
        Assert.IsType<ListenKeyExpired>(handler.Events.ElementAt(1));

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
        Assert.Equal(1, exchange.HitCount("DELETE /fapi/v1/listenKey"));
    }

    [Fact]
    public async Task User_stream_replaces_the_key_when_keepalive_says_it_no_longer_exists()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var keys = 0;
        exchange.Route("POST /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{\"listenKey\":\"K" + Interlocked.Increment(ref keys) + "\"}"));
        exchange.Route("PUT /fapi/v1/listenKey", ctx => keys == 1
            ? FakeExchange.Json(ctx, 400, "{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}")
            : FakeExchange.Json(ctx, 200, "{\"listenKey\":\"K2\"}"));
        exchange.Route("DELETE /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{}"));
        exchange.Socket("/private/ws", HoldOpenHandler);
        using var rest = Rest(exchange);
        var stream = new UserDataStream<UserCollector>(Options(exchange) with { ListenKeyKeepAlive = TimeSpan.FromMilliseconds(200) },
            rest, new SymbolTable(), new UserCollector());
        using var cts = new CancellationTokenSource();
        var run = stream.RunAsync(cts.Token);

        // Under load a connect may be retried, so count at least (not exactly) two connections and keys.
        await Until(() => exchange.HitCount("WS /private/ws") >= 2 && stream.ListenKey is { } key && key != "K1");
        Assert.True(exchange.HitCount("POST /fapi/v1/listenKey") >= 2);
        Assert.True(exchange.HitCount("PUT /fapi/v1/listenKey") >= 1);

        await cts.CancelAsync();
        await run.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }
}
