using Vq.Cli;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Sim;
using Vq.Sim.Matching;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>Startup checks (D14, D5) and test (c): a flatten that survives stream drops, unknown outcomes and key expiry.</summary>
public class StartupAndChaosTests
{
    [Fact]
    public async Task A_one_way_mode_account_is_refused_with_its_own_exit_code_and_nothing_is_sent()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)) with { HedgeMode = false }, 0, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(Request(host, SimConfig(host), ("BTCUSDT", PositionSide.Long)), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.NotHedgeMode, result.ExitCode);
        Assert.Contains("Hedge Mode", output, StringComparison.Ordinal);
        Assert.Empty(Orders(host));
    }

    [Fact]
    public async Task Leftover_orders_of_an_earlier_run_are_cancelled_at_startup_but_stops_and_user_orders_are_kept()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.05m, 60000m)), 0, TestContext.Current.CancellationToken);
        Place(host, "SELL", "0.010", "70000.0", "vq-0123456789-0000000000000000000001");
        Place(host, "BUY", "0.002", "58000.0", "user-order-1");

        var (result, output) = await FlattenAsync(Request(host, SimConfig(host), ("BTCUSDT", PositionSide.Long)) , TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, output);
        var orders = Orders(host);
        Assert.Equal(OrderState.Canceled, orders.Single(o => o.ClientOrderId == "vq-0123456789-0000000000000000000001").State);
        Assert.Equal(OrderState.New, orders.Single(o => o.ClientOrderId == "user-order-1").State);
        Assert.Contains("leftover_of_earlier_run", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chaos_still_flat_at_the_end_no_fill_counted_twice_and_no_orphan_order()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m), Short("ETHUSDT", 4m, 3000m)), 0, TestContext.Current.CancellationToken);
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 600m, OrderTtlMs = 500 });
        var faults = Task.Run(async () =>
        {
            while (!Orders(host).Any(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            // Once trading: WebSocket drops every 2 s, 10 % of placements answered 503 but executed, duplicated user
            // events, the server clock 3 s behind (-1021 until vq re-measures), and a listenKey expiry.
            host.Exchange.Faults.DropWebSocketsEveryMs = 2000;
            host.Exchange.SkewClock(-3000);
            host.Exchange.Faults.Unknown503Probability = 0.1;
            host.Exchange.Faults.DuplicateProbability = 0.2;
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            host.Exchange.ExpireListenKey();
        }, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(Request(host, config, ("BTCUSDT", PositionSide.Long), ("ETHUSDT", PositionSide.Short)), TestContext.Current.CancellationToken);
        await faults;
        host.Exchange.Faults.Clear();
        host.Exchange.SkewClock(0);

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        Assert.Equal(0m, Position(host, "ETHUSDT", LegSide.Short));
        AssertNoForbiddenRejects(host);
        AssertOnlyClosingOrders(host);
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal));
        var fills = Fills(host);
        foreach (var leg in result.Legs)
        {
            var side = leg.Side == PositionSide.Long ? LegSide.Long : LegSide.Short;
            var ledger = fills.Where(f => f.Symbol == leg.Symbol && f.PositionSide == side).ToList();
            // Fills inside a disconnect are not replayed by the stream (the position is, by REST): vq may count fewer,
            // never more.
            Assert.InRange(leg.Fills, 1, ledger.Count);
            Assert.InRange(leg.FilledQty, 0m, ledger.Sum(f => f.Qty));
        }

        // No fill counted twice, even with duplicated user events; and every counted fill is a real one.
        var counted = output.Split('\n')
            .Where(line => line.Contains(" order_fill ", StringComparison.Ordinal) && line.Contains("reason=own", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(line.IndexOf("trade_id=", StringComparison.Ordinal) + 9)..].Split(' ')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(counted);
        Assert.Equal(counted.Count, counted.Distinct().Count());
        Assert.All(counted, id => Assert.Contains(fills, f => f.TradeId == id));

        Assert.Contains("ws_reconnect", output, StringComparison.Ordinal);
        Assert.Contains("calibration stage=done", output, StringComparison.Ordinal);
    }

    /// <summary>A resting BTCUSDT LONG order: SELL closes (an earlier run's slice), BUY would add (a user's entry order).</summary>
    private static void Place(SimHost host, string side, string qty, string price, string clientId)
    {
        var placed = host.Exchange.Read(e => e.Place(new OrderRequest
        {
            Symbol = "BTCUSDT", Side = side, PositionSide = "LONG", Type = "LIMIT", TimeInForce = "GTC",
            Quantity = qty, Price = price, NewClientOrderId = clientId,
        }));
        Assert.Null(placed.Error);
    }

    [Fact]
    public async Task A_429_holds_trading_for_its_retry_after_60_s_and_the_flatten_still_finishes()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, TestContext.Current.CancellationToken);
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m, OrderTtlMs = 500 });
        var burst = Task.Run(async () =>
        {
            while (!Orders(host).Any(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            host.Exchange.Faults.AddBurst429(1);
        }, TestContext.Current.CancellationToken);

        var request = Request(host, config, ("BTCUSDT", PositionSide.Long)) with { GiveUpAfter = TimeSpan.FromSeconds(100) };
        var (result, output) = await FlattenAsync(request, TestContext.Current.CancellationToken);
        await burst;

        Assert.True(result.ExitCode == 0, output);
        Assert.Contains("code=-1003", output, StringComparison.Ordinal);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal));
        AssertNoForbiddenRejects(host);
    }
}
