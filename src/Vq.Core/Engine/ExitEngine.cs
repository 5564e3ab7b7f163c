using Vq.Core.Config;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine;

/// <summary>
/// The deterministic core: events in (market ticks, order updates, positions, REST results, timer), commands and
/// events out through an <see cref="EngineOutput"/>. Every time argument is local monotonic milliseconds (D8, D18);
/// exchange times are only compared with each other. The same engine runs live, against the simulator, in replays
/// and in benchmarks. Not thread-safe: exactly one thread owns it.
/// Split by concern: market and leg evaluation (<c>.Market.cs</c>), orders (<c>.Orders.cs</c>), positions
/// (<c>.Positions.cs</c>).
/// </summary>
public sealed partial class ExitEngine
{
    private readonly List<SymbolContext> _symbols = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    private readonly ClientOrderIdFactory _ids;
    private readonly RateGate _rateGate;
    private GlobalSettings _global;

    public ExitEngine(GlobalSettings global, ClientOrderIdFactory ids)
    {
        _global = global;
        _ids = ids;
        _rateGate = new RateGate(new AccountRateLimiter(global.RateLimit));
        Stops = new Stops.ProtectiveStopCoordinator(new Stops.EngineStopLegSource(this));
    }

    /// <summary>The protective-stop sync (§4.4, P13–P18): it emits ScanStops/PlaceStop/CancelStop commands.</summary>
    public Stops.ProtectiveStopCoordinator Stops { get; }

    public ClientOrderIdFactory Ids => _ids;

    public GlobalSettings Global => _global;

    public int SymbolCount => _symbols.Count;

    /// <summary>While true (startup, recalibration) no new order is placed; timeouts and cancels continue (§5.4).</summary>
    public bool Paused { get; set; }

    /// <summary>Open/increase alerts are raised only once the startup position snapshot is in (§5.3 step 4).</summary>
    public bool PositionsReady { get; set; }

    /// <summary>The gate new legs get: signals for <c>run</c>, <see cref="ExitGate.Off"/> for a flatten of other legs.</summary>
    public ExitGate DefaultGate { get; set; } = ExitGate.Signals;

    public SymbolContext Symbol(int index) => _symbols[index];

    public bool TryGetSymbol(string exchangeSymbol, out int index) => _indexByName.TryGetValue(exchangeSymbol, out index);

    /// <summary>Adds a managed symbol (configured, or with a position: D9) and returns its index. Idempotent.</summary>
    public int AddSymbol(SymbolRules rules, SymbolSettings settings)
    {
        if (_indexByName.TryGetValue(rules.Symbol, out var existing))
        {
            return existing;
        }

        var index = _symbols.Count;
        var longLeg = NewLeg(index, PositionSide.Long, rules, settings);
        var shortLeg = NewLeg(index, PositionSide.Short, rules, settings);
        _symbols.Add(new SymbolContext(index, rules, settings, longLeg, shortLeg));
        _indexByName.Add(rules.Symbol, index);
        return index;
    }

    private LegContext NewLeg(int index, PositionSide side, SymbolRules rules, SymbolSettings settings)
    {
        var position = new Positions.LegPosition();
        var book = new LegOrderBook();
        var executor = new LegExecutor(index, side, rules, settings.Execution, position, book, _ids, _rateGate);
        return new LegContext(index, side, position, executor, book) { Gate = DefaultGate };
    }

    /// <summary>New exchange rules after a recalibration.</summary>
    public void UpdateRules(int symbol, SymbolRules rules)
    {
        var ctx = _symbols[symbol];
        ctx.Rules = rules;
        ctx.Long.Executor.UpdateRules(rules);
        ctx.Short.Executor.UpdateRules(rules);
    }

    /// <summary>
    /// Hot reload (issue 5 item 4): new orders use the new settings from the next decision on, while a working order
    /// keeps the parameters it was sent with (its TTL, cooldown and rotation thresholds) until it is done.
    /// </summary>
    public void Reload(GlobalSettings global, Func<string, SymbolSettings> settingsFor)
    {
        _global = global;
        _rateGate.Limiter = new AccountRateLimiter(global.RateLimit);
        foreach (var ctx in _symbols)
        {
            ctx.Settings = settingsFor(ctx.Name);
            ctx.Long.Executor.UpdateSettings(ctx.Settings.Execution);
            ctx.Short.Executor.UpdateSettings(ctx.Settings.Execution);
        }
    }

    /// <summary>Sets how one leg is worked (flatten targets some legs, leaves the others off).</summary>
    public void SetGate(int symbol, PositionSide side, ExitGate gate) => _symbols[symbol].Leg(side).Gate = gate;

    /// <summary>
    /// The periodic pass (every few milliseconds): timeouts, cancel retries and unknown-outcome queries for every leg,
    /// then each leg's evaluation (cooldown, panic, soft risk, signals), so progress never waits for a tick.
    /// </summary>
    public void OnTimer(long nowMs, EngineOutput output)
    {
        for (var i = 0; i < _symbols.Count; i++)
        {
            var ctx = _symbols[i];
            ctx.Long.Orders.ExpireGone(nowMs);
            ctx.Short.Orders.ExpireGone(nowMs);
            // Only a fresh book may keep an order pinned at a slippage cap past its TTL.
            var market = ctx.Market;
            var fresh = !market.IsStale(nowMs, _global.Ws.StaleDataMs);
            var bid = fresh ? market.BestBid : 0m;
            var ask = fresh ? market.BestAsk : 0m;
            ctx.Long.Executor.CheckTimeout(nowMs, bid, ask, output);
            ctx.Short.Executor.CheckTimeout(nowMs, bid, ask, output);
            EvaluateLeg(ctx, ctx.Long, nowMs, output);
            EvaluateLeg(ctx, ctx.Short, nowMs, output);
        }

        Stops.OnTimer(nowMs, output);
    }

    /// <summary>Asks for a stop sync of one symbol (startup, calibration, periodic refresh), debounced by reason.</summary>
    public void RequestStopSync(int symbol, string reason, long nowMs) => Stops.Request(symbol, reason, nowMs);

    /// <summary>The answer to <see cref="CommandKind.ScanStops"/>: the symbol's open normal and algo orders.</summary>
    public void OnStopScan(int symbol, ReadOnlySpan<Risk.ScannedOrder> orders, bool normalFetchFailed, long nowMs, long wallMicros, EngineOutput output) =>
        Stops.OnStopScan(symbol, orders, normalFetchFailed, nowMs, wallMicros, output);

    /// <summary>The answer to a <see cref="CommandKind.PlaceStop"/> or <see cref="CommandKind.CancelStop"/>.</summary>
    public void OnStopCommandResult(in EngineCommand command, in Stops.StopCommandResult result, long nowMs, long wallMicros, EngineOutput output) =>
        Stops.OnStopCommandResult(command, result, nowMs, wallMicros, output);

    /// <summary>An <c>ALGO_UPDATE</c> (or any stop-like order event the host converted).</summary>
    public void OnStopOrderEvent(in Stops.StopOrderEvent stopEvent, long nowMs, EngineOutput output) =>
        Stops.OnStopOrderEvent(stopEvent, nowMs, output);

    /// <summary>Every stream (re)connect gives all symbols a fresh freshness stamp (§2.2 connect grace).</summary>
    public void OnMarketConnected(long nowMs)
    {
        for (var i = 0; i < _symbols.Count; i++)
        {
            _symbols[i].Market.MarkConnected(nowMs);
        }
    }

    /// <summary>Adapts the account-wide limiter to the state machine's gate (risk bypasses are decided by the leg).</summary>
    private sealed class RateGate(AccountRateLimiter limiter) : IOrderRateGate
    {
        public AccountRateLimiter Limiter { get; set; } = limiter;

        public bool TryAcquirePlace(long nowMs) => Limiter.TryAcquirePlacement(nowMs, isRisk: false);

        public bool TryAcquireCancel(long nowMs) => Limiter.TryAcquireCancel(nowMs, cancelsRiskOrder: false);
    }
}
