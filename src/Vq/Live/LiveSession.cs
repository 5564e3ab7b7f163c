using System.Security.Cryptography;
using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Binance.Stream;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>What a live session is asked to do.</summary>
internal sealed record SessionRequest
{
    public required VqConfig Config { get; init; }
    public required string ApiKey { get; init; }
    public required string ApiSecret { get; init; }
    /// <summary>Gate for every leg not in <see cref="Targets"/>: Signals for <c>run</c>, Off for <c>flatten</c>.</summary>
    public ExitGate DefaultGate { get; init; } = ExitGate.Signals;
    /// <summary>Flatten: the legs worked with <see cref="ExitGate.Always"/>; their symbols form the universe.</summary>
    public IReadOnlyList<(string Symbol, PositionSide Side)> Targets { get; init; } = [];
    /// <summary>Flatten: the deadline and slippage cap every target leg gets before trading starts; null = none.</summary>
    public FlattenPlan? TargetPlan { get; init; }
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>How long shutdown waits for cancel acknowledgements (§5.5: 8 s).</summary>
    public int ShutdownDrainMs { get; init; } = 8000;
    /// <summary>Called once streams are live, just before the engine thread starts (operations hook its observer here).</summary>
    public Action<LiveSession>? BeforeStart { get; init; }
}

/// <summary>
/// A running host: REST client, streams, engine thread and gateway. <see cref="StartAsync"/> is SPEC §5.1 with D5,
/// D9 and D14; <see cref="StopAsync"/> is §5.5 (stop placing, cancel this run's orders, sweep, close streams).
/// </summary>
internal sealed partial class LiveSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _streamsStop = new();
    private readonly List<Task> _streamTasks = [];
    private readonly SessionRequest _request;
    private bool _stopped;

    private LiveSession(SessionRequest request, BinanceRestClient rest, LineLog log)
    {
        _request = request;
        Rest = rest;
        Log = log;
    }

    public BinanceRestClient Rest { get; }
    public LineLog Log { get; }
    public EngineLoop Loop { get; private set; } = null!;
    public ClientOrderIdFactory Ids { get; private set; } = null!;
    public IReadOnlyList<string> Universe { get; private set; } = [];
    public EventInbox Inbox { get; private set; } = null!;
    public MarketStream<MarketHandler>? PublicStream { get; private set; }
    public MarketStream<MarketHandler>? MarketDataStream { get; private set; }
    public UserDataStream<UserDataHandler>? UserStream { get; private set; }

    /// <summary>Startup; returns the session, or an exit code and a message naming the failed step.</summary>
    public static async Task<(LiveSession? Session, int ExitCode, string? Error)> StartAsync(SessionRequest request, LineLog log, CancellationToken cancellation)
    {
        var global = request.Config.Global;
        // The client logs its own reconnects, listenKey renewals, rate-limit holds and clock resyncs into the same pipeline.
        var rest = new BinanceRestClient(BinanceRestOptions.FromSettings(global, request.ApiKey, request.ApiSecret) with { Logger = log.Logger });
        var session = new LiveSession(request, rest, log);
        try
        {
            var (code, error) = await session.StartCoreAsync(cancellation).ConfigureAwait(false);
            if (code == 0)
            {
                return (session, 0, null);
            }

            await session.DisposeAsync().ConfigureAwait(false);
            return (null, code, error);
        }
        catch (OperationCanceledException)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return (null, Cli.ExitCodes.Interrupted, "interrupted during startup");
        }
    }

    private async Task<(int, string?)> StartCoreAsync(CancellationToken cancellation)
    {
        var config = _request.Config;
        var global = config.Global;
        var time = await Rest.StartAsync(cancellation).ConfigureAwait(false);
        if (!time.IsOk)
        {
            return (Cli.ExitCodes.Failure, $"server time sync failed: {time}");
        }

        Log.Line("startup", $"step=time_sync offset_ms={time.Value}");
        var hedge = await Rest.GetHedgeModeAsync(cancellation).ConfigureAwait(false);
        if (!hedge.IsOk)
        {
            return (Cli.ExitCodes.Failure, $"position mode check failed: {hedge}");
        }

        if (!hedge.Value)
        {
            return (Cli.ExitCodes.NotHedgeMode,
                "the account is in One-way Mode (dualSidePosition=false); vq works only in Hedge Mode. Switch the position mode in Binance (Preferences → Position Mode → Hedge Mode) and start again. vq never changes it.");
        }

        var info = await Rest.GetExchangeInfoAsync(cancellation).ConfigureAwait(false);
        if (!info.IsOk)
        {
            return (Cli.ExitCodes.Failure, $"exchangeInfo failed: {info}");
        }

        var listed = _listed;
        foreach (var s in info.Value!.Symbols)
        {
            listed[s.Symbol] = s;
        }

        var positions = await Rest.GetPositionRiskAsync(null, cancellation).ConfigureAwait(false);
        if (!positions.IsOk)
        {
            return (Cli.ExitCodes.Failure, $"positionRisk failed: {positions}");
        }

        var universe = new List<string>();
        if (_request.Targets.Count > 0)
        {
            foreach (var (symbol, _) in _request.Targets)
            {
                if (!listed.ContainsKey(symbol))
                {
                    return (Cli.ExitCodes.Failure, $"symbol {symbol} is not listed on the exchange");
                }

                if (!universe.Contains(symbol))
                {
                    universe.Add(symbol);
                }
            }
        }
        else
        {
            foreach (var symbol in config.Symbols)
            {
                if (listed.ContainsKey(symbol))
                {
                    universe.Add(symbol);
                }
                else
                {
                    Log.Line("startup_warning", $"symbol={symbol} reason=not_listed_on_exchange");
                }
            }

            if (global.Universe == UniverseMode.AllPositions)
            {
                foreach (var row in positions.Value!)
                {
                    // D9: every symbol with a hedge position is managed, configured or not.
                    if (row.PositionAmt != 0m && WireMapping.ParsePositionSide(row.PositionSide) is not null
                        && listed.ContainsKey(row.Symbol) && !universe.Contains(row.Symbol))
                    {
                        universe.Add(row.Symbol);
                    }
                }
            }
        }

        if (universe.Count == 0)
        {
            return (Cli.ExitCodes.Failure, "nothing to manage: no configured symbol is listed and no position is open");
        }

        Universe = universe;
        Ids = new ClientOrderIdFactory(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)), BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)));
        var engine = new ExitEngine(global, Ids) { Paused = true, DefaultGate = _request.DefaultGate };
        var symbolTable = _symbolTable;
        foreach (var symbol in universe)
        {
            var rules = listed[symbol].ToRules();
            var index = engine.AddSymbol(rules, config.For(symbol));
            var id = symbolTable.Register(symbol);
            if (id.Value != index)
            {
                throw new InvalidOperationException("symbol table and engine indices diverged");
            }

            Log.Line("symbol_rules", $"symbol={symbol} tick={EngineEventLog.D(rules.TickSize)} step={EngineEventLog.D(rules.StepSize)} min_qty={EngineEventLog.D(rules.MinQty)} min_notional={EngineEventLog.D(rules.MinNotional)}");
        }

        foreach (var (symbol, side) in _request.Targets)
        {
            engine.TryGetSymbol(symbol, out var index);
            engine.SetGate(index, side, ExitGate.Always);
            engine.SetFlattenPlan(index, side, _request.TargetPlan);
        }

        Inbox = new EventInbox(InboxSymbolCapacity(universe.Count));
        var gateway = new OrderGateway(Rest, Inbox, Log, _streamsStop.Token);
        Loop = new EngineLoop(engine, Inbox, gateway, Log, global.Account.PositionRefreshIntervalS)
        {
            MarginRefreshDebounceMs = global.Account.MarginRefreshDebounceS * 1000,
        };
        Log.Line("startup", $"step=identity run_id={Ids.RunId} prefix={Ids.Prefix} symbols={string.Join(',', universe)}");

        // User data first, so nothing between the REST snapshot and the stream is missed (events queue until the loop runs).
        var streamOptions = StreamOptions.FromSettings(global) with { Logger = Log.Logger };
        var userConnected = Connected();
        UserStream = new UserDataStream<UserDataHandler>(streamOptions, Rest, symbolTable, new UserDataHandler(Inbox));
        UserStream.StateChanged += change => OnStreamState(change, userConnected);
        _streamTasks.Add(UserStream.RunAsync(_streamsStop.Token));
        if (!await WaitAsync(userConnected.Task, cancellation).ConfigureAwait(false))
        {
            return (Cli.ExitCodes.Failure, $"the user-data stream did not connect within {_request.ConnectTimeout.TotalSeconds:0} s");
        }

        var now = EngineLoop.NowMs;
        foreach (var row in positions.Value!)
        {
            if (engine.TryGetSymbol(row.Symbol, out var index) && WireMapping.TryToPositionReport(index, row, out var report))
            {
                if (report.Leverage > 0m)
                {
                    engine.OnLeverage(index, report.Leverage);
                }

                engine.OnPositionReport(report, now, Loop.Output);
            }
        }

        Loop.Flush();
        var (code, error) = await LoadOpenOrdersAsync(engine, global.Startup.CancelLeftoverOrders, cancellation).ConfigureAwait(false);
        if (code != 0)
        {
            return (code, error);
        }

        var publicConnected = Connected();
        var marketConnected = Connected();
        PublicStream = new MarketStream<MarketHandler>(StreamRoutes.PublicRoute, universe.Select(StreamRoutes.BookTicker), streamOptions, symbolTable, new MarketHandler(Inbox));
        MarketDataStream = new MarketStream<MarketHandler>(StreamRoutes.MarketRoute,
            universe.Select(StreamRoutes.AggTrade).Concat(universe.Select(StreamRoutes.MarkPrice1s)), streamOptions, symbolTable, new MarketHandler(Inbox));
        PublicStream.StateChanged += change => OnStreamState(change, publicConnected);
        MarketDataStream.StateChanged += change => OnStreamState(change, marketConnected);
        _streamTasks.Add(PublicStream.RunAsync(_streamsStop.Token));
        _streamTasks.Add(MarketDataStream.RunAsync(_streamsStop.Token));
        if (!await WaitAsync(Task.WhenAll(publicConnected.Task, marketConnected.Task), cancellation).ConfigureAwait(false))
        {
            return (Cli.ExitCodes.Failure, $"the market streams did not connect within {_request.ConnectTimeout.TotalSeconds:0} s");
        }

        // The engine thread starts paused: the stop sync runs on it (§5.1: stops before trading), then the summary.
        EnableUniverseGrowth();
        WatchForMissedFills();
        _request.BeforeStart?.Invoke(this);
        Loop.Start();
        await SyncStopsAtStartupAsync(cancellation).ConfigureAwait(false);
        await Loop.QueryAsync(loop => PrintSummary(loop.Engine)).ConfigureAwait(false);
        Inbox.Invoke(static loop =>
        {
            loop.Engine.PositionsReady = true;
            loop.Engine.Paused = false;
        });
        return (0, null);
    }

    private async Task<(int, string?)> LoadOpenOrdersAsync(ExitEngine engine, bool cancelLeftovers, CancellationToken cancellation)
    {
        for (var i = 0; i < engine.SymbolCount; i++)
        {
            var name = engine.Symbol(i).Name;
            var snapshotTime = Rest.ServerNow.ToUnixTimeMilliseconds();
            var open = await Rest.GetOpenOrdersAsync(name, cancellation).ConfigureAwait(false);
            if (!open.IsOk)
            {
                return (Cli.ExitCodes.Failure, $"openOrders {name} failed: {open}");
            }

            var rows = new List<OrderUpdate>();
            var cancelled = 0;
            foreach (var order in open.Value!)
            {
                if (!WireMapping.TryToOrderUpdate(i, order, out var update))
                {
                    continue;
                }

                if (cancelLeftovers && Ids.IsLeftover(update.ClientOrderId))
                {
                    // D5: an earlier run's execution order (never a vq-ps- stop): cancel before trading.
                    var result = await Rest.CancelOrderAsync(OrderRef.ById(name, order.OrderId), cancellation).ConfigureAwait(false);
                    Log.Line("order_cleanup", $"symbol={name} cid={order.ClientOrderId} order_id={order.OrderId} reason=leftover_of_earlier_run outcome={(result.IsOk ? "cancelled" : result.ToString())}");
                    if (result.IsOk || result.Error.Code == -2011)
                    {
                        cancelled++;
                        continue;
                    }
                }

                rows.Add(update);
            }

            engine.OnOpenOrdersSnapshot(i, rows.ToArray(), snapshotTime, EngineLoop.NowMs, Loop.Output);
            Loop.Flush();
            Log.Line("startup", $"step=open_orders symbol={name} open={rows.Count} leftovers_cancelled={cancelled}");
        }

        return (0, null);
    }

    private bool PrintSummary(ExitEngine engine)
    {
        Log.Raw("managed legs:");
        Log.Raw("  symbol        side    size            entry           liquidation     mode     protective stop");
        for (var i = 0; i < engine.SymbolCount; i++)
        {
            var ctx = engine.Symbol(i);
            foreach (var leg in new[] { ctx.Long, ctx.Short })
            {
                if (leg.Position.Size == 0m && leg.Gate != ExitGate.Always)
                {
                    continue;
                }

                var gate = leg.Gate switch { ExitGate.Always => "flatten", ExitGate.Signals => "signals", _ => "off" };
                Log.Raw($"  {ctx.Name,-13} {EngineEventLog.Leg(leg.Side),-7} {EngineEventLog.D(leg.Position.Size),-15} {EngineEventLog.D(leg.Position.EntryPrice),-15} {(leg.Position.LiquidationPrice > 0m ? EngineEventLog.D(leg.Position.LiquidationPrice) : "-"),-15} {gate,-8} {StopColumn(engine, i, leg.Side)}");
            }
        }

        return true;
    }

    private static TaskCompletionSource Connected() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void OnStreamState(StreamStateChange change, TaskCompletionSource firstConnect)
    {
        if (change.State != StreamState.Lost)
        {
            firstConnect.TrySetResult();
        }

        Inbox.Post(new HostEvent { Kind = HostEventKind.StreamState, Symbol = -1, Stream = change });
    }

    private async Task<bool> WaitAsync(Task task, CancellationToken cancellation)
    {
        try
        {
            await task.WaitAsync(_request.ConnectTimeout, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
