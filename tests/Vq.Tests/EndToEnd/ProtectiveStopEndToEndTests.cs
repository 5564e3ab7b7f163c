using System.Globalization;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Primitives;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;
using static Vq.Tests.EndToEnd.SimSupport;

namespace Vq.Tests.EndToEnd;

/// <summary>
/// Issue 5 test (f) against the simulator over loopback: the protective stop of each leg is placed at startup at the
/// trigger SPEC §4.4 gives for the leg's liquidation price, adopted (not duplicated) by a later run, tightened when
/// the liquidation price rises (periodic refresh, recalibration), removed when the leg is flat or the feature is off,
/// re-placed when cancelled elsewhere, stepping aside for a user's own stop (P14), and never touched by shutdown.
/// </summary>
public class ProtectiveStopEndToEndTests
{
    private const decimal DistToLiq = 0.01m;

    [Fact]
    public async Task Startup_places_one_stop_per_leg_at_the_trigger_shutdown_keeps_it_and_the_next_run_adopts_it()
    {
        var ct = TestContext.Current.CancellationToken;
        // Isolated legs: their liquidation prices do not move with the market, so the second run sees the same ones.
        await using var host = await SimHost.StartAsync(Scenario(Isolated(Long("BTCUSDT", 0.2m, 60000m)), Isolated(Short("ETHUSDT", 3m, 3000m))), 0, ct);
        var expectedBtc = ExpectedTrigger(host, "BTCUSDT", LegSide.Long);
        var expectedEth = ExpectedTrigger(host, "ETHUSDT", LegSide.Short);

        await using (var first = await StopSession.StartAsync(host, SimConfig(host)))
        {
            // The stops exist when startup returns (§5.1: stops before trading), and the summary shows them.
            var stops = OpenStops(host);
            Assert.Equal(2, stops.Count);
            var btc = stops.Single(s => s.Symbol == "BTCUSDT");
            var eth = stops.Single(s => s.Symbol == "ETHUSDT");
            AssertStop(btc, LegSide.Long, Side.Sell, expectedBtc, "vq-ps-btcusdt-L-");
            AssertStop(eth, LegSide.Short, Side.Buy, expectedEth, "vq-ps-ethusdt-S-");
            Assert.Matches($@"BTCUSDT\s+LONG\s+0\.2\S*\s+.*{Regex(expectedBtc)} \({btc.ClientAlgoId}\)", first.Text);
            Assert.Matches($@"ETHUSDT\s+SHORT\s+3\S*\s+.*{Regex(expectedEth)} \({eth.ClientAlgoId}\)", first.Text);
            Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=place_or_update trigger={N(expectedBtc)}", first.Text, StringComparison.Ordinal);
            Assert.Contains($"protective_stop leg=ETHUSDT:SHORT reason=place_or_update trigger={N(expectedEth)}", first.Text, StringComparison.Ordinal);

            await first.StopAsync();
            Assert.Equal(stops.Select(s => s.AlgoId).Order(), OpenStops(host).Select(s => s.AlgoId).Order());
        }

        // A second run finds the same stops: adopted, nothing cancelled or placed.
        await using (var second = await StopSession.StartAsync(host, SimConfig(host)))
        {
            Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=adopt_existing", second.Text, StringComparison.Ordinal);
            Assert.Contains("protective_stop leg=ETHUSDT:SHORT reason=adopt_existing", second.Text, StringComparison.Ordinal);
            await second.StopAsync();
        }

        Assert.Equal(2, AllStops(host).Count);
        Assert.Equal(2, OpenStops(host).Count);
        AssertNoForbiddenRejects(host);
        Assert.False(Rejects(host).ContainsKey(-4130), "a second closePosition stop was attempted");
    }

    [Fact]
    public async Task A_margin_change_on_the_user_stream_refreshes_positions_after_the_debounce_and_tightens_the_stop()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m)), 0, ct);
        var config = SimConfig(host);
        // The periodic refresh stays at 300 s: only the ACCOUNT_UPDATE (P19's event half) can bring the new price in time.
        config = new VqConfig(config.Global with { Account = new AccountSettings { PositionRefreshIntervalS = 300, MarginRefreshDebounceS = 1 } });
        await using var session = await StopSession.StartAsync(host, config);
        var first = Assert.Single(OpenStops(host));

        var changedAt = Environment.TickCount64;
        host.Exchange.SetBalance(1500m);
        var tightened = ExpectedTrigger(host, "BTCUSDT", LegSide.Long);
        Assert.True(tightened > first.TriggerPrice);
        await WaitForAsync(() => OpenStops(host) is [{ } s] && s.TriggerPrice == tightened, timeoutMs: 10_000);

        // Not before the debounce: the refresh waited for it.
        Assert.True(Environment.TickCount64 - changedAt >= 1000);
        Assert.Contains("margin_event reason=ADJUSTMENT balance_changed=true", session.Text, StringComparison.Ordinal);
        Assert.Contains("position_refresh reason=margin_event", session.Text, StringComparison.Ordinal);
        Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=replace_tighten trigger={N(tightened)}", session.Text, StringComparison.Ordinal);
        await session.StopAsync();
        AssertNoForbiddenRejects(host);
    }

    [Fact]
    public async Task The_stop_is_tightened_when_the_liquidation_price_rises_and_removed_when_the_leg_is_flat()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m)), 0, ct);
        var config = SimConfig(host);
        // P19's periodic REST refresh brings the new liquidation price; 1 s instead of 300 s keeps the test short.
        config = new VqConfig(config.Global with { Account = new AccountSettings { PositionRefreshIntervalS = 1 } });
        await using var session = await StopSession.StartAsync(host, config);
        var first = Assert.Single(OpenStops(host));
        Assert.Equal(ExpectedTrigger(host, "BTCUSDT", LegSide.Long), first.TriggerPrice);

        // Less margin: the LONG's liquidation price rises, so its stop must move up (tighten, P16).
        host.Exchange.SetBalance(1500m);
        var tightened = ExpectedTrigger(host, "BTCUSDT", LegSide.Long);
        Assert.True(tightened > first.TriggerPrice);
        await WaitForAsync(() => OpenStops(host) is [{ } s] && s.TriggerPrice == tightened);
        var second = Assert.Single(OpenStops(host));
        Assert.NotEqual(first.ClientAlgoId, second.ClientAlgoId);
        Assert.Equal(AlgoState.Canceled, AllStops(host).Single(s => s.AlgoId == first.AlgoId).State);
        Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=cancel_for_replace trigger=", session.Text, StringComparison.Ordinal);
        Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=replace_tighten trigger={N(tightened)}", session.Text, StringComparison.Ordinal);

        // The leg is closed elsewhere (ACCOUNT_UPDATE amount 0): its stop goes.
        host.Exchange.SetPosition("BTCUSDT", LegSide.Long, 0m, 0m);
        await WaitForAsync(() => OpenStops(host).Count == 0);
        Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=cancel_no_position", session.Text, StringComparison.Ordinal);
        await session.StopAsync();

        Assert.Equal(2, AllStops(host).Count);
        Assert.False(Rejects(host).ContainsKey(-4130), "a second closePosition stop was attempted");
        AssertNoForbiddenRejects(host);
    }

    [Fact]
    public async Task A_stop_cancelled_by_someone_else_is_noticed_on_the_stream_and_placed_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Isolated(Long("BTCUSDT", 0.2m, 60000m))), 0, ct);
        await using var session = await StopSession.StartAsync(host, SimConfig(host));
        var first = Assert.Single(OpenStops(host));

        // Cancelled in the app: only ALGO_UPDATE tells vq (no position change, no periodic refresh within the test).
        host.Exchange.Do(e => e.CancelAlgo(first.AlgoId, null));
        await WaitForAsync(() => OpenStops(host) is [{ } s] && s.AlgoId != first.AlgoId);

        var second = Assert.Single(OpenStops(host));
        Assert.Equal(first.TriggerPrice, second.TriggerPrice);
        Assert.Matches(System.Text.RegularExpressions.Regex.Escape("protective_stop leg=BTCUSDT:LONG reason=own_stop_terminal") + " .* cid=" + System.Text.RegularExpressions.Regex.Escape(first.ClientAlgoId), session.Text);
        Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=place_or_update trigger={N(second.TriggerPrice)}", session.Text, StringComparison.Ordinal);
        await session.StopAsync();
        Assert.Equal(second.AlgoId, Assert.Single(OpenStops(host)).AlgoId);
    }

    [Fact]
    public async Task A_recalibration_after_a_reconnect_syncs_the_stop_with_the_fresh_liquidation_price()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m)), 0, ct);
        await using var session = await StopSession.StartAsync(host, SimConfig(host));
        var first = Assert.Single(OpenStops(host));

        // The periodic refresh is 300 s away: only the recalibration after the reconnect can see the new price (§5.4).
        host.Exchange.SetBalance(1500m);
        var tightened = ExpectedTrigger(host, "BTCUSDT", LegSide.Long);
        host.Exchange.DropConnections();
        await WaitForAsync(() => OpenStops(host) is [{ } s] && s.TriggerPrice == tightened);

        Assert.Contains("calibration stage=done", session.Text, StringComparison.Ordinal);
        Assert.Equal(AlgoState.Canceled, AllStops(host).Single(s => s.AlgoId == first.AlgoId).State);
        await session.StopAsync();
    }

    [Fact]
    public async Task A_users_own_close_position_take_profit_takes_over_and_our_stop_steps_aside()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Isolated(Long("BTCUSDT", 0.2m, 60000m))), 0, ct);
        var config = SimConfig(host);
        var takeover = new ExternalTakeoverSettings { RestVerifyIntervalS = 1 };
        config = new VqConfig(config.Global with { Risk = new RiskSettings { ProtectiveStop = new ProtectiveStopSettings { ExternalTakeover = takeover } } });
        await using var session = await StopSession.StartAsync(host, config);
        var ours = Assert.Single(OpenStops(host));

        // Placed in the app: a TAKE_PROFIT_MARKET closePosition on the LONG (valid: far above the liquidation price).
        var placed = host.Exchange.Read(e => e.PlaceAlgo(new AlgoRequest
        {
            AlgoType = "CONDITIONAL", Symbol = "BTCUSDT", Side = "SELL", PositionSide = "LONG", Type = "TAKE_PROFIT_MARKET",
            TriggerPrice = "70000.0", WorkingType = "MARK_PRICE", ClosePosition = "true", ClientAlgoId = "ios-tp-1",
        }));
        Assert.True(placed.Ok, placed.Error?.ToString());
        // P14: ALGO_UPDATE latches the leg, the verify scan finds the user's order valid, and our stop is cancelled.
        await WaitForAsync(() => OpenStops(host) is [{ ClientAlgoId: "ios-tp-1" }]);
        Assert.Matches(System.Text.RegularExpressions.Regex.Escape("protective_stop leg=BTCUSDT:LONG reason=external_takeover_latched") + " .* cid=" + System.Text.RegularExpressions.Regex.Escape("ios-tp-1"), session.Text);
        Assert.Contains($"protective_stop leg=BTCUSDT:LONG reason=cancel_own_due_to_external_stop trigger={N(ours.TriggerPrice)}", session.Text, StringComparison.Ordinal);

        // The user removes it: the latch is released after a REST check and our stop comes back at once.
        host.Exchange.Do(e => e.CancelAlgo(placed.Value!.AlgoId, null));
        await WaitForAsync(() => OpenStops(host) is [{ } s] && s.ClientAlgoId.StartsWith("vq-ps-btcusdt-L-", StringComparison.Ordinal));
        Assert.Equal(ours.TriggerPrice, Assert.Single(OpenStops(host)).TriggerPrice);
        Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=external_takeover_released", session.Text, StringComparison.Ordinal);
        await session.StopAsync();
        Assert.False(Rejects(host).ContainsKey(-4130), "a second closePosition order was attempted");
    }

    [Fact]
    public async Task A_flatten_removes_the_stop_of_the_leg_it_closed_and_keeps_the_other_legs_stop()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Isolated(Long("BTCUSDT", 0.05m, 60000m)), Isolated(Short("BTCUSDT", 0.04m, 60000m))), 0, ct);

        var (result, output) = await FlattenAsync(Request(host, SimConfig(host), ("BTCUSDT", PositionSide.Long)), ct);

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(0m, Position(host, "BTCUSDT", LegSide.Long));
        Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=place_or_update", output, StringComparison.Ordinal);
        Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=cancel_no_position", output, StringComparison.Ordinal);
        var remaining = Assert.Single(OpenStops(host));
        Assert.Equal(LegSide.Short, remaining.PositionSide);
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }

    [Fact]
    public async Task With_protective_stops_disabled_none_is_placed_and_an_earlier_runs_stop_is_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(Scenario(Long("BTCUSDT", 0.2m, 60000m)), 0, ct);
        await using (var enabled = await StopSession.StartAsync(host, SimConfig(host)))
        {
            await enabled.StopAsync();
        }

        Assert.Single(OpenStops(host));
        var config = SimConfig(host);
        config = new VqConfig(config.Global with { Risk = new RiskSettings { ProtectiveStop = new ProtectiveStopSettings { Enabled = false } } });
        await using var disabled = await StopSession.StartAsync(host, config);
        await disabled.StopAsync();

        Assert.Empty(OpenStops(host));
        Assert.Contains("protective_stop leg=BTCUSDT:LONG reason=cancel_disabled", disabled.Text, StringComparison.Ordinal);
        Assert.Matches(@"BTCUSDT\s+LONG\s+.*disabled", disabled.Text);
    }

    internal static PositionSeed Isolated(PositionSeed seed) => seed with { MarginMode = MarginMode.Isolated };

    /// <summary>SPEC §4.4 from the liquidation price the simulator reports (8 decimals): LONG ceil, SHORT floor to the tick.</summary>
    internal static decimal ExpectedTrigger(SimHost host, string symbol, LegSide side)
    {
        var (liq, tick) = host.Exchange.Read(e =>
        {
            var leg = e.Account.FindLeg(symbol, side)!;
            return (e.LiquidationPrice(leg), leg.Instrument.TickSize);
        });
        liq = Math.Round(liq, 8, MidpointRounding.AwayFromZero);
        Assert.True(liq > 0m, $"{symbol} {side} has no liquidation price in the simulator");
        return side == LegSide.Long
            ? Math.Ceiling(liq / (1m - DistToLiq) / tick) * tick
            : Math.Floor(liq / (1m + DistToLiq) / tick) * tick;
    }

    internal sealed record StopView(long AlgoId, string ClientAlgoId, string Symbol, LegSide PositionSide, Side Side, AlgoKind Kind,
        decimal TriggerPrice, WorkingType WorkingType, bool ClosePosition, decimal Quantity, AlgoState State);

    internal static List<StopView> AllStops(SimHost host) => host.Exchange.Read(e => e.AllAlgoOrders.Select(View).ToList());

    internal static List<StopView> OpenStops(SimHost host) => host.Exchange.Read(e => e.OpenAlgoOrders.Select(View).ToList());

    private static StopView View(AlgoOrder a) =>
        new(a.AlgoId, a.ClientAlgoId, a.Symbol, a.PositionSide, a.Side, a.Kind, a.TriggerPrice, a.WorkingType, a.ClosePosition, a.Quantity, a.State);

    private static void AssertStop(StopView stop, LegSide leg, Side side, decimal trigger, string idPrefix)
    {
        Assert.Equal(leg, stop.PositionSide);
        Assert.Equal(side, stop.Side);
        Assert.Equal(AlgoKind.StopMarket, stop.Kind);
        Assert.Equal(WorkingType.MarkPrice, stop.WorkingType);
        Assert.True(stop.ClosePosition);
        Assert.Equal(0m, stop.Quantity);
        Assert.Equal(trigger, stop.TriggerPrice);
        Assert.StartsWith(idPrefix, stop.ClientAlgoId, StringComparison.Ordinal);
        Assert.True(stop.ClientAlgoId.Length <= 36);
    }

    private static string Regex(decimal value) => System.Text.RegularExpressions.Regex.Escape(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static async Task WaitForAsync(Func<bool> condition, int timeoutMs = 20_000)
    {
        var until = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < until, $"condition not met within {timeoutMs / 1000} s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A decimal as the log prints it: in full, without trailing zeros (D12).</summary>
    private static string N(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}

/// <summary>A <c>run</c>-style session against the simulator whose log lines the test reads (legs not traded unless asked).</summary>
internal sealed class StopSession : IAsyncDisposable
{
    private readonly StringWriter _text;
    private readonly TextWriter _writer;

    private StopSession(StringWriter text, TextWriter writer, LineLog log, LiveSession session)
    {
        _text = text;
        _writer = writer;
        Log = log;
        Session = session;
    }

    public LineLog Log { get; }
    public LiveSession Session { get; }

    /// <summary>Everything logged so far (the synchronized writer's lock keeps the read whole).</summary>
    public string Text
    {
        get
        {
            Log.FlushAsync().GetAwaiter().GetResult();
            lock (_writer)
            {
                return _text.ToString();
            }
        }
    }

    public static async Task<StopSession> StartAsync(SimHost host, VqConfig config, ExitGate gate = ExitGate.Off)
    {
        var text = new StringWriter();
        var writer = TextWriter.Synchronized(text);
        var log = new LineLog(writer);
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = config,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            DefaultGate = gate,
        }, log, TestContext.Current.CancellationToken);
        if (started.Session is null)
        {
            await log.FlushAsync();
            Assert.Fail(started.Error + "\n" + text);
        }

        return new StopSession(text, writer, log, started.Session!);
    }

    public Task StopAsync() => Session.StopAsync("test");

    public async ValueTask DisposeAsync()
    {
        await Session.StopAsync("test");
        await Session.DisposeAsync();
        await Log.DisposeAsync();
    }
}
