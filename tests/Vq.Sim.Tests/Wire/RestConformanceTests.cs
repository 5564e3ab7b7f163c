using System.Net;
using System.Text.Json;

namespace Vq.Sim.Tests.Wire;

public sealed class RestConformanceTests
{
    [Fact]
    public async Task Time_and_exchange_info_have_binance_shapes_and_weight_header()
    {
        await using var sim = await SimFixture.StartAsync();
        var time = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/time", "");
        Assert.Equal(JsonValueKind.Number, time.Json.GetProperty("serverTime").ValueKind);
        Assert.Equal(SimFixture.ManualStart, time.Json.GetProperty("serverTime").GetInt64() - 50); // the constructor's first market step
        Assert.Equal("1", time.Header("X-MBX-USED-WEIGHT-1M"));

        var info = await sim.SendAsync(HttpMethod.Get, "/fapi/v1/exchangeInfo", "");
        Assert.Equal("2", info.Header("X-MBX-USED-WEIGHT-1M"));
        var btc = info.Json.GetProperty("symbols").EnumerateArray().First(s => s.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal(2, btc.GetProperty("pricePrecision").GetInt32());
        Assert.Equal(JsonValueKind.Array, btc.GetProperty("orderTypes").ValueKind);
        var filters = btc.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal("0.10", filters["PRICE_FILTER"].GetProperty("tickSize").GetString());
        Assert.Equal("0.001", filters["LOT_SIZE"].GetProperty("stepSize").GetString());
        Assert.Equal("100", filters["MIN_NOTIONAL"].GetProperty("notional").GetString());
        Assert.Equal(JsonValueKind.String, filters["PERCENT_PRICE"].GetProperty("multiplierDecimal").ValueKind);
        Assert.Equal(JsonValueKind.Number, filters["MAX_NUM_ORDERS"].GetProperty("limit").ValueKind);
    }

    [Fact]
    public async Task Close_order_round_trip_has_exact_field_types_and_order_headers()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var placed = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.010&price=60010.0&newClientOrderId=vq-1");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        var o = placed.Json;
        Assert.Equal(JsonValueKind.Number, o.GetProperty("orderId").ValueKind);
        Assert.Equal("60010.00", o.GetProperty("price").GetString());
        Assert.Equal("0.010", o.GetProperty("origQty").GetString());
        Assert.Equal("0.000", o.GetProperty("executedQty").GetString());
        Assert.Equal("NEW", o.GetProperty("status").GetString());
        Assert.Equal("GTX", o.GetProperty("timeInForce").GetString());
        Assert.True(o.GetProperty("reduceOnly").GetBoolean()); // hedge-mode close reported as reduce-only
        Assert.Equal("LONG", o.GetProperty("positionSide").GetString());
        Assert.Equal(JsonValueKind.Number, o.GetProperty("updateTime").ValueKind);
        Assert.Equal("1", placed.Header("X-MBX-ORDER-COUNT-10S"));
        Assert.Equal("1", placed.Header("X-MBX-ORDER-COUNT-1M"));
        Assert.Equal("0", placed.Header("X-MBX-USED-WEIGHT-1M")); // order placement costs no IP weight

        var open = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal("vq-1", Assert.Single(open.Json.EnumerateArray()).GetProperty("clientOrderId").GetString());
        var openAll = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
        Assert.Equal("41", openAll.Header("X-MBX-USED-WEIGHT-1M")); // 1 + 40 without symbol

        var queried = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=vq-1");
        Assert.Equal(JsonValueKind.Number, queried.Json.GetProperty("time").ValueKind);
        var canceled = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + o.GetProperty("orderId").GetInt64());
        Assert.Equal("CANCELED", canceled.Json.GetProperty("status").GetString());
        var again = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + o.GetProperty("orderId").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(-2011, again.Code);
    }

    [Fact]
    public async Task Gtx_cross_is_400_5022_with_binance_message()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong();
        var rejected = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTX&quantity=0.010&price=59990.0");
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal(-5022, rejected.Code);
        Assert.StartsWith("Due to the order could not be executed as maker", rejected.Json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Hedge_mode_rules_over_the_wire()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(0.02m);
        var reduceOnly = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60010.0&reduceOnly=false");
        Assert.Equal(-1106, reduceOnly.Code);
        var noSide = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.010&price=60010.0");
        Assert.Equal(-4061, noSide.Code);
        var tooMuch = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=LIMIT&timeInForce=GTC&quantity=0.021&price=60010.0");
        Assert.Equal(-2022, tooMuch.Code);
        var stop = await sim.PlaceAsync("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=STOP_MARKET&quantity=0.010&stopPrice=59000.0");
        Assert.Equal(-4120, stop.Code);
        var dual = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", "");
        Assert.True(dual.Json.GetProperty("dualSidePosition").GetBoolean());
        Assert.Equal("30", dual.Header("X-MBX-USED-WEIGHT-1M"));
    }

    [Fact]
    public async Task Position_risk_account_and_symbol_config_shapes()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(0.5m, 59000m);
        var risk = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        var rows = risk.Json.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var longRow = rows.Single(r => r.GetProperty("positionSide").GetString() == "LONG");
        Assert.Equal("0.500", longRow.GetProperty("positionAmt").GetString());
        Assert.Equal("10", longRow.GetProperty("leverage").GetString());
        Assert.Equal("cross", longRow.GetProperty("marginType").GetString());
        Assert.Equal("false", longRow.GetProperty("isAutoAddMargin").GetString());
        Assert.Equal(JsonValueKind.String, longRow.GetProperty("unRealizedProfit").ValueKind);
        Assert.True(decimal.Parse(longRow.GetProperty("liquidationPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0m);
        var shortRow = rows.Single(r => r.GetProperty("positionSide").GetString() == "SHORT");
        Assert.Equal("0.000", shortRow.GetProperty("positionAmt").GetString());

        var v3 = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "");
        Assert.Single(v3.Json.EnumerateArray());
        var config = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/symbolConfig", "symbol=BTCUSDT");
        Assert.Equal(10, config.Json[0].GetProperty("leverage").GetInt32());
        Assert.Equal("CROSSED", config.Json[0].GetProperty("marginType").GetString());
        var account = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/account", "");
        Assert.Equal(JsonValueKind.String, account.Json.GetProperty("totalWalletBalance").ValueKind);
        Assert.Equal(JsonValueKind.String, account.Json.GetProperty("positions")[0].GetProperty("unrealizedProfit").ValueKind);
        var limits = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/rateLimit/order", "");
        Assert.Equal(2, limits.Json.GetArrayLength());
    }

    [Fact]
    public async Task Algo_order_place_list_cancel_shapes()
    {
        await using var sim = await SimFixture.StartAsync();
        sim.SeedLong(0.5m);
        var placed = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&positionSide=LONG&type=STOP_MARKET&triggerPrice=55000.0&closePosition=true&workingType=MARK_PRICE&clientAlgoId=vq-stop-1", inBody: true);
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        Assert.Equal("STOP_MARKET", placed.Json.GetProperty("orderType").GetString());
        Assert.Equal("null", placed.Json.GetProperty("icebergQuantity").GetString());
        Assert.Equal("NEW", placed.Json.GetProperty("algoStatus").GetString());
        var algoId = placed.Json.GetProperty("algoId").GetInt64();
        Assert.True(algoId > 1_000_000_000_000_000);

        var immediate = await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&positionSide=LONG&type=TAKE_PROFIT_MARKET&triggerPrice=59000.0&closePosition=true&workingType=MARK_PRICE", inBody: true);
        Assert.Equal(-2021, immediate.Code);

        var open = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        Assert.Equal("", Assert.Single(open.Json.EnumerateArray()).GetProperty("actualOrderId").GetString());
        var regular = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Empty(regular.Json.EnumerateArray());
        var canceled = await sim.SignedAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", "algoId=" + algoId);
        Assert.Equal("200", canceled.Json.GetProperty("code").GetString());
        var asOrder = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=" + algoId);
        Assert.Equal(-2013, asOrder.Code);
    }
}
