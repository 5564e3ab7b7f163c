using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;

namespace Vq.Core.Engine;

public sealed partial class ExitEngine
{
    /// <summary>
    /// A position report from the user stream (<c>ACCOUNT_UPDATE</c>) or REST (<c>positionRisk</c>), §5.3 with D13:
    /// an older report never overwrites a newer one. Changes request a stop sync; a leg that went to zero has this
    /// run's orders on it cancelled; any increase is an alert (vq never opens or adds).
    /// </summary>
    public void OnPositionReport(in PositionReport report, long nowMs, EngineOutput output)
    {
        var ctx = _symbols[report.Symbol];
        var leg = ctx.Leg(report.Side);
        var position = leg.Position;
        var before = position.Size;

        if (report.Source == PositionSource.Rest)
        {
            // Only REST carries the liquidation price and leverage; they are current whatever the amount's age.
            position.SetLiquidationPrice(report.LiquidationPrice);
            position.SetLeverage(report.Leverage);
            if (report.MarkPrice > 0m && ctx.Market.MarkPrice <= 0m)
            {
                ctx.Market.Apply(new Market.MarkTick(report.Symbol, report.MarkPrice, report.AsOfMs, nowMs));
            }
        }

        if (!position.Apply(report.Size, report.EntryPrice, report.UnrealizedPnl, report.AsOfMs, out var changed) || !changed)
        {
            return;
        }

        if (report.Size > 0m && position.Leverage <= 0m && _leverageBySymbol.TryGetValue(report.Symbol, out var cached))
        {
            position.SetLeverage(cached); // P20: a position first seen on the stream takes the cached leverage
        }

        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.PositionUpdate,
            Symbol = report.Symbol,
            Side = report.Side,
            Reason = report.Source == PositionSource.Rest ? "rest" : "stream",
            Value = report.Size,
            Value2 = before,
            TimeMs = nowMs,
        });

        if (report.Size > before && PositionsReady)
        {
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.OpenAlert,
                Symbol = report.Symbol,
                Side = report.Side,
                Reason = before == 0m ? "position_opened" : "position_increased",
                Value = report.Size,
                Value2 = before,
                TimeMs = nowMs,
            });
        }

        if (report.Size == 0m)
        {
            OnLegFlat(ctx, leg, nowMs, output);
        }
        else
        {
            leg.DoneReported = false;
        }

        Stops.Request(report.Symbol, Risk.StopSyncReasons.PositionUpdate, nowMs);
    }

    private readonly Dictionary<int, decimal> _leverageBySymbol = [];

    /// <summary><c>ACCOUNT_CONFIG_UPDATE</c> (or positionRisk): leverage per symbol, applied to its legs (P20).</summary>
    public void OnLeverage(int symbol, decimal leverage)
    {
        if (leverage <= 0m)
        {
            return;
        }

        _leverageBySymbol[symbol] = leverage;
        var ctx = _symbols[symbol];
        ctx.Long.Position.SetLeverage(leverage);
        ctx.Short.Position.SetLeverage(leverage);
    }

    /// <summary>
    /// §5.3 step 3: the leg is flat. Cancel this run's orders on it (a working slice would be rejected or, worse, open
    /// a position if the side flipped), drop its risk episode, and report it done.
    /// </summary>
    private static void OnLegFlat(SymbolContext ctx, LegContext leg, long nowMs, EngineOutput output)
    {
        for (var i = 0; i < leg.Orders.Count; i++)
        {
            ref readonly var order = ref leg.Orders[i];
            if (order.Owner == OrderOwner.Own && order.ClientOrderId != leg.Executor.CurrentClientOrderId)
            {
                output.Add(new EngineCommand { Kind = CommandKind.CancelStray, Symbol = ctx.Index, Side = leg.Side, ClientOrderId = order.ClientOrderId, OrderId = order.OrderId, Reason = "position_zero" });
            }
        }

        if (leg.Executor.HasWorkingOrder && leg.Executor.State == LegState.Waiting)
        {
            output.Add(new EngineCommand
            {
                Kind = CommandKind.CancelStray,
                Symbol = ctx.Index,
                Side = leg.Side,
                ClientOrderId = leg.Executor.CurrentClientOrderId,
                OrderId = leg.Executor.CurrentOrderId,
                Reason = "position_zero",
            });
        }

        ReportDone(leg, nowMs, output);
    }
}
