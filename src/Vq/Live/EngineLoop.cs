using Vq.Core.Engine;
using Vq.Core.Orders;

namespace Vq.Live;

/// <summary>Sees every engine event and every pass of the loop, on the engine thread (flatten's progress and end).</summary>
internal interface ILoopObserver
{
    void OnEngineEvent(EngineLoop loop, in EngineEvent e);

    void OnPass(EngineLoop loop, long nowMs);
}

/// <summary>
/// The engine thread (issue 5 item 1): one dedicated thread owns the <see cref="ExitEngine"/> and all its state. It
/// drains the inbox (order/account/REST/control events first, then the newest book per symbol, then trades and
/// marks), runs <see cref="ExitEngine.OnTimer"/> every <see cref="TimerPeriodMs"/>, and hands the engine's commands to
/// the <see cref="OrderGateway"/> and its events to the log. No locks; the market path allocates nothing.
/// Also runs recalibration after reconnects (§5.4), the periodic position refresh (P19) and the shutdown drain (§5.5).
/// </summary>
internal sealed partial class EngineLoop
{
    public const int TimerPeriodMs = 5;
    private const int MaxMarketItemsPerPass = 4096;
    private const int RecalibrationRetryMs = 1000;

    private readonly EventInbox _inbox;
    private readonly OrderGateway _gateway;
    private readonly LineLog _log;
    private readonly EngineOutput _output = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _refreshIntervalMs;
    private Thread? _thread;
    private long _lastTimerMs;
    private long _nextRefreshMs;
    private int _recalibrationPending;
    private long _recalibrationRetryAtMs;
    private bool[] _recalibrationDone = [];
    private bool _shuttingDown;
    private long _shutdownDeadlineMs;
    private volatile bool _stopped;

    public EngineLoop(ExitEngine engine, EventInbox inbox, OrderGateway gateway, LineLog log, int positionRefreshIntervalS)
    {
        Engine = engine;
        _inbox = inbox;
        _gateway = gateway;
        _log = log;
        _refreshIntervalMs = Math.Max(1, positionRefreshIntervalS) * 1000L;
    }

    /// <summary>Touch only on the engine thread (or before <see cref="Start"/>).</summary>
    public ExitEngine Engine { get; }

    public EventInbox Inbox => _inbox;

    public OrderGateway Gateway => _gateway;

    public LineLog Log => _log;

    public ILoopObserver? Observer { get; set; }

    /// <summary>Completes when the thread has ended (after the shutdown drain).</summary>
    public Task Completion => _completion.Task;

    /// <summary>True while a recalibration is refreshing positions and orders (placing is paused meanwhile).</summary>
    public bool Recalibrating => _recalibrationPending > 0;

    public bool ShuttingDown => _shuttingDown;

    public static long NowMs => Environment.TickCount64;

    public void Start()
    {
        _lastTimerMs = NowMs;
        _nextRefreshMs = _lastTimerMs + _refreshIntervalMs;
        _thread = new Thread(Run) { IsBackground = true, Name = "vq-engine" };
        _thread.Start();
    }

    /// <summary>
    /// Any thread: stop placing, cancel this run's open orders (never protective stops) and end the loop once they are
    /// acknowledged or <paramref name="drainTimeoutMs"/> has passed. Idempotent.
    /// </summary>
    public void RequestShutdown(string reason, int drainTimeoutMs) => _inbox.Invoke(loop => loop.BeginShutdown(reason, drainTimeoutMs));

    /// <summary>Any thread: end the loop now, without the drain (a second signal).</summary>
    public void Abort()
    {
        _stopped = true;
        _inbox.Wake();
    }

    /// <summary>Engine thread (or before start): executes and clears the engine's output.</summary>
    public void Flush()
    {
        foreach (ref readonly var command in _output.Commands)
        {
            _gateway.Execute(command, Engine.Symbol(command.Symbol).Name);
        }

        foreach (ref readonly var e in _output.Events)
        {
            _log.Event(e, Engine.Symbol(e.Symbol).Name);
            Observer?.OnEngineEvent(this, e);
            Telemetry?.OnEngineEvent(this, e);
        }

        _output.Clear();
    }

    /// <summary>The engine's output buffer, for feeding the engine before <see cref="Start"/> (then call <see cref="Flush"/>).</summary>
    public EngineOutput Output => _output;

    private void Run()
    {
        try
        {
            while (!_stopped)
            {
                PassStartTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
                var worked = DrainEvents();
                worked |= DrainMarket();
                var now = NowMs;
                if (now - _lastTimerMs >= TimerPeriodMs)
                {
                    _lastTimerMs = now;
                    OnTimer(now);
                    if (_shuttingDown && (OpenOwnOrders() == 0 && _gateway.InFlightPlacements == 0 && !StopSyncRunning() || now >= _shutdownDeadlineMs))
                    {
                        break;
                    }
                }

                if (!worked)
                {
                    var wait = TimerPeriodMs - (int)(NowMs - _lastTimerMs);
                    _inbox.Wait(Math.Clamp(wait, 1, TimerPeriodMs));
                }
            }

            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            // The engine thread must never die silently (§5.2): report it and let the host shut down.
            _log.Line("error", $"where=engine_thread error=\"{ex.Message}\"");
            _completion.TrySetException(ex);
        }
    }

    private void OnTimer(long now)
    {
        Engine.OnTimer(now, _output);
        Flush();
        if (_recalibrationPending > 0 && _recalibrationRetryAtMs > 0 && now >= _recalibrationRetryAtMs)
        {
            _recalibrationRetryAtMs = 0;
            for (var i = 0; i < _recalibrationDone.Length; i++)
            {
                if (!_recalibrationDone[i])
                {
                    _gateway.Inspect(i, Engine.Symbol(i).Name, isRecalibration: true);
                }
            }
        }

        var periodic = now >= _nextRefreshMs && !_shuttingDown;
        if (periodic)
        {
            // P19: positions (and liquidation prices) are refreshed by REST on a period, not only on events.
            _nextRefreshMs = now + _refreshIntervalMs;
            for (var i = 0; i < Engine.SymbolCount; i++)
            {
                _gateway.Inspect(i, Engine.Symbol(i).Name, isRecalibration: false);
            }
        }

        RefreshAfterMarginEvent(now, periodic);

        Observer?.OnPass(this, now);
        Telemetry?.OnPass(this, now);
    }

    internal bool DrainMarket()
    {
        var worked = false;
        var count = Engine.SymbolCount;
        var books = _inbox.Books;
        for (var i = 0; i < count && i < books.Capacity; i++)
        {
            if (books.TryTake(i, out var tick))
            {
                Engine.OnBookTick(tick, _output);
                Flush();
                worked = true;
            }
        }

        for (var n = 0; n < MaxMarketItemsPerPass && _inbox.Trades.TryDequeue(out var trade); n++)
        {
            if (trade.Symbol < count)
            {
                Engine.OnTrade(trade, _output);
                Flush();
            }

            worked = true;
        }

        while (_inbox.Marks.TryDequeue(out var mark))
        {
            if (mark.Symbol < count)
            {
                Engine.OnMark(mark, _output);
                Flush();
            }

            worked = true;
        }

        return worked;
    }

    /// <summary>Counts this run's orders still open on the exchange as far as the engine knows.</summary>
    public int OpenOwnOrders()
    {
        var n = 0;
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            var ctx = Engine.Symbol(i);
            n += CountOpenOwn(ctx.Long.Orders) + CountOpenOwn(ctx.Short.Orders);
        }

        return n;
    }

    private static int CountOpenOwn(LegOrderBook orders)
    {
        var n = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            ref readonly var order = ref orders[i];
            if (order.Owner == OrderOwner.Own && order.GoneDeadlineMs == 0)
            {
                n++;
            }
        }

        return n;
    }

    private void BeginShutdown(string reason, int drainTimeoutMs)
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _shutdownDeadlineMs = NowMs + drainTimeoutMs;
        Engine.Paused = true;
        // §5.5: the protective stops stay; no new sync starts, one already running finishes (never half a replace).
        Engine.Stops.HoldNewSyncs = true;
        var cancels = 0;
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            var ctx = Engine.Symbol(i);
            Engine.SetGate(i, Vq.Core.Primitives.PositionSide.Long, ExitGate.Off);
            Engine.SetGate(i, Vq.Core.Primitives.PositionSide.Short, ExitGate.Off);
            cancels += CancelOwn(ctx.Name, ctx.Long.Orders, reason) + CancelOwn(ctx.Name, ctx.Short.Orders, reason);
        }

        _log.Line("shutdown_begin", $"reason={reason} cancelling={cancels} drain_timeout_ms={drainTimeoutMs}");
    }

    private int CancelOwn(string symbol, LegOrderBook orders, string reason)
    {
        var n = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            ref readonly var order = ref orders[i];
            if (order.Owner == OrderOwner.Own && order.GoneDeadlineMs == 0)
            {
                _gateway.CancelOwn(symbol, order.OrderId, order.ClientOrderId, reason);
                n++;
            }
        }

        return n;
    }

    private void StartRecalibration(string stream)
    {
        if (_shuttingDown)
        {
            return;
        }

        _log.Line("calibration", $"stage=start stream={stream}");
        Engine.Paused = true;
        _recalibrationPending = Engine.SymbolCount;
        _recalibrationDone = new bool[Engine.SymbolCount];
        _recalibrationRetryAtMs = 0;
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            _gateway.Inspect(i, Engine.Symbol(i).Name, isRecalibration: true);
        }

        if (_recalibrationPending == 0)
        {
            FinishRecalibration();
        }
    }

    private void FinishRecalibration()
    {
        _recalibrationPending = 0;
        if (!_shuttingDown)
        {
            Engine.Paused = false;
        }

        _log.Line("calibration", "stage=done");
        RequestStopSyncs(Vq.Core.Risk.StopSyncReasons.Calibration);
    }
}
