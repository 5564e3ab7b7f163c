using Microsoft.AspNetCore.Http;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Tests.Support;
using Vq.Core.Primitives;

namespace Vq.Binance.Tests.Rest;

public sealed class RestEndpointTests
{
    private const string OrderJson =
        """{"orderId":7,"symbol":"BTCUSDT","status":"CANCELED","clientOrderId":"vq-x","price":"1","avgPrice":"0.00","origQty":"1","executedQty":"0","cumQuote":"0","timeInForce":"GTC","type":"LIMIT","reduceOnly":true,"side":"SELL","positionSide":"LONG","time":5,"updateTime":6}""";

    [Fact]
    public async Task Account_mode_orders_and_limits_endpoints_send_signed_requests_and_read_their_shapes()
    {
        await using var exchange = await FakeExchange.StartAsync();
        Task Signed(HttpContext ctx, string body) =>
            exchange.SignedRequestError(ctx) is { } error ? FakeExchange.Json(ctx, 400, error) : FakeExchange.Json(ctx, 200, body);
        exchange.Route("GET /fapi/v1/positionSide/dual", ctx => Signed(ctx, "{\"dualSidePosition\":true}"));
        exchange.Route("GET /fapi/v1/rateLimit/order", ctx => Signed(ctx,
            """[{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":10000},{"rateLimitType":"ORDERS","interval":"MINUTE","intervalNum":1,"limit":20000}]"""));
        exchange.Route("GET /fapi/v3/account", ctx => Signed(ctx,
            """{"totalInitialMargin":"0.00000000","totalMaintMargin":"0.00000000","totalWalletBalance":"103.12345678","totalUnrealizedProfit":"0.00000000","totalMarginBalance":"103.12345678","availableBalance":"103.12345678","maxWithdrawAmount":"103.12345678","assets":[{"asset":"USDT","walletBalance":"23.72469206","unrealizedProfit":"0.00000000","marginBalance":"23.72469206","crossWalletBalance":"23.72469206","availableBalance":"23.72469206","updateTime":1625474304765}],"positions":[{"symbol":"BTCUSDT","positionSide":"LONG","positionAmt":"1.000","unrealizedProfit":"0.00000000","isolatedMargin":"0.00000000","notional":"0","isolatedWallet":"0","initialMargin":"0","maintMargin":"0","updateTime":0}]}"""));
        exchange.Route("GET /fapi/v1/openOrders", ctx => Signed(ctx, "[" + OrderJson + "]"));
        exchange.Route("DELETE /fapi/v1/order", ctx => Signed(ctx, OrderJson));
        exchange.Route("GET /fapi/v1/algoOrder", ctx => Signed(ctx, """{"algoId":5,"clientAlgoId":"vq-ps-a","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT","algoStatus":"NEW","actualOrderId":"","icebergQuantity":"null","activatePrice":""}"""));
        using var client = new BinanceRestClient(new BinanceRestOptions { BaseUri = exchange.BaseUri, ApiKey = FakeExchange.ApiKey, ApiSecret = FakeExchange.Secret });
        var ct = TestContext.Current.CancellationToken;

        Assert.True((await client.GetHedgeModeAsync(ct)).Value);
        Assert.True((await client.GetOrderRateLimitsAsync(ct)).IsOk);
        Assert.Equal(10000 - 0, client.RateLimits.Orders10sHeadroom);
        var account = (await client.GetAccountAsync(ct)).Value!;
        Assert.Equal(103.12345678m, account.TotalWalletBalance);
        Assert.Equal(1m, Assert.Single(account.Positions).PositionAmt);
        var open = (await client.GetOpenOrdersAsync("BTCUSDT", ct)).Value!;
        Assert.Equal("vq-x", Assert.Single(open).ClientOrderId);
        var canceled = await client.CancelOrderAsync(OrderRef.ById("BTCUSDT", 7), ct);
        Assert.Equal("CANCELED", canceled.Value!.Status);
        var algo = await client.QueryAlgoOrderAsync(AlgoOrderRef.ByClientId("BTCUSDT", ClientOrderId.Parse("vq-ps-a")), ct);
        Assert.Equal(5, algo.Value!.AlgoId);
        Assert.Contains(exchange.Queries, q => q.StartsWith("GET /fapi/v1/openOrders?symbol=BTCUSDT&recvWindow=5000&timestamp=", StringComparison.Ordinal));
        Assert.Contains(exchange.Queries, q => q.StartsWith("DELETE /fapi/v1/order?symbol=BTCUSDT&orderId=7&", StringComparison.Ordinal));
        Assert.Contains(exchange.Queries, q => q.StartsWith("GET /fapi/v1/algoOrder?symbol=BTCUSDT&clientAlgoId=vq-ps-a&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_trades_sends_symbol_start_time_and_limit_and_reads_binance_sample()
    {
        await using var exchange = await FakeExchange.StartAsync();
        // The sample of Binance's "Account Trade List (USER_DATA)" page, plus a field it may add later.
        exchange.Route("GET /fapi/v1/userTrades", ctx => exchange.SignedRequestError(ctx) is { } error ? FakeExchange.Json(ctx, 400, error) : FakeExchange.Json(ctx, 200,
            """[{"buyer":false,"commission":"-0.07819010","commissionAsset":"USDT","id":698759,"maker":false,"orderId":25851813,"price":"7819.01","qty":"0.002","quoteQty":"15.63802","realizedPnl":"-0.91539999","side":"SELL","positionSide":"SHORT","symbol":"BTCUSDT","time":1569514978020,"futureField":{"x":1}}]"""));
        using var client = new BinanceRestClient(new BinanceRestOptions { BaseUri = exchange.BaseUri, ApiKey = FakeExchange.ApiKey, ApiSecret = FakeExchange.Secret });
        var ct = TestContext.Current.CancellationToken;

        var trades = await client.GetUserTradesAsync("BTCUSDT", 1569514970000, 1000, ct);
        var trade = Assert.Single(trades.Value!);
        Assert.Equal(698759, trade.Id);
        Assert.Equal(25851813, trade.OrderId);
        Assert.Equal("SELL", trade.Side);
        Assert.Equal("SHORT", trade.PositionSide);
        Assert.False(trade.Maker);
        Assert.Equal(7819.01m, trade.Price);
        Assert.Equal(0.002m, trade.Qty);
        Assert.Equal(-0.07819010m, trade.Commission);
        Assert.Equal(-0.91539999m, trade.RealizedPnl);
        Assert.Equal(1569514978020, trade.Time);
        Assert.Contains(exchange.Queries, q => q.StartsWith("GET /fapi/v1/userTrades?symbol=BTCUSDT&startTime=1569514970000&limit=1000&recvWindow=5000&timestamp=", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetUserTradesAsync("BTCUSDT", 0, 1001, ct));
    }

    [Fact]
    public async Task The_server_time_offset_is_refreshed_periodically()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.ClockOffsetMs = 5_000;
        using var client = new BinanceRestClient(new BinanceRestOptions
        {
            BaseUri = exchange.BaseUri, ApiKey = FakeExchange.ApiKey, ApiSecret = FakeExchange.Secret,
            TimeSyncInterval = TimeSpan.FromMilliseconds(100),
        });
        await client.StartAsync(TestContext.Current.CancellationToken);
        Assert.InRange(client.ServerTimeOffsetMs, 4_000, 6_000);

        exchange.ClockOffsetMs = -5_000;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (client.ServerTimeOffsetMs > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.InRange(client.ServerTimeOffsetMs, -6_000, -4_000);
        Assert.True(exchange.HitCount("GET /fapi/v1/time") >= 2);
    }
}
