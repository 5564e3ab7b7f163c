using System.Globalization;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using static Vq.Tests.EndToEnd.SimSupport;
using SimTif = Vq.Sim.Matching.TimeInForce;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// Issue 5 (b): <c>run</c> closes only on the signals of SPEC §2.4 and obeys the throttle (§2.5), the cooldown (§3.11),
/// the TTL (§3.10) and the mode rotation (§3.12). The market is a replay the test controls: a constant book (5-tick
/// spread) with every trade selling into the bid, so no LONG condition holds (bid = last = prev) until the test moves
/// the mid up through the control plane (bid above the last trade: long_bid_improve, then an uptick: long_primary).
/// </summary>
public class RunSignalTests
{
    private const int TtlMs = 1500;
    private const int CooldownMs = 150;
    private const int ThrottleMs = 1000;

    // Placement requests travel over loopback on a busy 2-core machine: two of them may arrive this much closer than
    // vq sent them. Without the throttle they would come a fill plus a cooldown apart (≈ 250 ms), well below the bound.
    private const int ArrivalJitterMs = 300;

    [Fact]
    public async Task Run_places_only_on_signals_spaced_by_the_throttle_and_cooldown_and_escalates_after_a_maker_timeout()
    {
        var cancel = TestContext.Current.CancellationToken;
        var replay = Path.Combine(Path.GetTempPath(), $"vq-run-signals-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(replay, CalmReplay(60000.0m), cancel);
        try
        {
            var options = Scenario(Long("BTCUSDT", 0.05m, 60000m)) with { ReplayPath = replay, ReplayLoop = true };
            await using var host = await SimHost.StartAsync(options, 0, cancel);
            using var text = new StringWriter();
            var output = TextWriter.Synchronized(text);
            await using var log = new LineLog(output);
            var config = SimConfig(host, new ExecutionSettings
            {
                BaseLotMult = 2, MaxMult = 10, MaxOrderNotional = 0m, OrderTtlMs = TtlMs, RepostCooldownMs = CooldownMs,
                MinSignalIntervalMs = ThrottleMs, MakerTimeoutsToEscalate = 1, AggrFillsToDeescalate = 1, AggrTimeoutsToDeescalate = 2,
            });
            var started = await LiveSession.StartAsync(new SessionRequest
            {
                Config = config,
                ApiKey = SimOptions.DefaultApiKey,
                ApiSecret = SimOptions.DefaultApiSecret,
                DefaultGate = ExitGate.Signals,
            }, log, cancel);
            Assert.True(started.Session is not null, started.Error);
            await using var session = started.Session!;

            // 1. Calm: the book and the trades stand still, no exit condition holds, nothing is sent.
            await Task.Delay(3000, cancel);
            Assert.Empty(OwnOrders(host, session));
            Assert.DoesNotContain(" signal ", text.ToString(), StringComparison.Ordinal);

            // 2. The market climbs a tick every 100 ms: signals fire far more often than the throttle allows.
            for (var i = 0; i < 60; i++)
            {
                Pulse(host);
                await Task.Delay(100, cancel);
            }

            await Task.Delay(300, cancel);
            var driven = OwnOrders(host, session);
            Assert.True(driven.Count >= 3, $"only {driven.Count} orders while the market climbed");
            Assert.Contains(host.Exchange.Read(e => e.Ledger.Fills.ToList()), f => f.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal));

            // 3. Single signals, then quiet: a maker order rests past its TTL, is cancelled, the mode escalates and
            //    the next signal's order is aggressive (GTC at the bid) and fills.
            var escalated = false;
            for (var attempt = 0; attempt < 8 && !escalated; attempt++)
            {
                Pulse(host);
                await Task.Delay(TtlMs + 900, cancel);
                escalated = FindTimeoutThenAggressive(OwnOrders(host, session)) is not null;
            }

            Assert.True(escalated, "no maker order timed out and was followed by an aggressive one");
            await session.StopAsync("test");
            var reportPath = replay + ".report.json";
            await RunReport.WriteAsync(session, log, reportPath);
            await log.FlushAsync();

            var all = text.ToString();
            var orders = OwnOrders(host, session);
            AssertSignalsOnly(all);
            AssertThrottleAndCooldown(orders);
            var (timedOut, replacement) = FindTimeoutThenAggressive(orders)!.Value;
            Assert.InRange(timedOut.UpdateTime - timedOut.Time, TtlMs, TtlMs + 1500);
            Assert.Equal(OrderState.Filled, replacement.State);
            Assert.Contains("reason=maker_timeout_escalate from=MAKER_ONLY mode=AGGRESSIVE_LIMIT", all, StringComparison.Ordinal);
            Assert.Contains("reason=aggr_fill_deescalate from=AGGRESSIVE_LIMIT mode=MAKER_ONLY", all, StringComparison.Ordinal);
            Assert.Contains("order_timeout", all, StringComparison.Ordinal);

            // The report printed at shutdown counts exactly the simulator's fills of this run.
            var fills = host.Exchange.Read(e => e.Ledger.Fills.Where(f => f.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal)).ToList());
            var report = Assert.Single(RunReport.Legs(session));
            Assert.Equal(fills.Sum(f => f.Qty), report.FilledQty);
            Assert.Equal(fills.Count, report.Fills);
            Assert.Equal(0.05m - report.FilledQty, Position(host, "BTCUSDT", LegSide.Long));
            Assert.Contains("execution report", all, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(reportPath, cancel));
            var written = Assert.Single(json.RootElement.GetProperty("legs").EnumerateArray());
            Assert.Equal("BTCUSDT", written.GetProperty("symbol").GetString());
            Assert.Equal(report.FilledQty.ToString(CultureInfo.InvariantCulture), written.GetProperty("filled_qty").GetString());
            File.Delete(reportPath);
            AssertOnlyClosingOrders(host);
            AssertNoForbiddenRejects(host);
        }
        finally
        {
            File.Delete(replay);
        }
    }

    /// <summary>Moves the mid one tick up: the next quote's bid is above the last trade (a LONG exit condition).</summary>
    private static void Pulse(SimHost host)
    {
        var mid = host.Exchange.Read(e => e.Book("BTCUSDT")!.Mid);
        Assert.True(host.Exchange.MoveMid("BTCUSDT", mid + 0.1m));
    }

    private static List<SimOrder> OwnOrders(SimHost host, LiveSession session) =>
        [.. Orders(host).Where(o => o.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal)).OrderBy(o => o.OrderId)];

    /// <summary>Every order of the run follows a signal line (no order without a signal: no panic, no soft risk here).</summary>
    private static void AssertSignalsOnly(string log)
    {
        var lines = log.Split('\n');
        var signals = 0;
        foreach (var line in lines)
        {
            if (line.Contains(" signal ", StringComparison.Ordinal))
            {
                signals++;
            }

            if (line.Contains(" order_place ", StringComparison.Ordinal))
            {
                Assert.True(signals > 0, "an order was placed before any signal: " + line);
                Assert.DoesNotContain("risk=true", line, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// From the simulator's own timestamps: consecutive placements are at least the throttle apart (each needs a new
    /// signal; loopback jitter allowed), and none arrives before the previous order ended plus the cooldown (strict:
    /// vq learns the end later than the simulator records it).
    /// </summary>
    private static void AssertThrottleAndCooldown(List<SimOrder> orders)
    {
        Assert.True(orders.Count >= 5, $"only {orders.Count} orders");
        for (var i = 1; i < orders.Count; i++)
        {
            var previous = orders[i - 1];
            var current = orders[i];
            Assert.True(current.Time - previous.Time >= ThrottleMs - ArrivalJitterMs,
                $"orders {previous.ClientOrderId} and {current.ClientOrderId} only {current.Time - previous.Time} ms apart (throttle {ThrottleMs})");
            Assert.False(previous.IsOpen && previous.UpdateTime > current.Time, $"{current.ClientOrderId} placed while {previous.ClientOrderId} still worked");
            Assert.True(current.Time - previous.UpdateTime >= CooldownMs,
                $"{current.ClientOrderId} placed {current.Time - previous.UpdateTime} ms after {previous.ClientOrderId} ended (cooldown {CooldownMs})");
        }
    }

    private static (SimOrder TimedOut, SimOrder Replacement)? FindTimeoutThenAggressive(List<SimOrder> orders)
    {
        for (var i = 0; i + 1 < orders.Count; i++)
        {
            var maker = orders[i];
            if (maker.TimeInForce == SimTif.Gtx && maker.State == OrderState.Canceled && maker.ExecutedQty == 0m
                && maker.UpdateTime - maker.Time >= TtlMs && orders[i + 1].TimeInForce == SimTif.Gtc && !orders[i + 1].IsOpen)
            {
                return (maker, orders[i + 1]);
            }
        }

        return null;
    }

    /// <summary>Ten seconds of a still market: bid/ask 5 ticks apart, a seller hitting the bid every 100 ms.</summary>
    internal static IEnumerable<string> CalmReplay(decimal bid)
    {
        var ask = bid + 0.5m;
        var b = bid.ToString("0.0", CultureInfo.InvariantCulture);
        var a = ask.ToString("0.0", CultureInfo.InvariantCulture);
        const long start = 1_700_000_000_000;
        for (var i = 0; i < 100; i++)
        {
            var t = (start + i * 100).ToString(CultureInfo.InvariantCulture);
            yield return $"{{\"e\":\"bookTicker\",\"u\":{i + 1},\"E\":{t},\"T\":{t},\"s\":\"BTCUSDT\",\"b\":\"{b}\",\"B\":\"3.000\",\"a\":\"{a}\",\"A\":\"3.000\"}}";
            yield return $"{{\"e\":\"aggTrade\",\"E\":{t},\"a\":{i + 1},\"s\":\"BTCUSDT\",\"p\":\"{b}\",\"q\":\"0.010\",\"f\":{i + 1},\"l\":{i + 1},\"T\":{t},\"m\":true}}";
        }
    }
}
