using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>
/// The per-leg execution state machine (SPEC §3 with P2–P6, P27, D7, D10, D15). It owns the leg's current order and
/// its mode rotation; it writes commands and events into an <see cref="EngineOutput"/>. All durations use the
/// injected monotonic time. Not thread-safe: owned by the engine thread.
/// Split by concern: placing (<c>LegExecutor.Placing.cs</c>), exchange updates (<c>.Updates.cs</c>) and timers
/// (<c>.Timers.cs</c>).
/// </summary>
public sealed partial class LegExecutor
{
    private readonly int _symbol;
    private readonly PositionSide _side;
    private readonly LegOrderBook _book;
    private readonly LegPosition _position;
    private readonly ClientOrderIdFactory _ids;
    private readonly IOrderRateGate _rateGate;
    private SymbolRules _rules;

    // The current order. Its settings are the ones it was sent with (a reload never changes a working order).
    private ClientOrderId _cid;
    private long _orderId;
    private long _placedAtMs;
    private ExecutionMode _orderMode;
    private string _orderReason = string.Empty;
    private bool _orderIsRisk;
    private decimal _orderQty;
    private decimal _orderPrice;
    private TimeInForce _orderTif;
    private decimal _filledQty;
    private decimal _avgPrice;
    private ExecutionSettings _orderSettings;
    private bool _timeoutCounted;
    private bool _cancelInFlight;
    private long _cancelRetryAtMs;
    private long _graceDeadlineMs;
    private bool _outcomeUnknown;
    private bool _queryInFlight;
    private long _queryRetryAtMs;

    // The slippage bound the current slice was priced with: its post-only retry keeps it.
    private decimal _sliceWorstPrice;

    // The last order that reached a terminal state with fills (P4, P5).
    private ClientOrderId _lastCompletedCid;
    private long _lastCompletedAtMs;
    private bool _hasLastCompleted;

    public LegExecutor(int symbol, PositionSide side, SymbolRules rules, ExecutionSettings settings, LegPosition position, LegOrderBook book, ClientOrderIdFactory ids, IOrderRateGate rateGate)
    {
        _position = position;
        _symbol = symbol;
        _side = side;
        _rules = rules;
        Settings = settings;
        _orderSettings = settings;
        _book = book;
        _ids = ids;
        _rateGate = rateGate;
    }

    public PositionSide Side => _side;

    /// <summary>
    /// The reduce budget (D21), the one place it is computed: the step-floored effective position (fills the position
    /// has not shown yet already taken off) minus every resting close order on the leg, own, in-flight and external.
    /// No order is ever sent for more than this.
    /// </summary>
    public decimal Budget => _rules.FloorQty(_position.EffectiveSize) - _book.ReservedQty;

    public LegState State { get; private set; }

    public ExecutionMode Mode { get; private set; }

    /// <summary>The settings new orders are sent with.</summary>
    public ExecutionSettings Settings { get; private set; }

    public int MakerTimeoutCount { get; private set; }

    public int AggrTimeoutCount { get; private set; }

    public int AggrFillCount { get; private set; }

    /// <summary>Panic TTL override (§4.3), null when no panic episode is active.</summary>
    public int? TtlOverrideMs { get; set; }

    /// <summary>Panic tier's maker-timeout threshold (§4.3), refreshed on every panic evaluation.</summary>
    public int? MakerTimeoutsOverride { get; set; }

    /// <summary>D7: while soft risk or a panic tier holds the leg, AGGRESSIVE never de-escalates to MAKER.</summary>
    public bool HoldAggression { get; set; }

    /// <summary>The last priced order was moved back to its slippage bound: the market is beyond the cap.</summary>
    public bool LastPriceCapped { get; private set; }

    /// <summary>The slippage bound of the current (or last) slice; 0 = none.</summary>
    public decimal SliceWorstPrice => _sliceWorstPrice;

    public ClientOrderId CurrentClientOrderId => _cid;

    public long CurrentOrderId => _orderId;

    public bool CurrentOrderIsRisk => _orderIsRisk;

    public decimal CurrentFilledQty => _filledQty;

    /// <summary>Monotonic time of placement (PLACING/WAITING), or of cooldown start (COOLDOWN).</summary>
    public long PlacedAtMs => _placedAtMs;

    /// <summary>True while a cancel was accepted and the terminal event may still arrive (P2).</summary>
    public bool InTerminalGrace => State == LegState.Cooldown && !_cid.IsEmpty;

    public bool HasWorkingOrder => !_cid.IsEmpty;

    public bool IsIdle => State == LegState.Idle;

    /// <summary>New rules after a recalibration.</summary>
    public void UpdateRules(SymbolRules rules) => _rules = rules;

    /// <summary>Hot reload: new orders use the new settings; a working order keeps its own (issue 5 item 4).</summary>
    public void UpdateSettings(ExecutionSettings settings) => Settings = settings;

    /// <summary>Mode switch (§3.12): resets every rotation counter and logs from → to with the reason.</summary>
    public void SwitchMode(ExecutionMode to, string reason, long nowMs, EngineOutput output)
    {
        if (Mode == to)
        {
            return;
        }

        var from = Mode;
        Mode = to;
        MakerTimeoutCount = 0;
        AggrTimeoutCount = 0;
        AggrFillCount = 0;
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.ModeChange,
            Symbol = _symbol,
            Side = _side,
            Mode = to,
            FromMode = from,
            Reason = reason,
            TimeMs = nowMs,
        });
    }

    private bool TryDeescalate(string reason, long nowMs, EngineOutput output)
    {
        if (HoldAggression || Mode == ExecutionMode.MakerOnly)
        {
            return false;
        }

        SwitchMode(ExecutionMode.MakerOnly, reason, nowMs, output);
        return true;
    }

    private void ClearOrder()
    {
        _cid = default;
        _orderId = 0;
        _orderReason = string.Empty;
        _orderIsRisk = false;
        _orderQty = 0m;
        _orderPrice = 0m;
        _filledQty = 0m;
        _avgPrice = 0m;
        _timeoutCounted = false;
        _keptAtCapMs = 0;
        _cancelInFlight = false;
        _cancelRetryAtMs = 0;
        _graceDeadlineMs = 0;
        _outcomeUnknown = false;
        _queryInFlight = false;
        _queryRetryAtMs = 0;
    }

    /// <summary>Normal cooldown: context cleared, <c>repost_cooldown_ms</c> from now.</summary>
    private void EnterCooldown(long nowMs)
    {
        ClearOrder();
        State = LegState.Cooldown;
        _placedAtMs = nowMs;
        _cooldownMs = Settings.RepostCooldownMs;
    }

    private void RememberCompleted(long nowMs)
    {
        if (_filledQty > 0m)
        {
            _lastCompletedCid = _cid;
            _lastCompletedAtMs = nowMs;
            _hasLastCompleted = true;
        }
    }

    private EngineEvent NewEvent(EngineEventKind kind, string reason, long nowMs) => new()
    {
        Kind = kind,
        Symbol = _symbol,
        Side = _side,
        Reason = reason,
        Mode = _orderMode,
        ClientOrderId = _cid,
        OrderId = _orderId,
        Price = _orderPrice,
        Qty = _orderQty,
        Value = _filledQty,
        IsRisk = _orderIsRisk,
        TimeMs = nowMs,
    };

    /// <summary>Test hook: forces an inconsistent state to exercise the orphan self-healing (P3/P4).</summary>
    internal void ForceStateForTest(LegState state, bool dropOrderId, long lastCompletedAtMs)
    {
        State = state;
        if (dropOrderId)
        {
            _cid = default;
        }

        if (lastCompletedAtMs > 0)
        {
            _hasLastCompleted = true;
            _lastCompletedAtMs = lastCompletedAtMs;
        }
    }
}
