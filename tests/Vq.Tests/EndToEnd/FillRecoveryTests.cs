using System.Text.RegularExpressions;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Wire.Streams;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// Fills made while the user stream is down never arrive as events; after each reconnect vq recovers them from
/// <c>GET /fapi/v1/userTrades</c>, so the report counts exactly the simulator's fills, none twice.
/// </summary>
public partial class FillRecoveryTests
{
    [GeneratedRegex(@"fill_recovery symbol=BTCUSDT since_ms=\d+ trades=\d+ own=\d+ recovered=(\d+)")]
    private static partial Regex RecoveryLine();

    [Fact]
    public async Task Fills_made_while_the_user_stream_was_down_are_recovered_once_and_the_report_matches_the_ledger()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.15m, 60000m)), 0, cancel);
        var config = SimConfig(host);
        // Long outages (the user stream comes back after 1.5–3 s), so slices fill while nobody listens.
        config = new VqConfig(config.Global with
        {
            Ws = new WsSettings { Reconnect = new ReconnectSettings { InitialDelayMs = 1500, MaxDelayMs = 3000 } },
            Execution = config.Global.Execution with { MaxOrderNotional = 600m, MakerTimeoutsToEscalate = 1, WsFillGraceMs = 1500 },
        });
        using var stopDrops = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var drops = Task.Run(async () =>
        {
            // Outages during the first 15 s; then the stream stays up and the flatten finishes.
            for (var i = 0; i < 6 && !stopDrops.IsCancellationRequested; i++)
            {
                await Task.Delay(2500, CancellationToken.None);
                host.Exchange.DropConnections(StreamRoute.Private);
            }
        }, CancellationToken.None);

        var (result, output) = await FlattenAsync(Request(host, config, ("BTCUSDT", PositionSide.Long)), cancel);
        await stopDrops.CancelAsync();
        await drops;

        Assert.True(result.ExitCode == 0, result.Reason + "\n" + output);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        var fills = Fills(host).Where(f => f.ClientOrderId.StartsWith("vq-", StringComparison.Ordinal)).ToList();
        var report = Assert.Single(result.Legs);
        Assert.Equal(fills.Sum(f => f.Qty), report.FilledQty);
        Assert.Equal(fills.Count, report.Fills);
        Assert.Equal(0.15m, report.FilledQty);
        var recovered = RecoveryLine().Matches(output).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(recovered > 0, "no fill happened during an outage; the scenario did not exercise recovery\n" + output);
        Assert.Contains("order_fill leg=BTCUSDT:LONG reason=recovered", output, StringComparison.Ordinal);
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }
}
