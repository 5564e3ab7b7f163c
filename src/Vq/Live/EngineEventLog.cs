using System.Globalization;
using System.Text;
using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Live;

/// <summary>Engine events as log lines with stable names (§5.7): decimals in full, zero/empty fields omitted.</summary>
internal static class EngineEventLog
{
    public static string Name(EngineEventKind kind) => kind switch
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
        EngineEventKind.MinNotionalAllowReduceOnly => "min_notional_allow_reduce_only",
        EngineEventKind.PositionUpdate => "position_update",
        EngineEventKind.OpenAlert => "open_alert",
        EngineEventKind.RateLimit => "rate_limit",
        EngineEventKind.MarketReject => "market_reject",
        EngineEventKind.OrderDone => "order_done",
        EngineEventKind.LegDone => "leg_done",
        EngineEventKind.CancelFailed => "cancel_failed",
        EngineEventKind.UnknownOutcome => "unknown_outcome",
        EngineEventKind.StrayOrder => "stray_order",
        EngineEventKind.ProtectiveStop => "protective_stop",
        EngineEventKind.Pacing => "pacing",
        EngineEventKind.SlippageCap => "slippage_cap",
        _ => "engine_event",
    };

    public static string Leg(PositionSide side) => side == PositionSide.Long ? "LONG" : "SHORT";

    public static string Mode(ExecutionMode mode) => mode == ExecutionMode.MakerOnly ? "maker" : "aggressive";

    public static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Fields(in EngineEvent e, string symbolName)
    {
        if (e.Kind == EngineEventKind.ProtectiveStop)
        {
            return StopFields(e, symbolName);
        }

        var b = new StringBuilder(160);
        b.Append("symbol=").Append(symbolName).Append(" leg=").Append(Leg(e.Side));
        if (!string.IsNullOrEmpty(e.Reason))
        {
            b.Append(" reason=").Append(e.Reason);
        }

        b.Append(" mode=").Append(Mode(e.Mode));
        if (e.Kind == EngineEventKind.ModeChange)
        {
            b.Append(" from=").Append(Mode(e.FromMode));
        }

        Add(b, "price", e.Price);
        Add(b, "qty", e.Qty);
        Add(b, "value", e.Value);
        Add(b, "value2", e.Value2);
        Add(b, "bid", e.Bid);
        Add(b, "ask", e.Ask);
        if (e.Code != 0)
        {
            b.Append(" code=").Append(e.Code.ToString(CultureInfo.InvariantCulture));
        }

        if (!e.ClientOrderId.IsEmpty)
        {
            b.Append(" cid=").Append(e.ClientOrderId.ToString());
        }

        if (e.OrderId != 0)
        {
            b.Append(" order_id=").Append(e.OrderId.ToString(CultureInfo.InvariantCulture));
        }

        if (e.Kind == EngineEventKind.OrderFill)
        {
            b.Append(" maker=").Append(e.IsMaker ? "true" : "false").Append(" trade_id=").Append(e.TradeId.ToString(CultureInfo.InvariantCulture));
        }

        if (e.IsRisk)
        {
            b.Append(" risk=true");
        }

        if (e.Kind == EngineEventKind.Signal)
        {
            b.Append(" roi_mult=").Append(e.RoiMult.ToString(CultureInfo.InvariantCulture))
                .Append(" accel_mult=").Append(e.AccelMult.ToString(CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }

    /// <summary>A protective-stop decision or outcome: the trigger price (<c>Price</c>) and the liquidation price (<c>Value</c>).</summary>
    private static string StopFields(in EngineEvent e, string symbolName)
    {
        var b = new StringBuilder(160);
        b.Append("symbol=").Append(symbolName).Append(" leg=").Append(Leg(e.Side)).Append(" reason=").Append(e.Reason);
        Add(b, "trigger", e.Price);
        Add(b, "liq", e.Value);
        if (e.Code != 0)
        {
            b.Append(" code=").Append(e.Code.ToString(CultureInfo.InvariantCulture));
        }

        if (!e.ClientOrderId.IsEmpty)
        {
            b.Append(" cid=").Append(e.ClientOrderId.ToString());
        }

        if (e.OrderId != 0)
        {
            b.Append(" order_id=").Append(e.OrderId.ToString(CultureInfo.InvariantCulture));
        }

        if (e.IsRisk)
        {
            b.Append(" risk=true");
        }

        return b.ToString();
    }

    private static void Add(StringBuilder b, string name, decimal value)
    {
        if (value != 0m)
        {
            b.Append(' ').Append(name).Append('=').Append(D(value));
        }
    }
}
