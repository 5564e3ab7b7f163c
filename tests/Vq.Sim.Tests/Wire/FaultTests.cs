using System.Net;
using System.Text.Json;
using Vq.Sim.Faults;
using Vq.Sim.Wire;

namespace Vq.Sim.Tests.Wire;

/// <summary>Each fault, observed from the client side.</summary>
public sealed class FaultTests
{
    private const string Close = "symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60100.0";

    [Fact]
    public async Task Unknown_error_503_still_places_the_order()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        sim.Exchange.Faults.AddUnknown503(1);
        var response = await sim.PlaceAsync(Close + "&newClientOrderId=lost-1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.StartsWith("Unknown error", response.Json.GetProperty("msg").GetString());
        var query = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=lost-1");
        Assert.Equal("NEW", query.Json.GetProperty("status").GetString());
        var resend = await sim.PlaceAsync(Close + "&newClientOrderId=lost-1");
        Assert.Equal(-4116, resend.Code);
    }

    [Fact]
    public async Task Burst_429_then_418_ban()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { Limits = new RateLimitSettings { RejectionsBeforeBan = 2 } });
        sim.Exchange.Faults.AddBurst429(3);
        var first = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal((HttpStatusCode)429, first.Status);
        Assert.Equal(-1003, first.Code);
        Assert.NotNull(first.Raw.Headers.RetryAfter);
        await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        var third = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal((HttpStatusCode)418, third.Status);
        Assert.Contains("banned until", third.Json.GetProperty("msg").GetString());
        var stillBanned = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal((HttpStatusCode)418, stillBanned.Status);
    }

    [Fact]
    public async Task Weight_limit_gives_429_with_used_weight_header()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { Limits = new RateLimitSettings { WeightPerMinute = 3 } });
        for (var i = 1; i <= 3; i++)
        {
            var ok = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Header("X-MBX-USED-WEIGHT-1M"));
        }

        var over = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal((HttpStatusCode)429, over.Status);
        Assert.Equal("4", over.Header("X-MBX-USED-WEIGHT-1M"));
        sim.Exchange.Clock.Advance(60_000); // next minute window
        Assert.Equal(HttpStatusCode.OK, (await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "")).Status);
    }

    [Fact]
    public async Task Order_count_limit_gives_429_1015()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { Limits = new RateLimitSettings { OrdersPer10Seconds = 2 } });
        sim.SeedLong();
        Assert.Equal(HttpStatusCode.OK, (await sim.PlaceAsync(Close)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.PlaceAsync(Close)).Status);
        var third = await sim.PlaceAsync(Close);
        Assert.Equal(((HttpStatusCode)429, -1015), (third.Status, third.Code));
        Assert.Equal("3", third.Header("X-MBX-ORDER-COUNT-10S"));
    }

    [Fact]
    public async Task Timeout_executes_but_never_answers()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        sim.Exchange.Faults.AddTimeouts(1);
        sim.Exchange.Faults.TimeoutHoldMs = 300;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sim.PlaceAsync(Close + "&newClientOrderId=late-1"));
        var query = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=late-1");
        Assert.Equal("NEW", query.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Clock_skew_moves_server_time_and_triggers_1021()
    {
        await using var sim = await SimFixture.StartAsync();
        var before = (await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "")).Json.GetProperty("serverTime").GetInt64();
        var clientNow = sim.Now;
        sim.Exchange.SkewClock(-3000); // the server runs 3 s behind the client
        var after = (await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "")).Json.GetProperty("serverTime").GetInt64();
        Assert.Equal(before - 3000, after);
        var signed = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "", timestamp: clientNow);
        Assert.Equal(-1021, signed.Code);
        Assert.Contains("ahead", signed.Json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Listen_key_expiry_pushes_event_then_keepalive_fails()
    {
        await using var sim = await SimFixture.StartAsync();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        sim.Exchange.ExpireListenKey();
        var frame = await ws.ReceiveAsync();
        Assert.Equal("listenKeyExpired", frame!.Value.GetProperty("e").GetString());
        Assert.Equal(JsonValueKind.Number, frame.Value.GetProperty("E").ValueKind);
        Assert.Equal(key, frame.Value.GetProperty("listenKey").GetString());
        var keepAlive = await sim.SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", "", apiKey: sim.ApiKey);
        Assert.Equal(-1125, keepAlive.Code);
        sim.SeedLong();
        Assert.Null(await ws.ReceiveAsync(300)); // nothing more on the expired key
        Assert.NotEqual(key, await sim.ListenKeyAsync());
    }

    [Fact]
    public async Task Listen_key_validity_lapses_by_time()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { ListenKeyValidityMs = 1000 });
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        sim.Exchange.Clock.Advance(1001);
        var frame = await ws.ReceiveAsync(2000);
        Assert.Equal("listenKeyExpired", frame!.Value.GetProperty("e").GetString());
    }

    [Fact]
    public async Task Dropped_connections_are_observed_as_closed()
    {
        await using var sim = await SimFixture.StartAsync();
        using var ws = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, sim.Exchange.DropConnections());
        Assert.True(await ws.WaitClosedAsync(3000));
    }

    [Fact]
    public async Task Shortened_lifetime_closes_connections()
    {
        await using var sim = await SimFixture.StartAsync(live: true, configure: o => o with { Faults = new FaultSettings { ConnectionLifetimeMs = 300 } });
        using var ws = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        Assert.True(await ws.WaitClosedAsync(3000));
    }

    [Fact]
    public async Task Duplicated_delayed_and_reordered_user_events()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var key = await sim.ListenKeyAsync();
        using var ws = await sim.ConnectAsync("/private/ws/" + key);
        await Task.Delay(100, TestContext.Current.CancellationToken);

        sim.Exchange.Faults.DuplicateProbability = 1.0;
        await sim.PlaceAsync(Close);
        var duplicated = await ws.DrainAsync();
        Assert.Equal(2, duplicated.Count);
        Assert.Equal(duplicated[0].GetRawText(), duplicated[1].GetRawText());
        sim.Exchange.Faults.DuplicateProbability = 0;

        sim.Exchange.Faults.UserEventDelayMs = 1000;
        await sim.PlaceAsync(Close);
        Assert.Null(await ws.ReceiveAsync(300));
        sim.Exchange.Clock.Advance(1000);
        Assert.NotNull(await ws.ReceiveAsync(1000));
        sim.Exchange.Faults.UserEventDelayMs = 0;

        sim.Exchange.Faults.ReorderProbability = 1.0;
        await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=IOC&quantity=0.010&price=60000.0");
        var reordered = (await ws.DrainAsync()).Select(f => (f.GetProperty("e").GetString(), f.TryGetProperty("o", out var o) ? o.GetProperty("x").GetString() : "")).ToList();
        // Emission order is NEW, ACCOUNT_UPDATE, TRADE; with reordering the first event arrives after the second.
        Assert.Equal(("ACCOUNT_UPDATE", ""), reordered[0]);
        Assert.Equal(("ORDER_TRADE_UPDATE", "NEW"), reordered[1]);
    }
}

public sealed class PeriodicFaultTests
{
    [Fact]
    public async Task Periodic_drops_and_rest_latency_are_observable()
    {
        await using var sim = await SimFixture.StartAsync(live: true, configure: o => o with
        {
            Faults = new FaultSettings { DropWebSocketsEveryMs = 400, RestLatencyMs = 300 },
        });
        using var ws = await sim.ConnectAsync("/public/ws/btcusdt@bookTicker");
        Assert.True(await ws.WaitClosedAsync(3000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.True(clock.ElapsedMilliseconds >= 280, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Unknown_503_by_probability_uses_the_seed()
    {
        await using var sim = await SimFixture.StartAsync(configure: o => o with { Faults = new FaultSettings { UnknownError503Probability = 1.0 } });
        sim.SeedLong();
        var response = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60100.0");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Single(sim.Exchange.Read(e => e.OpenOrders.ToList()));
        var query = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(HttpStatusCode.OK, query.Status); // only order entry is hit
    }
}
