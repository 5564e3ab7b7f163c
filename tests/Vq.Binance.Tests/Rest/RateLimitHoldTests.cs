using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Tests.Support;
using Vq.Core.Primitives;

namespace Vq.Binance.Tests.Rest;

/// <summary>
/// What a 429 holds (BINANCE.md §5): an order-count 429 holds placements only (cancels and queries do not count
/// toward the order counters); an IP-weight 429 holds everything except a bounded number of shutdown cancels; a
/// 418 holds everything.
/// </summary>
public sealed class RateLimitHoldTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_040_000);

    private static readonly LimitOrderRequest s_order = new("BTCUSDT", OrderSide.Sell, PositionSide.Long, TimeInForce.Gtx,
        0.001m, 50000.1m, ClientOrderId.Parse("vq-0123456789-000000000000000000001"));

    private const string OrderJson =
        """{"orderId":22542179,"symbol":"BTCUSDT","status":"CANCELED","clientOrderId":"vq-0123456789-000000000000000000001","price":"50000.1","origQty":"0.001","executedQty":"0","timeInForce":"GTX","type":"LIMIT","side":"SELL","positionSide":"LONG","updateTime":1566818724722}""";

    private const string AlgoCancelJson = """{"algoId":1000000033225453,"clientAlgoId":"vq-ps-btcusdt-long","code":"200","msg":"success"}""";

    [Theory]
    [InlineData(-1015, 0, RateLimitScope.Orders)]
    [InlineData(-1015, 1, RateLimitScope.Orders)]
    [InlineData(-1003, 1, RateLimitScope.Weight)]
    [InlineData(-1003, 0, RateLimitScope.Weight)]
    [InlineData(0, 1, RateLimitScope.Orders)]
    [InlineData(0, 0, RateLimitScope.Weight)]
    public void A_429_is_an_order_count_limit_when_it_says_so_or_answers_a_placement(int code, int orders, RateLimitScope expected) =>
        Assert.Equal(expected, RateLimitTracker.ScopeOf429(code, orders));

    [Fact]
    public void An_order_count_hold_stops_placements_only()
    {
        var tracker = new RateLimitTracker();
        tracker.HoldUntil(s_now.AddSeconds(60), RateLimitScope.Orders);
        Assert.False(tracker.TryAcquire(0, 1, s_now, out var refusal, out var wait));
        Assert.Equal(ApiOutcome.RateLimited, refusal);
        Assert.Equal(TimeSpan.FromSeconds(60), wait);
        Assert.True(tracker.TryAcquire(1, 0, s_now, out _, out _)); // cancel or query
        Assert.True(tracker.TryAcquire(0, 1, s_now.AddSeconds(60), out _, out _));
    }

    [Fact]
    public void A_weight_hold_lets_only_a_budget_of_shutdown_cancels_through_and_never_a_placement()
    {
        var tracker = new RateLimitTracker();
        tracker.HoldUntil(s_now.AddSeconds(60));
        Assert.False(tracker.TryAcquire(1, 0, s_now, out _, out _));
        Assert.False(tracker.TryAcquire(0, 1, RequestUrgency.ShutdownCancel, s_now, out _, out _));
        for (var i = 0; i < RateLimitTracker.ShutdownBypassesPerHold; i++)
        {
            Assert.True(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out _, out _));
        }

        Assert.False(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out var refusal, out _));
        Assert.Equal(ApiOutcome.RateLimited, refusal);

        // A new hold gives a new budget.
        tracker.HoldUntil(s_now.AddSeconds(120));
        Assert.True(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out _, out _));
    }

    [Fact]
    public void A_ban_stops_shutdown_cancels_too()
    {
        var tracker = new RateLimitTracker();
        tracker.Ban(s_now.AddMinutes(2), "banned");
        Assert.False(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out var refusal, out _));
        Assert.Equal(ApiOutcome.Banned, refusal);
    }

    [Fact]
    public void Exhausted_order_counters_do_not_refuse_a_cancel_and_a_shutdown_cancel_may_use_the_safety_reserve()
    {
        var tracker = new RateLimitTracker();
        tracker.ApplyLimits([
            new RateLimitInfo { RateLimitType = "ORDERS", Interval = "SECOND", IntervalNum = 10, Limit = 10 },
            new RateLimitInfo { RateLimitType = "REQUEST_WEIGHT", Interval = "MINUTE", IntervalNum = 1, Limit = 100 },
        ]);
        for (var i = 0; i < 9; i++)
        {
            Assert.True(tracker.TryAcquire(0, 1, s_now, out _, out _));
        }

        Assert.False(tracker.TryAcquire(0, 1, s_now, out _, out _));
        Assert.True(tracker.TryAcquire(1, 0, s_now, out _, out _));

        Assert.True(tracker.TryAcquire(89, 0, s_now, out _, out _)); // weight 90 of 100: the 90 % throttle
        Assert.False(tracker.TryAcquire(1, 0, s_now, out _, out _));
        for (var i = 0; i < 10; i++)
        {
            Assert.True(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out _, out _));
        }

        Assert.False(tracker.TryAcquire(1, 0, RequestUrgency.ShutdownCancel, s_now, out _, out _)); // the real limit
    }

    [Fact]
    public async Task Over_loopback_an_order_count_429_holds_the_next_placement_while_cancels_and_queries_go_through()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("POST /fapi/v1/order", ctx => FakeExchange.Json(ctx, 429,
            "{\"code\":-1015,\"msg\":\"Too many new orders; current limit is 300 orders per TEN_SECONDS.\"}", ("Retry-After", "60")));
        exchange.Route("DELETE /fapi/v1/order", ctx => FakeExchange.Json(ctx, 200, OrderJson));
        exchange.Route("GET /fapi/v1/order", ctx => FakeExchange.Json(ctx, 200, OrderJson));
        exchange.Route("DELETE /fapi/v1/algoOrder", ctx => FakeExchange.Json(ctx, 200, AlgoCancelJson));
        var log = new RecordingLogger();
        using var client = Client(exchange, log);
        var ct = TestContext.Current.CancellationToken;

        var placed = await client.PlaceLimitOrderAsync(s_order, ct);
        Assert.Equal(ApiOutcome.RateLimited, placed.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(60), placed.Error.RetryAfter);

        var cancel = await client.CancelOrderAsync(OrderRef.ById("BTCUSDT", 22542179), ct);
        var query = await client.QueryOrderAsync(OrderRef.ById("BTCUSDT", 22542179), ct);
        var algoCancel = await client.CancelAlgoOrderAsync(AlgoOrderRef.ById("BTCUSDT", 1000000033225453), ct);
        var second = await client.PlaceLimitOrderAsync(s_order, ct);

        Assert.Equal(ApiOutcome.Ok, cancel.Outcome);
        Assert.Equal(ApiOutcome.Ok, query.Outcome);
        Assert.Equal(ApiOutcome.Ok, algoCancel.Outcome);
        Assert.Equal(ApiOutcome.RateLimited, second.Outcome);
        Assert.Equal(1, exchange.HitCount("POST /fapi/v1/order"));
        Assert.Equal(1, exchange.HitCount("DELETE /fapi/v1/order"));
        Assert.True(client.RateLimits.OrderHoldUntil > DateTimeOffset.UtcNow.AddSeconds(50));
        Assert.True(client.RateLimits.WeightHoldUntil < DateTimeOffset.UtcNow);
        var hold = Assert.Single(log.Lines, l => l.Name == "rate_limit_hold");
        Assert.Equal(3020, hold.Id);
        Assert.Contains("POST /fapi/v1/order: placements held for 60000 ms", hold.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_loopback_an_ip_weight_429_holds_cancels_unless_they_are_shutdown_cancels()
    {
        await using var exchange = await FakeExchange.StartAsync();
        exchange.Route("GET /fapi/v1/openOrders", ctx => FakeExchange.Json(ctx, 429,
            "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.\"}", ("Retry-After", "60")));
        exchange.Route("DELETE /fapi/v1/order", ctx => FakeExchange.Json(ctx, 200, OrderJson));
        var log = new RecordingLogger();
        using var client = Client(exchange, log);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(ApiOutcome.RateLimited, (await client.GetOpenOrdersAsync("BTCUSDT", ct)).Outcome);
        var held = await client.CancelOrderAsync(OrderRef.ById("BTCUSDT", 22542179), ct);
        var placement = await client.PlaceLimitOrderAsync(s_order, ct);
        var shutdown = await client.CancelOrderAsync(OrderRef.ById("BTCUSDT", 22542179), RequestUrgency.ShutdownCancel, ct);

        Assert.Equal(ApiOutcome.RateLimited, held.Outcome);
        Assert.Equal(ApiOutcome.RateLimited, placement.Outcome);
        Assert.Equal(ApiOutcome.Ok, shutdown.Outcome);
        Assert.Equal(1, exchange.HitCount("DELETE /fapi/v1/order"));
        Assert.Equal(0, exchange.HitCount("POST /fapi/v1/order"));
        Assert.Contains(log.Lines, l => l.Name == "rate_limit_hold" && l.Text.Contains("all requests held for 60000 ms", StringComparison.Ordinal));
    }

    private static BinanceRestClient Client(FakeExchange exchange, RecordingLogger log) => new(new BinanceRestOptions
    {
        BaseUri = exchange.BaseUri,
        ApiKey = FakeExchange.ApiKey,
        ApiSecret = FakeExchange.Secret,
        RequestTimeout = TimeSpan.FromSeconds(5),
        Logger = log,
    });
}
