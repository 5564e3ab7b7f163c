using System.Net;
using System.Text.Json;

namespace Vq.Sim.Tests.Wire;

public sealed class ControlPlaneTests
{
    private static async Task<JsonElement> PostAsync(SimFixture sim, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await sim.Http.PostAsync(path, null, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(SimFixture sim, string path)
    {
        var text = await sim.Http.GetStringAsync(path, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Seed_trade_and_read_the_ledger_over_http()
    {
        await using var sim = await SimFixture.StartAsync();
        await PostAsync(sim, "/_sim/balance?amount=5000");
        await PostAsync(sim, "/_sim/position?symbol=BTCUSDT&side=LONG&qty=0.2&entry=59000&leverage=5");
        await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=IOC&quantity=0.050&price=60000.0");
        await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.050&price=59000.0");

        var ledger = await GetAsync(sim, "/_sim/ledger");
        var fill = Assert.Single(ledger.GetProperty("fills").EnumerateArray());
        Assert.Equal("0.050", fill.GetProperty("qty").GetString());
        Assert.Equal("50.00000000", fill.GetProperty("realizedPnl").GetString());
        Assert.Equal(1, ledger.GetProperty("rejectsByCode").GetProperty("-5022").GetInt32());
        var position = ledger.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("positionSide").GetString() == "LONG");
        Assert.Equal("0.150", position.GetProperty("positionAmt").GetString());
        Assert.Equal(5, position.GetProperty("leverage").GetInt32());
        var requests = ledger.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(400, requests[1].GetProperty("status").GetInt32());
        Assert.Equal(-5022, requests[1].GetProperty("code").GetInt32());
        Assert.Equal(0, requests[0].GetProperty("weight").GetInt32());

        var state = await GetAsync(sim, "/_sim/state");
        Assert.Equal(JsonValueKind.Array, state.GetProperty("books").ValueKind);
    }

    [Fact]
    public async Task Pushing_the_mark_toward_liquidation_then_through_it()
    {
        await using var sim = await SimFixture.StartAsync();
        await PostAsync(sim, "/_sim/balance?amount=1000");
        await PostAsync(sim, "/_sim/position?symbol=BTCUSDT&side=LONG&qty=0.1&entry=60000&leverage=10");
        var halfway = await PostAsync(sim, "/_sim/market?symbol=BTCUSDT&towardLiquidation=LONG&fraction=0.5");
        var mark = decimal.Parse(halfway.GetProperty("mark").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(mark, 55000m, 55200m); // halfway from 60000.05 to ≈50200.8
        var risk = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.100", risk.Json.EnumerateArray().Single(r => r.GetProperty("positionSide").GetString() == "LONG").GetProperty("positionAmt").GetString());

        await PostAsync(sim, "/_sim/market?symbol=BTCUSDT&towardLiquidation=LONG&fraction=1");
        risk = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.000", risk.Json.EnumerateArray().Single(r => r.GetProperty("positionSide").GetString() == "LONG").GetProperty("positionAmt").GetString());
        var ledger = await GetAsync(sim, "/_sim/ledger");
        Assert.Contains(ledger.GetProperty("orders").EnumerateArray(), o => o.GetProperty("clientOrderId").GetString()!.StartsWith("autoclose-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Faults_can_be_switched_over_http()
    {
        await using var sim = await SimFixture.StartAsync();
        await PostAsync(sim, "/_sim/fault?kind=burst_429&count=1");
        Assert.Equal((HttpStatusCode)429, (await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "")).Status);
        await PostAsync(sim, "/_sim/fault?kind=clock_skew&ms=5000");
        var time = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal(sim.Now, time.Json.GetProperty("serverTime").GetInt64());
        await PostAsync(sim, "/_sim/fault?kind=clear");
        await PostAsync(sim, "/_sim/fault?kind=nonsense", HttpStatusCode.BadRequest);
        await PostAsync(sim, "/_sim/position?symbol=BTCUSDT&side=UP&qty=1", HttpStatusCode.BadRequest);
    }
}
