using Vq.Core.Config;
using Vq.Core.Execution;
using Vq.Core.Primitives;
using Vq.Sim;
using Vq.Sim.Matching;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// <c>vq flatten --deadline</c> and <c>--max-slippage-bps</c> against the in-process simulator on loopback sockets.
/// Time bounds here are the feature under test (finish by the deadline), not performance claims.
/// </summary>
public class FlattenPacingEndToEndTests
{
    [Fact]
    public async Task A_deadline_paces_the_slices_across_the_window_and_the_leg_is_flat_before_it()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, TestContext.Current.CancellationToken);
        // Ordinary slices of 0.02 (five to close 0.1): unpaced they would all go within a couple of seconds.
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 20, MaxMult = 100, MaxOrderNotional = 0m });
        var deadline = TimeSpan.FromSeconds(14);
        var request = Request(host, config, ("BTCUSDT", PositionSide.Long)) with { GiveUpAfter = null, Deadline = deadline };
        var startedAt = DateTime.UtcNow;

        var (result, output) = await FlattenAsync(request, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        var leg = Assert.Single(result.Legs);
        Assert.Equal(14m, leg.DeadlineS);
        Assert.True(leg.DeadlineMet, output);
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);

        // On time: the last vq fill came before the deadline (sim time is wall time here).
        var fills = Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).OrderBy(f => f.Time).ToList();
        Assert.NotEmpty(fills);
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(fills[^1].Time).UtcDateTime <= startedAt + deadline, output);

        // Paced: the pacer waited while ahead, so the fills spread over a good part of the window instead of a burst.
        Assert.Contains("reason=ahead", output, StringComparison.Ordinal);
        Assert.True(fills[^1].Time - fills[0].Time >= 4000, $"fills spanned only {fills[^1].Time - fills[0].Time} ms\n{output}");
        Assert.Contains("deadline=14s", output, StringComparison.Ordinal);
        Assert.Contains("time left", output, StringComparison.Ordinal);
        Assert.Contains("schedule", output, StringComparison.Ordinal);
        Assert.Contains("deadline     14 s, met", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tight_slippage_cap_never_fills_beyond_it_and_the_flatten_says_why_it_could_not_finish()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, TestContext.Current.CancellationToken);
        // Small slices, so most of the leg is still open when the market falls through the cap.
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 5, MaxMult = 100, MaxOrderNotional = 0m, OrderTtlMs = 400 });
        var request = Request(host, config, ("BTCUSDT", PositionSide.Long)) with
        {
            GiveUpAfter = null, Deadline = TimeSpan.FromSeconds(9), MaxSlippageBps = 5m,
        };
        var crash = Task.Run(async () =>
        {
            while (!Fills(host).Any(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            // 1 % down: 20× the cap. Every later order must rest at the cap instead of following the market.
            var mid = host.Exchange.Read(e => e.Book("BTCUSDT")!.Mid);
            Assert.True(host.Exchange.MoveMid("BTCUSDT", Math.Round(mid * 0.99m, 1)));
        }, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(request, TestContext.Current.CancellationToken);
        await crash;

        Assert.True(result.ExitCode == 1, output);
        Assert.Contains("--max-slippage-bps", result.Reason, StringComparison.Ordinal);
        Assert.Contains("slippage_cap", output, StringComparison.Ordinal);
        Assert.Contains("reason=cap_binding", output, StringComparison.Ordinal);
        var leg = Assert.Single(result.Legs);
        Assert.True(leg.RemainingQty > 0m, output);
        Assert.Equal(5m, leg.MaxSlippageBps);
        var cap = SlippageCap.WorstPrice(PositionSide.Long, leg.ArrivalMid, 5m, 0.1m);
        Assert.Equal(cap, leg.PriceCap);

        // The ledger is the truth: no vq fill (and no vq order) below the cap.
        var fills = Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fills);
        Assert.All(fills, f => Assert.True(f.Price >= cap, $"fill at {f.Price} below the cap {cap}"));
        Assert.All(Orders(host).Where(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)), o => Assert.True(o.Price >= cap, $"order at {o.Price} below the cap {cap}"));
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal));
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }

    [Fact]
    public async Task Without_a_deadline_a_leg_stuck_at_the_cap_gives_up_with_the_reason_instead_of_waiting_forever()
    {
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.1m, 60000m)), 0, TestContext.Current.CancellationToken);
        var config = SimConfig(host, new ExecutionSettings { BaseLotMult = 5, MaxMult = 100, MaxOrderNotional = 0m, OrderTtlMs = 400 });
        var request = Request(host, config, ("BTCUSDT", PositionSide.Long)) with
        {
            GiveUpAfter = TimeSpan.FromSeconds(40), MaxSlippageBps = 5m, CapGiveUp = TimeSpan.FromSeconds(3),
        };
        var crash = Task.Run(async () =>
        {
            while (!Fills(host).Any(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            var mid = host.Exchange.Read(e => e.Book("BTCUSDT")!.Mid);
            Assert.True(host.Exchange.MoveMid("BTCUSDT", Math.Round(mid * 0.99m, 1)));
        }, TestContext.Current.CancellationToken);

        var (result, output) = await FlattenAsync(request, TestContext.Current.CancellationToken);
        await crash;

        Assert.True(result.ExitCode == 1, output);
        Assert.StartsWith("no fill for 3 s; BTCUSDT LONG was held back by --max-slippage-bps", result.Reason, StringComparison.Ordinal);
        var leg = Assert.Single(result.Legs);
        Assert.Null(leg.DeadlineS);
        Assert.All(Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)), f => Assert.True(f.Price >= leg.PriceCap));
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal));

        // 3 s at the cap with a 400 ms TTL: one order kept resting there, not a cancel and repost at the same price per TTL.
        Assert.Contains("reason=cap_order_kept", output, StringComparison.Ordinal);
        var atCap = Orders(host).Count(o => o.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal) && o.Price == leg.PriceCap);
        Assert.True(atCap == 1, $"{atCap} orders at the cap\n{output}");
    }
}
