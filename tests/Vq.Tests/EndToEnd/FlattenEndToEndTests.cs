using System.Text.Json;
using Vq.Commands;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Sim;
using Vq.Sim.Matching;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// Issue 5 end-to-end tests (a), (d), (h), (i): <c>vq flatten</c>'s runner against an in-process simulator on real
/// loopback sockets. Nothing here is timed as a performance claim; timeouts only bound a hung run.
/// </summary>
public class FlattenEndToEndTests
{
    [Fact]
    public async Task Flatten_closes_a_long_and_a_short_leg_with_only_closing_orders_and_fills_matching_the_ledger()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m), Short("ETHUSDT", 2m, 3000m)), 0, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(Request(host, SimConfig(host), ("BTCUSDT", PositionSide.Long), ("ETHUSDT", PositionSide.Short)), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        Assert.Equal(0m, Position(host, "ETHUSDT", LegSide.Short));
        AssertNoForbiddenRejects(host);
        AssertOnlyClosingOrders(host);
        var fills = Fills(host);
        foreach (var leg in result.Legs)
        {
            var side = leg.Side == PositionSide.Long ? LegSide.Long : LegSide.Short;
            var ledger = fills.Where(f => f.Symbol == leg.Symbol && f.PositionSide == side && f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).ToList();
            Assert.Equal(ledger.Count, leg.Fills);
            Assert.Equal(ledger.Sum(f => f.Qty), leg.FilledQty);
            Assert.Equal(leg.StartQty, leg.FilledQty);
            Assert.Equal(0m, leg.RemainingQty);
        }

        Assert.Empty(OpenOrders(host));
    }

    [Fact]
    public async Task Demo_exits_0_and_its_report_has_the_documented_fields()
    {
        var path = Path.Combine(Path.GetTempPath(), "vq-demo-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            using var text = new StringWriter();
            var result = await DemoCommand.RunAsync(path, TextWriter.Synchronized(text), interactive: false, TestContext.Current.CancellationToken);

            Assert.True(result.ExitCode == 0, text.ToString());
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
            var legs = json.RootElement.GetProperty("legs").EnumerateArray().ToList();
            Assert.Equal(2, legs.Count);
            string[] fields = ["symbol", "side", "start_qty", "filled_qty", "remaining_qty", "arrival_mid", "vwap", "shortfall_bps", "maker_share", "fees", "orders", "cancels", "rejects", "duration_s"];
            foreach (var leg in legs)
            {
                Assert.Equal(fields, leg.EnumerateObject().Select(p => p.Name).ToArray());
                Assert.Equal(JsonValueKind.String, leg.GetProperty("filled_qty").ValueKind);
                Assert.Equal("0.000", leg.GetProperty("remaining_qty").GetString());
                Assert.Equal(JsonValueKind.Object, leg.GetProperty("rejects").ValueKind);
            }

            Assert.Equal(["BTCUSDT", "ETHUSDT"], legs.Select(l => l.GetProperty("symbol").GetString()).ToArray());
            Assert.Equal(["LONG", "SHORT"], legs.Select(l => l.GetProperty("side").GetString()).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Interrupting_a_flatten_cancels_every_order_of_the_run_and_exits_130()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 1m, 60000m)), 0, TestContext.Current.CancellationToken);
        // A maker price 50 ticks above the ask and a long TTL: the order rests, unfilled, when the interrupt comes.
        var config = SimConfig(host, new ExecutionSettings
        {
            MaxOrderNotional = 200m, OrderTtlMs = 60_000, MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = -50,
        });
        using var interrupt = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!OpenOrders(host).Any(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            await interrupt.CancelAsync();
        }, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(Request(host, config, ("BTCUSDT", PositionSide.Long)), interrupt.Token);
        await watcher;

        Assert.True(result.ExitCode == 130, output);
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal));
        Assert.Contains(Orders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && o.State == OrderState.Canceled);
        Assert.True(Position(host, "BTCUSDT", LegSide.Long) > 0m);
    }

    [Fact]
    public async Task A_post_only_reject_is_retried_and_the_leg_still_finishes()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.04m, 60000m)), 0, TestContext.Current.CancellationToken);
        // Two ticks under the ask with the safety clamp turned off crosses a one-tick spread: every maker order is -5022.
        var execution = new ExecutionSettings
        {
            BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m,
            MakerPriceMode = MakerPriceMode.CustomTicks, MakerNTicks = 2, MakerSafetyTicks = -1,
        };

        var (result, output) = await FlattenAsync(Request(host, SimConfig(host, execution), ("BTCUSDT", PositionSide.Long)), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, output);
        Assert.True(Rejects(host).GetValueOrDefault(-5022) >= 1, output);
        Assert.True(result.Legs[0].Rejects.GetValueOrDefault(-5022) >= 1);
        Assert.Contains("order_retry", output, StringComparison.Ordinal);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
    }

    [Fact]
    public async Task An_external_resting_close_order_blocks_the_leg_and_releasing_it_lets_flatten_finish()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.05m, 60000m)), 0, TestContext.Current.CancellationToken);
        var external = host.Exchange.Read(e => e.Place(new OrderRequest
        {
            Symbol = "BTCUSDT", Side = "SELL", PositionSide = "LONG", Type = "LIMIT", TimeInForce = "GTC",
            Quantity = "0.050", Price = "65000.0", NewClientOrderId = "manual-take-profit",
        }));
        Assert.Null(external.Error);
        var request = Request(host, SimConfig(host), ("BTCUSDT", PositionSide.Long)) with { BlockedGiveUp = TimeSpan.FromSeconds(2) };

        var (blocked, blockedOutput) = await FlattenAsync(request, TestContext.Current.CancellationToken);

        Assert.True(blocked.ExitCode == 1, blockedOutput);
        Assert.Contains("manual-take-profit", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(0.05m, Position(host, "BTCUSDT", LegSide.Long));
        AssertNoForbiddenRejects(host);

        host.Exchange.Do(e => e.Cancel("BTCUSDT", null, "manual-take-profit"));
        var (released, releasedOutput) = await FlattenAsync(request, TestContext.Current.CancellationToken);

        Assert.True(released.ExitCode == 0, releasedOutput);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        AssertNoForbiddenRejects(host);
    }
}
