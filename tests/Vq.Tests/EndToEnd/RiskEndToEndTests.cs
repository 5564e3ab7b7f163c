using System.Globalization;
using System.Text.RegularExpressions;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Sim;
using Vq.Sim.Matching;
using static Vq.Tests.EndToEnd.ProtectiveStopEndToEndTests;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// Issue 5 test (g): the mark is pushed toward the LONG's liquidation price through the simulator's control plane.
/// First soft risk (§4.2: aggressive mode, no panic order), then each panic tier in turn (§4.3: a slice of the tier's
/// ratio whenever idle, aggressive, sized from the position at the time), while the protective stop stays in place.
/// </summary>
public partial class RiskEndToEndTests
{
    private static readonly PanicTier[] s_tiers = [new(0.04m, 0.02m), new(0.03m, 0.05m), new(0.02m, 0.10m)];

    [Fact]
    public async Task Mark_toward_liquidation_triggers_soft_risk_then_each_panic_tier_with_its_slice_size()
    {
        var ct = TestContext.Current.CancellationToken;
        // Isolated: the liquidation price vq read at startup stays the simulator's while the mark moves.
        await using var host = await SimHost.StartAsync(Scenario(Isolated(Long("BTCUSDT", 1m, 60000m))), 0, ct);
        var liq = host.Exchange.Read(e => e.LiquidationPrice(e.Account.FindLeg("BTCUSDT", LegSide.Long)!));
        var config = new VqConfig(SimConfig(host).Global with
        {
            // A slow repost cooldown keeps the number of panic slices per tier small and countable.
            Execution = new ExecutionSettings { BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m, RepostCooldownMs = 400 },
            Risk = new RiskSettings
            {
                LiqDistanceThreshold = 0.05m,
                PanicClose = new PanicCloseSettings { Enabled = true, Tiers = s_tiers },
            },
        });
        await using var session = await StopSession.StartAsync(host, config, ExitGate.Signals);
        var stop = Assert.Single(OpenStops(host));

        // Soft risk only (distance 0.045: inside the 0.05 threshold, outside every tier).
        await HoldMarkAtDistanceAsync(host, liq, 0.045m, session, "risk_trigger leg=BTCUSDT:LONG reason=liq_distance_breach");
        Assert.DoesNotContain("reason=panic_close", session.Text, StringComparison.Ordinal);

        // Then deeper, one tier at a time: 0.035 → tier 0.04, 0.025 → tier 0.03, 0.015 → tier 0.02.
        foreach (var (distance, tier) in new[] { (0.035m, 0.04m), (0.025m, 0.03m), (0.015m, 0.02m) })
        {
            var tag = "reason=panic_close@" + tier.ToString(CultureInfo.InvariantCulture);
            await HoldMarkAtDistanceAsync(host, liq, distance, session, tag);
            await WaitForAsync(() => PanicPlacements(session.Text).Count(p => p.Tier == tier) >= 2);
        }

        await session.StopAsync();
        var text = session.Text;

        // Order of escalation in the log: soft risk, then tiers 0.04, 0.03, 0.02.
        var soft = text.IndexOf("reason=liq_distance_breach", StringComparison.Ordinal);
        var tierLines = RiskTriggerPanic().Matches(text).Select(m => (m.Index, Tier: decimal.Parse(m.Groups["tier"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.True(soft >= 0 && tierLines.Count >= 3, text);
        Assert.True(soft < tierLines[0].Index, "soft risk must trigger before the first panic tier");
        Assert.Equal([0.04m, 0.03m, 0.02m], tierLines.Select(t => t.Tier).Distinct());

        // Every panic slice: aggressive, and sized as §4.3 says from the position when it was sent (the simulator's
        // ledger: the start amount less everything vq's earlier orders filled).
        var placements = PanicPlacements(text);
        var orders = Orders(host).Where(o => o.ClientOrderId.StartsWith(session.Session.Ids.Prefix, StringComparison.Ordinal)).ToList();
        foreach (var tier in s_tiers)
        {
            Assert.Contains(placements, p => p.Tier == tier.DistToLiq);
        }

        foreach (var placement in placements)
        {
            Assert.Equal("AGGRESSIVE_LIMIT", placement.Mode);
            var index = orders.FindIndex(o => o.ClientOrderId == placement.ClientOrderId);
            Assert.True(index >= 0, $"panic order {placement.ClientOrderId} never reached the simulator");
            var order = orders[index];
            Assert.NotEqual(TimeInForce.Gtx, order.TimeInForce);
            var position = 1m - orders.Take(index).Sum(o => o.ExecutedQty);
            var ratio = s_tiers.Single(t => t.DistToLiq == placement.Tier).SliceRatio;
            Assert.Equal(SliceQuantity(position, ratio), order.OrigQty);
            Assert.Equal(order.OrigQty, placement.Qty);
        }

        // The exchange-side stop was never touched by any of this.
        Assert.Equal(stop.AlgoId, Assert.Single(OpenStops(host)).AlgoId);
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }

    /// <summary>§4.3's panic quantity for BTCUSDT (step and minQty 0.001), written out independently of Core.</summary>
    private static decimal SliceQuantity(decimal position, decimal ratio)
    {
        const decimal step = 0.001m;
        var q = Math.Floor(position * ratio / step) * step;
        q = Math.Max(q, step);
        return Math.Min(q, Math.Floor(position / step) * step);
    }

    /// <summary>Moves the mid so the mark sits <paramref name="distance"/> above the LONG's liquidation price, until vq logs <paramref name="expect"/>.</summary>
    private static async Task HoldMarkAtDistanceAsync(SimHost host, decimal liq, decimal distance, StopSession session, string expect)
    {
        var mid = Math.Round(liq / (1m - distance), 1);
        // The synthetic market keeps walking from the new mid; re-centre it until vq has seen it (mark stream: 1 s).
        var until = Environment.TickCount64 + 20_000;
        while (!session.Text.Contains(expect, StringComparison.Ordinal))
        {
            Assert.True(Environment.TickCount64 < until, $"vq never logged '{expect}' at distance {distance}:\n{session.Text}");
            host.Exchange.MoveMid("BTCUSDT", mid);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private sealed record PanicPlacement(decimal Tier, string Mode, decimal Qty, string ClientOrderId);

    private static List<PanicPlacement> PanicPlacements(string text) =>
        PanicOrderPlace().Matches(text).Select(m => new PanicPlacement(
            decimal.Parse(m.Groups["tier"].Value, CultureInfo.InvariantCulture),
            m.Groups["mode"].Value,
            decimal.Parse(m.Groups["qty"].Value, CultureInfo.InvariantCulture),
            m.Groups["cid"].Value)).ToList();

    [GeneratedRegex(@"order_place leg=BTCUSDT:LONG reason=panic_close@(?<tier>[0-9.]+) mode=(?<mode>\w+).* qty=(?<qty>[0-9.]+).* cid=(?<cid>\S+)")]
    private static partial Regex PanicOrderPlace();

    [GeneratedRegex(@"risk_trigger leg=BTCUSDT:LONG reason=panic_close .*tier=(?<tier>[0-9.]+)")]
    private static partial Regex RiskTriggerPanic();
}
