using System.Net;
using System.Text.Json;

namespace Vq.Sim.Tests.Wire;

public sealed class UserStreamTests
{
    private static string Type(JsonElement e) => e.GetProperty("e").GetString()!;

    [Fact]
    public async Task New_partial_filled_sequence_with_exact_types()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.500&price=60000.1&newClientOrderId=seq-1");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        sim.Exchange.Do(e => e.ApplyTrade("BTCUSDT", 60000.1m, 3.2m, buyerIsMaker: false)); // queue 3.0 then 0.2 for us
        sim.Exchange.Do(e => e.ApplyTrade("BTCUSDT", 60000.2m, 0.1m, buyerIsMaker: false)); // through: the rest

        var frames = await ws.DrainAsync();
        var orders = frames.Where(f => Type(f) == "ORDER_TRADE_UPDATE").Select(f => f.GetProperty("o")).ToList();
        Assert.Equal(["NEW", "PARTIALLY_FILLED", "FILLED"], orders.Select(o => o.GetProperty("X").GetString()));
        Assert.Equal(["NEW", "TRADE", "TRADE"], orders.Select(o => o.GetProperty("x").GetString()));
        Assert.Equal(["0", "0.200", "0.300"], orders.Select(o => o.GetProperty("l").GetString()));
        Assert.Equal(["0.000", "0.200", "0.500"], orders.Select(o => o.GetProperty("z").GetString()));
        var fill = orders[1];
        Assert.Equal("seq-1", fill.GetProperty("c").GetString());
        Assert.Equal("60000.10", fill.GetProperty("L").GetString());
        Assert.Equal("USDT", fill.GetProperty("N").GetString());
        Assert.Equal(JsonValueKind.String, fill.GetProperty("n").ValueKind);
        Assert.Equal(JsonValueKind.Number, fill.GetProperty("i").ValueKind);
        Assert.Equal(JsonValueKind.Number, fill.GetProperty("t").ValueKind);
        Assert.True(fill.GetProperty("m").GetBoolean());
        Assert.True(fill.GetProperty("R").GetBoolean());
        Assert.Equal("LONG", fill.GetProperty("ps").GetString());
        Assert.Equal(JsonValueKind.String, fill.GetProperty("rp").ValueKind);
        Assert.False(orders[0].TryGetProperty("N", out _)); // no commission → no N/n

        var accounts = frames.Where(f => Type(f) == "ACCOUNT_UPDATE").ToList();
        Assert.Equal(2, accounts.Count);
        var last = accounts[^1].GetProperty("a");
        Assert.Equal("ORDER", last.GetProperty("m").GetString());
        var leg = Assert.Single(last.GetProperty("P").EnumerateArray());
        Assert.Equal("0.500", leg.GetProperty("pa").GetString());
        Assert.Equal("LONG", leg.GetProperty("ps").GetString());
        Assert.Equal(JsonValueKind.String, last.GetProperty("B")[0].GetProperty("wb").ValueKind);
    }

    [Fact]
    public async Task Cancel_emits_canceled_and_gtx_reject_emits_nothing()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws?listenKey=" + key);
        var rejected = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.010&price=60000.0");
        Assert.Equal(-5022, rejected.Code);
        Assert.Null(await ws.ReceiveAsync(400));

        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60100.0");
        await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + placed.Json.GetProperty("orderId").GetInt64());
        var frames = await ws.DrainAsync();
        Assert.Equal(["NEW", "CANCELED"], frames.Select(f => f.GetProperty("o").GetProperty("X").GetString()));
    }

    [Fact]
    public async Task Combined_private_stream_wraps_with_the_listen_key_and_honours_event_filter()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync($"/private/stream?listenKey={key}&events=ACCOUNT_UPDATE");
        await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=IOC&quantity=0.010&price=60000.0");
        var frames = await ws.DrainAsync();
        var frame = Assert.Single(frames);
        Assert.Equal(key, frame.GetProperty("stream").GetString());
        Assert.Equal("ACCOUNT_UPDATE", frame.GetProperty("data").GetProperty("e").GetString());
    }

    [Fact]
    public async Task Algo_trigger_pushes_algo_updates_and_child_order_events()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(0.3m);
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&positionSide=LONG&type=STOP_MARKET&triggerPrice=59500.0&closePosition=true&workingType=MARK_PRICE&clientAlgoId=guard-1", inBody: true);
        Assert.True(sim.Exchange.MoveMid("BTCUSDT", 59400m));
        var frames = await ws.DrainAsync();
        var algo = frames.Where(f => Type(f) == "ALGO_UPDATE").Select(f => f.GetProperty("o")).ToList();
        Assert.Equal(["NEW", "TRIGGERED", "FINISHED"], algo.Select(a => a.GetProperty("X").GetString()));
        Assert.Equal(JsonValueKind.Number, algo[0].GetProperty("aid").ValueKind);
        Assert.Equal("", algo[0].GetProperty("ai").GetString());
        Assert.Equal(JsonValueKind.String, algo[1].GetProperty("ai").ValueKind);
        Assert.True(algo[2].GetProperty("cp").GetBoolean());
        var child = frames.Where(f => Type(f) == "ORDER_TRADE_UPDATE").Select(f => f.GetProperty("o")).ToList();
        Assert.Equal("guard-1", child[0].GetProperty("c").GetString());
        Assert.Equal(("MARKET", "STOP_MARKET", "59500.00", "MARK_PRICE"), (child[0].GetProperty("o").GetString(), child[0].GetProperty("ot").GetString(),
            child[0].GetProperty("sp").GetString(), child[0].GetProperty("wt").GetString()));
        Assert.True(child[0].GetProperty("cp").GetBoolean());
        Assert.Equal("FILLED", child[^1].GetProperty("X").GetString());
        Assert.Equal("0.300", child[^1].GetProperty("z").GetString());
    }

    [Fact]
    public async Task Invalid_listen_key_is_refused_at_connect()
    {
        await using var sim = await SimFixture.StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => sim.ConnectAsync("/private/ws/" + new string('x', 64)));
    }
}

public sealed class UserStreamExtraTests
{
    [Fact]
    public async Task Private_stream_subscribe_by_listen_key_and_amendment_over_the_wire()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/stream");
        await ws.SendAsync($$"""{"method":"SUBSCRIBE","params":["{{key}}"],"id":7}""");
        Assert.Equal("""{"result":null,"id":7}""", (await ws.ReceiveAsync())!.Value.GetRawText());
        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60100.0");
        var orderId = placed.Json.GetProperty("orderId").GetInt64();
        var modified = await sim.SignedAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={orderId}&side=SELL&quantity=0.020&price=60050.0", inBody: true);
        Assert.Equal(HttpStatusCode.OK, modified.Status);
        Assert.Equal("60050.00", modified.Json.GetProperty("price").GetString());
        Assert.Equal("0.020", modified.Json.GetProperty("origQty").GetString());
        Assert.Equal("2", modified.Header("X-MBX-ORDER-COUNT-10S")); // place + modify, each 1 on the order counters
        var frames = await ws.DrainAsync();
        Assert.All(frames, f => Assert.Equal(key, f.GetProperty("stream").GetString()));
        var amendment = frames[^1].GetProperty("data").GetProperty("o");
        Assert.Equal(("AMENDMENT", "NEW", "60050.00", "0.020"), (amendment.GetProperty("x").GetString(), amendment.GetProperty("X").GetString(),
            amendment.GetProperty("p").GetString(), amendment.GetProperty("q").GetString()));
    }

    [Fact]
    public async Task User_trades_report_maker_commission_and_realized_pnl()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(1m, 59000m);
        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=IOC&quantity=0.100&price=60000.0&newOrderRespType=RESULT");
        Assert.Equal("FILLED", placed.Json.GetProperty("status").GetString());
        Assert.Equal("0.100", placed.Json.GetProperty("executedQty").GetString());
        var trades = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT&orderId=" + placed.Json.GetProperty("orderId").GetInt64());
        var trade = Assert.Single(trades.Json.EnumerateArray());
        Assert.False(trade.GetProperty("maker").GetBoolean());
        Assert.Equal("100.00000000", trade.GetProperty("realizedPnl").GetString());
        Assert.Equal("3.00000000", trade.GetProperty("commission").GetString());
        Assert.Equal("LONG", trade.GetProperty("positionSide").GetString());
        Assert.Equal(JsonValueKind.Number, trade.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task User_trades_page_from_a_start_time_oldest_first_or_return_the_latest()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(1m, 59000m);
        for (var i = 0; i < 3; i++)
        {
            await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=IOC&quantity=0.010&price=59000.0");
        }

        var all = (await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT")).Json.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.True(all.Count >= 3);
        var first = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT&startTime=0&limit=2");
        Assert.Equal(all.Take(2), first.Json.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        var latest = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1");
        Assert.Equal(all[^1], Assert.Single(latest.Json.EnumerateArray()).GetProperty("id").GetInt64());
        var future = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        var none = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/userTrades", $"symbol=BTCUSDT&startTime={future}");
        Assert.Empty(none.Json.EnumerateArray());
    }

    [Fact]
    public async Task Position_mode_change_rules()
    {
        await using var sim = await SimFixture.StartAsync();
        var same = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true", inBody: true);
        Assert.Equal(-4059, same.Code);
        sim.SeedLong();
        var withPosition = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=false", inBody: true);
        Assert.Equal(-4068, withPosition.Code);
        var leverage = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=25", inBody: true);
        Assert.Equal(25, leverage.Json.GetProperty("leverage").GetInt32());
        var config = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/accountConfig", "");
        Assert.True(config.Json.GetProperty("dualSidePosition").GetBoolean());
        Assert.Equal("8", config.Header("X-MBX-USED-WEIGHT-1M")); // 1 + 1 + 1 (dual, dual, leverage) + 5
    }
}

public sealed class LiveHostTests
{
    [Fact]
    public async Task Live_market_flows_in_real_time_and_the_listening_line_has_the_port()
    {
        await using var sim = await SimFixture.StartAsync(live: true);
        Assert.Equal($"vq-sim listening rest=http://127.0.0.1:{sim.Host.Port} ws=ws://127.0.0.1:{sim.Host.Port} admin=http://127.0.0.1:{sim.Host.Port}/_sim", sim.Host.ListeningLine);
        Assert.NotEqual(0, sim.Host.Port);
        using var ws = await sim.ConnectAsync("/stream?streams=btcusdt@bookTicker");
        var frame = await ws.ReceiveAsync(3000);
        Assert.Equal("btcusdt@bookTicker", frame!.Value.GetProperty("stream").GetString());
        var serverTime = (await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "")).Json.GetProperty("serverTime").GetInt64();
        Assert.InRange(serverTime - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), -5000, 5000);
    }
}
