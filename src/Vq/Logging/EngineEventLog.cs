using Microsoft.Extensions.Logging;
using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Logging;

/// <summary>
/// Turns every <see cref="EngineEvent"/> into one structured log line (§5.7): the host calls <see cref="Write"/> for
/// each event in <c>EngineOutput.Events</c>. Leg names are built once per symbol (up front, or on first sight when
/// the host passes the symbol name); decimals are normalized (D12). Called from the engine thread only.
/// </summary>
internal sealed class EngineEventLog
{
    private readonly ILogger _logger;
    private string[] _legs;

    /// <summary>Symbols learnt from <see cref="Write(in EngineEvent, string)"/> (the live host's universe grows at startup).</summary>
    public EngineEventLog(ILogger logger)
        : this(logger, [])
    {
    }

    /// <param name="symbols">Exchange symbol names by engine symbol index.</param>
    public EngineEventLog(ILogger logger, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(symbols);
        _logger = logger;
        _legs = new string[symbols.Count * 2];
        for (var i = 0; i < symbols.Count; i++)
        {
            _legs[2 * i] = symbols[i] + ":LONG";
            _legs[(2 * i) + 1] = symbols[i] + ":SHORT";
        }
    }

    public static string ModeName(ExecutionMode mode) => mode == ExecutionMode.MakerOnly ? "MAKER_ONLY" : "AGGRESSIVE_LIMIT";

    /// <summary>Stable snake_case names for event kinds without a dedicated line.</summary>
    public static string KindName(EngineEventKind kind) => kind switch
    {
        EngineEventKind.Signal => "signal",
        EngineEventKind.OrderPlace => "order_place",
        EngineEventKind.OrderAck => "order_ack",
        EngineEventKind.OrderFill => "order_fill",
        EngineEventKind.OrderCancel => "order_cancel",
        EngineEventKind.OrderTimeout => "order_timeout",
        EngineEventKind.OrderReject => "order_reject",
        EngineEventKind.OrderRetry => "order_retry",
        EngineEventKind.ModeChange => "mode_change",
        EngineEventKind.RiskTrigger => "risk_trigger",
        EngineEventKind.RiskRecovered => "risk_recovered",
        EngineEventKind.LegBlocked => "leg_blocked",
        EngineEventKind.LegUnblocked => "leg_unblocked",
        EngineEventKind.OrphanRecovered => "orphan_recovered",
        EngineEventKind.MinNotionalAllowReduceOnly => "min_notional_reduce_only",
        EngineEventKind.PositionUpdate => "position_update",
        EngineEventKind.OpenAlert => "open_alert",
        EngineEventKind.RateLimit => "rate_limit",
        EngineEventKind.MarketReject => "market_reject",
        EngineEventKind.OrderDone => "order_done",
        EngineEventKind.LegDone => "leg_done",
        EngineEventKind.CancelFailed => "cancel_failed",
        EngineEventKind.UnknownOutcome => "unknown_outcome",
        EngineEventKind.StrayOrder => "stray_order",
        EngineEventKind.Pacing => "pacing",
        EngineEventKind.SlippageCap => "slippage_cap",
        EngineEventKind.ProtectiveStop => "protective_stop",
        _ => "engine_event",
    };

    /// <summary>Writes one event; <paramref name="symbolName"/> names <c>e.Symbol</c> (remembered for later events).</summary>
    public void Write(in EngineEvent e, string symbolName)
    {
        var index = 2 * e.Symbol;
        if (e.Symbol >= 0 && (index >= _legs.Length || _legs[index] is null))
        {
            if (index >= _legs.Length)
            {
                Array.Resize(ref _legs, Math.Max(index + 2, _legs.Length * 2));
            }

            _legs[index] = symbolName + ":LONG";
            _legs[index + 1] = symbolName + ":SHORT";
        }

        Write(e);
    }

    public void Write(in EngineEvent e)
    {
        var leg = Leg(e.Symbol, e.Side);
        var reason = e.Reason ?? "";
        var mode = ModeName(e.Mode);
        var price = DecimalText.Normalize(e.Price);
        var qty = DecimalText.Normalize(e.Qty);
        switch (e.Kind)
        {
            case EngineEventKind.Signal:
                _logger.Signal(leg, reason, mode, DecimalText.Normalize(e.Bid), DecimalText.Normalize(e.Ask), price, qty,
                    e.RoiMult, e.AccelMult, Cid(e));
                break;
            case EngineEventKind.OrderPlace:
                _logger.OrderPlace(leg, reason, mode, price, qty, Cid(e));
                break;
            case EngineEventKind.OrderFill:
                _logger.OrderFill(leg, reason, mode, price, qty, DecimalText.Normalize(e.Value), e.IsMaker ? "maker" : "taker",
                    DecimalText.Normalize(e.Value2), e.TradeId, Cid(e));
                break;
            case EngineEventKind.OrderCancel:
                _logger.OrderCancel(leg, reason, mode, price, qty, Cid(e));
                break;
            case EngineEventKind.OrderTimeout:
                _logger.OrderTimeout(leg, reason, mode, price, qty, e.Code, Cid(e));
                break;
            case EngineEventKind.OrderReject:
                _logger.OrderReject(leg, reason, mode, price, qty, e.Code, Cid(e));
                break;
            case EngineEventKind.ModeChange:
                _logger.ModeChange(leg, reason, ModeName(e.FromMode), mode, price, qty, Cid(e));
                break;
            case EngineEventKind.RiskTrigger:
                _logger.RiskTrigger(leg, reason, mode, DecimalText.Normalize(e.Value), DecimalText.Normalize(e.Value2), price, qty, Cid(e));
                break;
            case EngineEventKind.ProtectiveStop:
                // Reason is the stop's stable outcome code (Engine/Stops); Price is the trigger, Value the liquidation
                // price it was derived from; alert marks the outcomes worth telling the operator about.
                _logger.ProtectiveStop(leg, reason, price, DecimalText.Normalize(e.Value), e.Code, e.OrderId, e.IsRisk ? "true" : "false", Cid(e));
                break;
            case EngineEventKind.RateLimit:
                _logger.RateLimit(leg, reason, mode, price, qty, e.Code, Cid(e));
                break;
            case EngineEventKind.LegBlocked or EngineEventKind.OpenAlert or EngineEventKind.CancelFailed
                or EngineEventKind.UnknownOutcome or EngineEventKind.StrayOrder or EngineEventKind.MarketReject:
                _logger.LegWarning(KindName(e.Kind), leg, reason, mode, price, qty, DecimalText.Normalize(e.Value),
                    DecimalText.Normalize(e.Value2), e.Code, e.OrderId, Cid(e));
                break;
            default:
                _logger.LegEvent(KindName(e.Kind), leg, reason, mode, price, qty, DecimalText.Normalize(e.Value),
                    DecimalText.Normalize(e.Value2), e.Code, e.OrderId, Cid(e));
                break;
        }
    }

    private string Leg(int symbol, PositionSide side)
    {
        var index = (2 * symbol) + (side == PositionSide.Long ? 0 : 1);
        return (uint)index < (uint)_legs.Length && _legs[index] is { } name ? name : "#" + symbol + ":" + side.WireName();
    }

    // One short string per order line, formatted on the engine thread; ZLogger would otherwise reach for reflection
    // JSON for the struct. Events without an order print "-".
    private static string Cid(in EngineEvent e) => e.ClientOrderId.IsEmpty ? "-" : e.ClientOrderId.ToString();
}
