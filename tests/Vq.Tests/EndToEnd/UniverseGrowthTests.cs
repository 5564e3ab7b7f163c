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
/// D9 at run time: a position opened in a third symbol while <c>run</c> is working becomes managed — rules from the
/// cached exchangeInfo, streams added on the live connections (the others keep flowing), position loaded, and signal
/// orders for it — whether it is seen in an ACCOUNT_UPDATE or by the periodic all-positions refresh.
/// </summary>
public class UniverseGrowthTests
{
    private static SimOptions ThreeSymbols() => Scenario(Long("BTCUSDT", 0.05m, 60000m)) with
    {
        Symbols =
        [
            new(Instrument.BtcUsdt, SyntheticDefaults.BtcUsdt),
            new(Instrument.EthUsdt, SyntheticDefaults.EthUsdt),
            new(Instrument.EthUsdt with { Symbol = "SOLUSDT", BaseAsset = "SOL" }, SyntheticDefaults.EthUsdt with { StartMid = 150m }),
        ],
    };

    [Fact]
    public async Task A_position_in_a_new_symbol_seen_on_the_user_stream_becomes_managed_and_is_worked()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(ThreeSymbols(), 0, cancel);
        using var text = new StringWriter();
        await using var log = new LineLog(TextWriter.Synchronized(text));
        await using var session = await StartAsync(host, SimConfig(host), log);
        Assert.Equal(["BTCUSDT"], session.Universe);

        Assert.Null(host.Exchange.SetPosition("SOLUSDT", LegSide.Short, 2m, 150m, 10, MarginMode.Cross));
        await WaitForAsync(() => session.Universe.Contains("SOLUSDT"));
        await WaitForAsync(() => OnLoopAsync(session, l => Size(l, "SOLUSDT", PositionSide.Short) == 2m && Book(l, "SOLUSDT") > 0m).Result);

        // Its streams were added to the running connections, and BTCUSDT kept receiving without a reconnect.
        Assert.Contains("solusdt@bookTicker", session.PublicStream!.Streams);
        Assert.Contains("solusdt@aggTrade", session.MarketDataStream!.Streams);
        Assert.Contains("btcusdt@bookTicker", session.PublicStream.Streams);
        var added = Environment.TickCount64;
        await WaitForAsync(() => OnLoopAsync(session, l => LastTickMs(l, "BTCUSDT") > added).Result);

        // Managed means worked: the signal gate closes the new SHORT with BUY orders like any other leg.
        await WaitForAsync(() => Orders(host).Any(o => o.Symbol == "SOLUSDT" && o.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal)), 30_000);
        await session.StopAsync("test");
        await log.FlushAsync();

        var all = text.ToString();
        Assert.Contains("universe_add symbol=SOLUSDT source=account_update", all, StringComparison.Ordinal);
        Assert.Contains("universe_resubscribe streams=6 public=live market=live", all, StringComparison.Ordinal);
        Assert.DoesNotContain("ws_reconnect", all, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenOrders(host), o => o.ClientOrderId.StartsWith(session.Ids.Prefix, StringComparison.Ordinal));
        AssertOnlyClosingOrders(host);
        AssertNoForbiddenRejects(host);
    }

    [Fact]
    public async Task The_periodic_refresh_finds_a_position_whose_account_update_is_late()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(ThreeSymbols(), 0, cancel);
        using var text = new StringWriter();
        await using var log = new LineLog(TextWriter.Synchronized(text));
        var config = SimConfig(host);
        var global = config.Global with { Account = new AccountSettings { PositionRefreshIntervalS = 1 } };
        await using var session = await StartAsync(host, new VqConfig(global), log);

        host.Exchange.Faults.UserEventDelayMs = 8000;
        Assert.Null(host.Exchange.SetPosition("SOLUSDT", LegSide.Long, 2m, 150m, 10, MarginMode.Cross));
        await WaitForAsync(() => session.Universe.Contains("SOLUSDT"), 6000);
        await WaitForAsync(() => OnLoopAsync(session, l => Size(l, "SOLUSDT", PositionSide.Long) == 2m).Result, 6000);
        host.Exchange.Faults.UserEventDelayMs = 0;
        await session.StopAsync("test");
        await log.FlushAsync();
        Assert.Contains("universe_add symbol=SOLUSDT source=position_refresh", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_universe_configured_a_new_position_is_reported_and_left_alone()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await SimHost.StartAsync(ThreeSymbols(), 0, cancel);
        using var text = new StringWriter();
        await using var log = new LineLog(TextWriter.Synchronized(text));
        var config = SimConfig(host);
        var yaml = new VqConfig(config.Global with { Universe = UniverseMode.Configured }, symbols: [new("BTCUSDT", SymbolOverrides.None)]);
        await using var session = await StartAsync(host, yaml, log);

        Assert.Null(host.Exchange.SetPosition("SOLUSDT", LegSide.Long, 2m, 150m, 10, MarginMode.Cross));
        await WaitForAsync(() => text.ToString().Contains("universe_unmanaged_position symbol=SOLUSDT", StringComparison.Ordinal));
        await session.StopAsync("test");
        await log.FlushAsync();
        Assert.Equal(["BTCUSDT"], session.Universe);
        Assert.Contains("reason=universe_fixed", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Orders(host), o => o.Symbol == "SOLUSDT");
    }

    private static async Task<LiveSession> StartAsync(SimHost host, VqConfig config, LineLog log)
    {
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = config,
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            DefaultGate = ExitGate.Signals,
        }, log, TestContext.Current.CancellationToken);
        Assert.True(started.Session is not null, started.Error);
        return started.Session!;
    }

    private static Task<T> OnLoopAsync<T>(LiveSession session, Func<EngineLoop, T> read)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Loop.Inbox.Invoke(loop => done.TrySetResult(read(loop)));
        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static long LastTickMs(EngineLoop loop, string symbol) =>
        loop.Engine.TryGetSymbol(symbol, out var i) ? loop.Engine.Symbol(i).Market.LastUpdateMs : -1;

    private static decimal Book(EngineLoop loop, string symbol) =>
        loop.Engine.TryGetSymbol(symbol, out var i) ? loop.Engine.Symbol(i).Market.BestBid : 0m;

    private static decimal Size(EngineLoop loop, string symbol, PositionSide side) =>
        loop.Engine.TryGetSymbol(symbol, out var i) ? loop.Engine.Symbol(i).Leg(side).Position.Size : -1m;

    private static async Task WaitForAsync(Func<bool> condition, int timeoutMs = 20_000)
    {
        var until = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < until, $"condition not met within {timeoutMs} ms");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
