using System.Net;

namespace Vq.Sim.Tests.Wire;

public sealed class AuthTests
{
    [Fact]
    public async Task Key_signature_and_timing_checks_return_binance_codes()
    {
        await using var sim = await SimFixture.StartAsync();
        const string path = "/fapi/v2/positionRisk";

        var missingKey = await sim.SignedAsync(HttpMethod.Get, path, "", apiKey: "");
        Assert.Equal((HttpStatusCode.Unauthorized, -2014), (missingKey.Status, missingKey.Code));
        var wrongKey = await sim.SignedAsync(HttpMethod.Get, path, "", apiKey: "abc123");
        Assert.Equal((HttpStatusCode.Unauthorized, -2015), (wrongKey.Status, wrongKey.Code));

        var unsigned = await sim.SendAsync(HttpMethod.Get, path, "timestamp=" + sim.Now, apiKey: sim.ApiKey);
        Assert.Equal(-1102, unsigned.Code);

        var badSignature = await sim.SendAsync(HttpMethod.Get, path, $"timestamp={sim.Now}&signature={new string('0', 64)}", apiKey: sim.ApiKey);
        Assert.Equal((HttpStatusCode.BadRequest, -1022), (badSignature.Status, badSignature.Code));

        var stale = await sim.SignedAsync(HttpMethod.Get, path, "", timestamp: sim.Now - 5001);
        Assert.Equal(-1021, stale.Code);
        Assert.Contains("outside of the recvWindow", stale.Json.GetProperty("msg").GetString());
        var ahead = await sim.SignedAsync(HttpMethod.Get, path, "", timestamp: sim.Now + 1000);
        Assert.Contains("1000ms ahead", ahead.Json.GetProperty("msg").GetString());
        var wideWindow = await sim.SignedAsync(HttpMethod.Get, path, "recvWindow=10000", timestamp: sim.Now - 5001);
        Assert.Equal(HttpStatusCode.OK, wideWindow.Status);

        var ok = await sim.SignedAsync(HttpMethod.Get, path, "");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
    }

    [Fact]
    public async Task Signature_covers_query_plus_body_concatenated()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var query = "symbol=BTCUSDT&side=SELL&positionSide=LONG";
        var body = $"type=LIMIT&timeInForce=GTC&quantity=0.010&price=60010.0&timestamp={sim.Now}";
        var signature = TestSigner.Sign(query + body, sim.Secret);
        var placed = await sim.SendAsync(HttpMethod.Post, "/fapi/v1/order", query, body + "&signature=" + signature, sim.ApiKey);
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        var tampered = await sim.SendAsync(HttpMethod.Post, "/fapi/v1/order", query, body.Replace("0.010", "0.011") + "&signature=" + signature, sim.ApiKey);
        Assert.Equal(-1022, tampered.Code);
    }

    [Fact]
    public async Task Listen_key_endpoints_need_the_key_header_only()
    {
        await using var sim = await SimFixture.StartAsync();
        var noKey = await sim.SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", "");
        Assert.Equal(-2014, noKey.Code);
        var first = await sim.ListenKeyAsync();
        Assert.Equal(64, first.Length);
        Assert.Equal(first, await sim.ListenKeyAsync()); // same key while active
        var keepAlive = await sim.SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", "", apiKey: sim.ApiKey);
        Assert.Equal(first, keepAlive.Json.GetProperty("listenKey").GetString());
        var deleted = await sim.SendAsync(HttpMethod.Delete, "/fapi/v1/listenKey", "", apiKey: sim.ApiKey);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        var gone = await sim.SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", "", apiKey: sim.ApiKey);
        Assert.Equal(-1125, gone.Code);
    }
}
