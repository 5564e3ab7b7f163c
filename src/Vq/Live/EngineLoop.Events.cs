using Vq.Binance.Protocol;
using Vq.Binance.Stream;
using Vq.Core.Engine;

namespace Vq.Live;

// The never-dropped events: user-data, REST results, inspections, stream state and control actions.
internal sealed partial class EngineLoop
{
    private bool DrainEvents()
    {
        var worked = false;
        while (_inbox.TryTake(out var e))
        {
            worked = true;
            Handle(e, NowMs);
            Flush();
        }

        return worked;
    }

    private void Handle(in HostEvent e, long now)
    {
        switch (e.Kind)
        {
            case HostEventKind.OrderUpdate:
                OnOrderUpdate(e.Order, now);
                break;
            case HostEventKind.AccountUpdate:
                OnAccountUpdate((AccountUpdate)e.Payload!, now);
                break;
            case HostEventKind.Leverage:
                if (Engine.TryGetSymbol(e.SymbolName!, out var levSymbol))
                {
                    Engine.OnLeverage(levSymbol, e.Leverage);
                }

                break;
            case HostEventKind.PlaceResult:
                Engine.OnPlaceResult(e.Symbol, e.Side, e.Place, now, _output);
                break;
            case HostEventKind.CancelResult:
                Engine.OnCancelResult(e.Symbol, e.Side, e.Cancel, now, _output);
                break;
            case HostEventKind.QueryResult:
                Engine.OnQueryResult(e.Symbol, e.Side, e.Query, now, _output);
                break;
            case HostEventKind.Inspection:
                OnInspection((InspectionSnapshot)e.Payload!, now);
                break;
            case HostEventKind.InspectionFailed:
                OnInspectionFailed(e.Symbol, (bool)e.Payload!, now);
                break;
            case HostEventKind.StreamState:
                OnStreamState(e.Stream, now);
                break;
            case HostEventKind.MarginCall:
                OnMarginCall((MarginCall)e.Payload!);
                break;
            case HostEventKind.StopScan:
            case HostEventKind.StopResult:
            case HostEventKind.AlgoUpdate:
                HandleStopEvent(e, now);
                break;
            case HostEventKind.Invoke:
                ((Action<EngineLoop>)e.Payload!)(this);
                break;
        }
    }

    private void OnOrderUpdate(in OrderTradeUpdate order, long now)
    {
        if (!Engine.TryGetSymbol(order.Symbol, out var symbol))
        {
            return;
        }

        if (WireMapping.TryToOrderUpdate(symbol, order, out var update))
        {
            Engine.OnOrderUpdate(update, now, _output);
        }
    }

    private void OnAccountUpdate(AccountUpdate update, long now)
    {
        NoteMarginEvent(update, now);
        foreach (var row in update.Positions)
        {
            if (!Engine.TryGetSymbol(row.Symbol, out var symbol) && (row.Amount == 0m || !TryGrowUniverse(row.Symbol, "account_update", out symbol)))
            {
                continue;
            }

            if (WireMapping.TryToPositionReport(symbol, row, update.TransactionTime, out var report))
            {
                Engine.OnPositionReport(report, now, _output);
            }
        }
    }

    private void OnInspection(InspectionSnapshot snapshot, long now)
    {
        foreach (var report in snapshot.Positions)
        {
            if (report.Leverage > 0m)
            {
                Engine.OnLeverage(snapshot.Symbol, report.Leverage);
            }

            Engine.OnPositionReport(report, now, _output);
        }

        Engine.OnOpenOrdersSnapshot(snapshot.Symbol, snapshot.OpenOrders, snapshot.SnapshotExchangeTimeMs, now, _output);
        if (!snapshot.IsRecalibration)
        {
            // P19: a fresh liquidation price may move the stop (a recalibration syncs every symbol when it is done).
            Engine.RequestStopSync(snapshot.Symbol, Vq.Core.Risk.StopSyncReasons.PositionRefresh, now);
        }

        if (snapshot.IsRecalibration && _recalibrationPending > 0 && snapshot.Symbol < _recalibrationDone.Length
            && !_recalibrationDone[snapshot.Symbol])
        {
            _recalibrationDone[snapshot.Symbol] = true;
            if (--_recalibrationPending == 0)
            {
                FinishRecalibration();
            }
        }
    }

    private void OnInspectionFailed(int symbol, bool isRecalibration, long now)
    {
        _log.Line("inspection_failed", $"symbol={Engine.Symbol(symbol).Name} recalibration={(isRecalibration ? "true" : "false")}");
        if (isRecalibration)
        {
            _recalibrationRetryAtMs = now + RecalibrationRetryMs;
        }
        else
        {
            Engine.OnInspectionFailed(symbol, now);
        }
    }

    private void OnStreamState(in StreamStateChange change, long now)
    {
        var name = change.State switch
        {
            StreamState.Connected => "ws_connect",
            StreamState.Lost => "ws_disconnect",
            _ => "ws_reconnect",
        };
        _log.Line(name, $"stream={change.Stream} reason={change.Reason ?? "-"}");
        var isMarket = change.Stream.StartsWith("market", StringComparison.Ordinal);
        if (isMarket && change.State != StreamState.Lost)
        {
            Engine.OnMarketConnected(now);
        }

        if (change.State == StreamState.Reestablished)
        {
            // §5.4: events may have been missed while disconnected: pause, refresh positions and orders, resume.
            StartRecalibration(change.Stream);
        }
    }

    private void OnMarginCall(MarginCall call)
    {
        foreach (var position in call.Positions)
        {
            if (Engine.TryGetSymbol(position.Symbol, out var symbol))
            {
                _gateway.Inspect(symbol, position.Symbol, isRecalibration: false);
            }
        }
    }
}
