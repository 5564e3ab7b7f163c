using Microsoft.AspNetCore.Http;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Tests.Support;
using Vq.Core.Primitives;

namespace Vq.Binance.Tests.Rest;

/// <summary>The REST client over real loopback sockets against the in-test exchange.</summary>
public sealed class RestClientTests
{
    private static BinanceRestClient Client(FakeExchange exchange, TimeSpan? queryDelay = null) => new(new BinanceRestOptions
    {
        BaseUri = exchange.BaseUri,
        ApiKey = FakeExchange.ApiKey,
        ApiSecret = FakeExchange.Secret,
        RequestTimeout = TimeSpan.FromSeconds(5),
        UnknownOrderQueryDelay = queryDelay ?? TimeSpan.FromMilliseconds(10),
    });

    private static readonly LimitOrderRequest s_order = new("BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx,
        0.001m, 50000.1m, ClientOrderId.Parse("vq-0123456789-000000000000000000001"));

    private const string OrderJson =
        """{"orderId":22542179,"symbol":"BTCUSDT","status":"NEW","clientOrderId":"vq-0123456789-000000000000000000001","price":"50000.1","origQty":"0.001","executedQty":"0","cumQty":"0","timeInForce":"GTX","type":"LIMIT","origType":"LIMIT","reduceOnly":true,"closePosition":false,"side":"SELL","positionSide":"LONG","stopPrice":"0","workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0,"updateTime":1566818724722}""";

    [Fact]
    public async Task A_signed_limit_order_is_accepted_by_an_hmac_checking_server_and_never_carries_reduce_only()
    {
        await using var exchange = await FakeExchange.StartAsync();
        string? query = null;
        exchange.Route("POST /fapi/v1/order", ctx =>
        {
            query = ctx.Request.QueryString.Value;
            var error = exchange.SignedRequestError(ctx);
            return error is null
                ? FakeExchange.Json(ctx, 200, OrderJson, ("x-mbx-used-weight-1m", "7"), ("X-MBX-ORDER-COUNT-10S", "3"), ("x-mbx-order-count-1m", "11"))
                : FakeExchange.Json(ctx, 400, error);
        });
        using var client = Client(exchange);
        Assert.True((await client.StartAsync(TestContext.Current.CancellationToken)).IsOk);

        var result = await client.PlaceLimitOrderAsync(s_order, TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Ok, result.Outcome);
        Assert.Equal(22542179, result.Value!.OrderId);
        Assert.Null(result.Value.AvgPrice);
        Assert.False(result.Value.ResolvedByQuery);
        Assert.DoesNotContain("reduceOnly", query!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("positionSide=LONG", query!, StringComparison.Ordinal);
        Assert.Contains("timeInForce=GTX", query!, StringComparison.Ordinal);
        Assert.Equal(300 - 3, client.RateLimits.Orders10sHeadroom);
        Assert.Equal(1200 - 11, client.RateLimits.Orders1mHeadroom);
        Assert.True(client.RateLimits.WeightHeadroom <= 2400 - 7);
    }

    [Fact]
    public async Task Too_many_requests_holds_every_request_until_retry_after()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("GET /fapi/v1/exchangeInfo", ctx => FakeExchange.Json(ctx, 429,
            "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.\"}", ("Retry-After", "1")));
        using var client = Client(exchange);

        var first = await client.GetExchangeInfoAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.RateLimited, first.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Error.RetryAfter);

        var held = await client.GetPositionRiskAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.RateLimited, held.Outcome);
        Assert.Equal(0, exchange.HitCount("GET /fapi/v2/positionRisk"));
        Assert.Equal(1, exchange.HitCount("GET /fapi/v1/exchangeInfo"));

        await Task.Delay(1100, TestContext.Current.CancellationToken);
        exchange.Route("GET /fapi/v1/exchangeInfo", ctx => FakeExchange.Json(ctx, 200,
            """{"serverTime":1,"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":1000}],"symbols":[{"symbol":"BTCUSDT","status":"TRADING","OrderType":["LIMIT"],"filters":[{"filterType":"PRICE_FILTER","minPrice":"261.10","maxPrice":"809484","tickSize":"0.10"},{"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"},{"filterType":"MIN_NOTIONAL","notional":"100"},{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"},{"filterType":"MAX_NUM_ALGO_ORDERS","limit":10}]}]}"""));
        var after = await client.GetExchangeInfoAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.Ok, after.Outcome);
        Assert.Equal(1000, client.RateLimits.WeightLimit);
        var symbol = Assert.Single(after.Value!.Symbols);
        Assert.Equal(["LIMIT"], symbol.AllOrderTypes);
        Assert.Equal(new SymbolRules("BTCUSDT", 0.10m, 0.001m, 0.001m, 100m, 1000m), Vq.Binance.Json.SymbolRulesMapper.ToRules(symbol));
    }

    [Fact]
    public async Task A_ban_stops_all_requests_and_raises_an_alert()
    {
        await using var exchange = await FakeExchange.StartAsync();
        var until = DateTimeOffset.UtcNow.AddMinutes(3).ToUnixTimeMilliseconds();
        exchange.Route("GET /fapi/v3/account", ctx => FakeExchange.Json(ctx, 418,
            "{\"code\":-1003,\"msg\":\"Way too many requests; IP(127.0.0.1) banned until " + until + ". Please use the websocket for live updates to avoid bans.\"}"));
        using var client = Client(exchange);
        var alerts = new List<BanAlert>();
        client.RateLimits.Banned += alerts.Add;

        var banned = await client.GetAccountAsync(TestContext.Current.CancellationToken);
        var order = await client.PlaceLimitOrderAsync(s_order, TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Banned, banned.Outcome);
        Assert.Equal(ApiOutcome.Banned, order.Outcome);
        Assert.Equal(0, exchange.HitCount("POST /fapi/v1/order"));
        var alert = Assert.Single(alerts);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(until), alert.Until);
    }

    [Fact]
    public async Task Unknown_placement_is_resolved_by_querying_the_client_order_id()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("POST /fapi/v1/order", ctx => FakeExchange.Json(ctx, 503,
            "{\"code\":-1000,\"msg\":\"Unknown error, please check your request or try again later.\"}"));
        string? queried = null;
        exchange.Route("GET /fapi/v1/order", ctx =>
        {
            queried = ctx.Request.Query["origClientOrderId"];
            return FakeExchange.Json(ctx, 200, OrderJson.Replace("\"updateTime\"", "\"avgPrice\":\"0.00\",\"cumQuote\":\"0\",\"time\":1,\"updateTime\"", StringComparison.Ordinal));
        });
        using var client = Client(exchange);

        var result = await client.PlaceLimitOrderAsync(s_order, TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Ok, result.Outcome);
        Assert.True(result.Value!.ResolvedByQuery);
        Assert.Equal(0m, result.Value.AvgPrice);
        Assert.Equal("vq-0123456789-000000000000000000001", queried);
        Assert.Equal(1, exchange.HitCount("POST /fapi/v1/order"));
    }

    [Fact]
    public async Task Unknown_placement_that_is_not_found_is_reported_as_not_placed_without_resending()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("POST /fapi/v1/order", ctx => FakeExchange.Json(ctx, 503,
            "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; execution status unknown.\"}"));
        exchange.Route("GET /fapi/v1/order", ctx => FakeExchange.Json(ctx, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}"));
        using var client = Client(exchange);

        var result = await client.PlaceLimitOrderAsync(s_order, TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Rejected, result.Outcome);
        Assert.Equal(-2013, result.Error.Code);
        Assert.Equal(1, exchange.HitCount("POST /fapi/v1/order"));
        Assert.Equal(3, exchange.HitCount("GET /fapi/v1/order"));
    }

    [Fact]
    public async Task Clock_skew_resyncs_and_retries_reads_once_but_never_orders()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("GET /fapi/v2/positionRisk", ctx => exchange.SignedRequestError(ctx) is { } error
            ? FakeExchange.Json(ctx, 400, error)
            : FakeExchange.Json(ctx, 200, """[{"symbol":"BTCUSDT","positionAmt":"-1.000","entryPrice":"22185.2","markPrice":"21123.05","unRealizedProfit":"-1.06","liquidationPrice":"0","leverage":"4","marginType":"cross","isolatedMargin":"0.00000000","isAutoAddMargin":"false","positionSide":"SHORT","notional":"21.12","updateTime":1655217461579}]"""));
        exchange.Route("POST /fapi/v1/order", ctx => exchange.SignedRequestError(ctx) is { } error
            ? FakeExchange.Json(ctx, 400, error)
            : FakeExchange.Json(ctx, 200, OrderJson));
        using var client = Client(exchange);
        await client.StartAsync(TestContext.Current.CancellationToken);

        exchange.ClockOffsetMs = 20_000; // the exchange clock jumps: every timestamp we send is now 20 s behind
        var read = await client.GetPositionRiskAsync("BTCUSDT", TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Ok, read.Outcome);
        var row = Assert.Single(read.Value!);
        Assert.Equal(-1m, row.PositionAmt);
        Assert.Equal(4m, row.Leverage);
        Assert.False(row.IsAutoAddMargin);
        Assert.Equal(2, exchange.HitCount("GET /fapi/v2/positionRisk"));
        Assert.Equal(2, exchange.HitCount("GET /fapi/v1/time"));
        Assert.InRange(client.ServerTimeOffsetMs, 19_000, 21_000);

        exchange.ClockOffsetMs = -20_000; // now our timestamps are ahead
        var order = await client.PlaceLimitOrderAsync(s_order, TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.ClockSkew, order.Outcome);
        Assert.Equal(1, exchange.HitCount("POST /fapi/v1/order"));
        Assert.Equal(3, exchange.HitCount("GET /fapi/v1/time"));
        Assert.InRange(client.ServerTimeOffsetMs, -21_000, -19_000);
    }

    [Fact]
    public async Task Algo_endpoints_accept_every_documented_shape()
    {
        await using var exchange = await FakeExchange.StartAsync();
        const string algo = """{"algoId":2146760,"clientAlgoId":"vq-ps-btcusdt-long","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT","side":"SELL","positionSide":"LONG","timeInForce":"GTC","quantity":"0","algoStatus":"NEW","triggerPrice":"40000.1","price":"0","icebergQuantity":"null","selfTradePreventionMode":"EXPIRE_MAKER","workingType":"MARK_PRICE","priceMatch":"NONE","closePosition":true,"priceProtect":false,"reduceOnly":false,"activatePrice":"","callbackRate":"","createTime":1750485492076,"updateTime":1750485492076,"triggerTime":0,"goodTillDate":0,"actualOrderId":""}""";
        string? placed = null;
        exchange.Route("POST /fapi/v1/algoOrder", ctx =>
        {
            placed = ctx.Request.QueryString.Value;
            return exchange.SignedRequestError(ctx) is { } error ? FakeExchange.Json(ctx, 400, error) : FakeExchange.Json(ctx, 200, algo);
        });
        exchange.Route("DELETE /fapi/v1/algoOrder", ctx => FakeExchange.Json(ctx, 200,
            """{"algoId":2146760,"clientAlgoId":"vq-ps-btcusdt-long","code":"200","msg":"success"}"""));
        var wrapped = false;
        exchange.Route("GET /fapi/v1/openAlgoOrders", ctx => FakeExchange.Json(ctx, 200, wrapped ? "{\"data\":[" + algo + "]}" : "[" + algo + "]"));
        using var client = Client(exchange);

        var stop = await client.PlaceStopMarketAsync(new StopMarketRequest("BTCUSDT", PositionSide.Long, 40000.1m,
            ClientOrderId.Parse("vq-ps-btcusdt-long")), TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.Ok, stop.Outcome);
        Assert.Equal(2146760, stop.Value!.AlgoId);
        Assert.Equal("STOP_MARKET", stop.Value.EffectiveOrderType);
        Assert.True(stop.Value.ClosePosition);
        Assert.Contains("closePosition=true", placed!, StringComparison.Ordinal);
        Assert.DoesNotContain("quantity", placed!, StringComparison.Ordinal);

        var cancel = await client.CancelAlgoOrderAsync(AlgoOrderRef.ById("BTCUSDT", 2146760), TestContext.Current.CancellationToken);
        Assert.Equal(200, cancel.Value!.Code);

        var bare = await client.GetOpenAlgoOrdersAsync("BTCUSDT", TestContext.Current.CancellationToken);
        wrapped = true;
        var data = await client.GetOpenAlgoOrdersAsync("BTCUSDT", TestContext.Current.CancellationToken);
        Assert.Equal(2146760, Assert.Single(bare.Value!).AlgoId);
        Assert.Equal(2146760, Assert.Single(data.Value!).AlgoId);
    }

    [Fact]
    public async Task Listen_key_lifecycle_and_missing_key_error()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("POST /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{\"listenKey\":\"K1\"}"));
        exchange.Route("PUT /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 400, "{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}"));
        exchange.Route("DELETE /fapi/v1/listenKey", ctx => FakeExchange.Json(ctx, 200, "{}"));
        using var client = Client(exchange);

        Assert.Equal("K1", (await client.CreateListenKeyAsync(TestContext.Current.CancellationToken)).Value);
        var keepAlive = await client.KeepAliveListenKeyAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ApiOutcome.Rejected, keepAlive.Outcome);
        Assert.Equal(-1125, keepAlive.Error.Code);
        Assert.True((await client.CloseListenKeyAsync(TestContext.Current.CancellationToken)).IsOk);
        Assert.DoesNotContain(exchange.Queries, q => q.Contains("signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_key_is_an_auth_failure_and_a_dead_port_is_transient()
    {
        await using var exchange = await FakeExchange.StartAsync();
        using var client = new BinanceRestClient(new BinanceRestOptions { BaseUri = exchange.BaseUri, ApiKey = "wrong", ApiSecret = "s" });
        Assert.Equal(ApiOutcome.AuthFailure, (await client.GetAccountAsync(TestContext.Current.CancellationToken)).Outcome);

        var port = exchange.BaseUri.Port;
        await exchange.DisposeAsync();
        using var dead = new BinanceRestClient(new BinanceRestOptions { BaseUri = new Uri("http://127.0.0.1:" + port), ApiKey = "k", ApiSecret = "s" });
        Assert.Equal(ApiOutcome.Transient, (await dead.GetExchangeInfoAsync(TestContext.Current.CancellationToken)).Outcome);
    }
}
