using System.Text.Json;

namespace Vq.Sim.Tests.Wire;

public sealed class MarketStreamTests
{
    [Fact]
    public async Task Routed_raw_and_combined_forms_deliver_binance_payloads()
    {
        await using var sim = await SimFixture.StartAsync();
        using var book = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        using var combined = await sim.ConnectAsync("/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        sim.Exchange.AdvanceMarket(2000);

        var raw = await book.ReceiveAsync();
        Assert.NotNull(raw);
        Assert.Equal("bookTicker", raw.Value.GetProperty("e").GetString());
        Assert.Equal(JsonValueKind.Number, raw.Value.GetProperty("u").ValueKind);
        Assert.Equal(JsonValueKind.String, raw.Value.GetProperty("b").ValueKind);

        var frames = await combined.DrainAsync();
        var streams = frames.Select(f => f.GetProperty("stream").GetString()).Distinct().ToList();
        Assert.Contains("btcusdt@aggTrade", streams);
        Assert.Contains("btcusdt@markPrice@1s", streams);
        var trade = frames.First(f => f.GetProperty("stream").GetString() == "btcusdt@aggTrade").GetProperty("data");
        Assert.Equal("aggTrade", trade.GetProperty("e").GetString());
        Assert.True(trade.GetProperty("m").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Equal(JsonValueKind.String, trade.GetProperty("q").ValueKind);
        var mark = frames.First(f => f.GetProperty("stream").GetString() == "btcusdt@markPrice@1s").GetProperty("data");
        Assert.Equal("markPriceUpdate", mark.GetProperty("e").GetString());
    }

    [Fact]
    public async Task Stream_on_the_wrong_route_connects_and_stays_silent()
    {
        await using var sim = await SimFixture.StartAsync();
        using var wrong = await sim.ConnectAsync("/market/ws/btcusdt@bookTicker");
        using var unrouted = await sim.ConnectAsync("/ws/btcusdt@aggTrade");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        sim.Exchange.AdvanceMarket(2000);
        Assert.Null(await wrong.ReceiveAsync(500));
        Assert.Null(await unrouted.ReceiveAsync(200));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, wrong.Socket.State);
    }

    [Fact]
    public async Task Subscribe_unsubscribe_and_list()
    {
        await using var sim = await SimFixture.StartAsync();
        using var ws = await sim.ConnectAsync("/public/ws");
        await ws.SendAsync("""{"method":"SUBSCRIBE","params":["btcusdt@bookTicker","ethusdt@bookTicker"],"id":1}""");
        Assert.Equal("""{"result":null,"id":1}""", (await ws.ReceiveAsync())!.Value.GetRawText());
        await ws.SendAsync("""{"method":"UNSUBSCRIBE","params":["ethusdt@bookTicker"],"id":2}""");
        await ws.ReceiveAsync();
        await ws.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":3}""");
        Assert.Equal("""{"result":["btcusdt@bookTicker"],"id":3}""", (await ws.ReceiveAsync())!.Value.GetRawText());
        await ws.SendAsync("""{"method":"SET_PROPERTY","params":["combined",true],"id":4}""");
        await ws.ReceiveAsync();
        sim.Exchange.AdvanceMarket(100);
        var frame = await ws.ReceiveAsync();
        Assert.Equal("btcusdt@bookTicker", frame!.Value.GetProperty("stream").GetString());
        await ws.SendAsync("""{"method":"NOPE","id":5}""");
        var frames = await ws.DrainAsync(300);
        Assert.Contains(frames, f => f.TryGetProperty("code", out var c) && c.GetInt32() == 2);
        await ws.SendAsync("not json");
        frames = await ws.DrainAsync(300);
        Assert.Contains(frames, f => f.TryGetProperty("code", out var c) && c.GetInt32() == 3);
    }

    [Fact]
    public async Task Too_many_incoming_messages_close_the_connection()
    {
        await using var sim = await SimFixture.StartAsync();
        using var ws = await sim.ConnectAsync("/public/ws");
        for (var i = 0; i < 12; i++)
        {
            await ws.SendAsync($$"""{"method":"LIST_SUBSCRIPTIONS","id":{{i}}}""");
        }

        Assert.True(await ws.WaitClosedAsync(3000));
        Assert.NotEqual(System.Net.WebSockets.WebSocketState.Open, ws.Socket.State);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, ws.Socket.CloseStatus);
    }
}

public sealed class OwnTradeStreamTests
{
    [Fact]
    public async Task Own_taker_fills_print_on_the_tape_and_move_the_displayed_touch()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(5m);
        using var trades = await sim.ConnectAsync("/market/ws/btcusdt@aggTrade");
        using var book = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=2.500");
        var prints = await trades.DrainAsync();
        Assert.Equal(["60000.00", "59999.90"], prints.Select(p => p.GetProperty("p").GetString()));
        Assert.Equal(["2.000", "0.500"], prints.Select(p => p.GetProperty("q").GetString()));
        Assert.All(prints, p => Assert.True(p.GetProperty("m").GetBoolean()));
        var touch = Assert.Single(await book.DrainAsync());
        Assert.Equal(("59999.90", "0.500"), (touch.GetProperty("b").GetString(), touch.GetProperty("B").GetString()));
    }
}
