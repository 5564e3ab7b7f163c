using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

public sealed partial class ProtectiveStopCoordinator
{
    /// <summary>
    /// The answer to a <see cref="CommandKind.ScanStops"/>: the symbol's open normal and algo orders (an algo fetch
    /// error counts as an empty algo list). A failed normal fetch aborts the sync and schedules a retry. Otherwise each
    /// leg is planned and its decisions are executed in order; the first place or cancel is emitted into
    /// <paramref name="output"/> and the rest waits for its result. A scan for a sync that is no longer waiting for one
    /// (abandoned) is ignored. <paramref name="wallMicros"/>: wall clock in µs, for fresh stop ids (P13).
    /// </summary>
    public void OnStopScan(int symbol, ReadOnlySpan<ScannedOrder> orders, bool normalFetchFailed, long nowMs, long wallMicros, EngineOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Find(symbol) is not { Phase: SyncPhase.Scanning } stops)
        {
            return;
        }

        if (normalFetchFailed)
        {
            Emit(output, stops, PositionSide.Long, "scan_failed", nowMs, isRisk: false);
            stops.SyncFailed = true;
            Finish(stops, nowMs);
            return;
        }

        stops.StoreScan(orders);
        PlanLeg(stops, PositionSide.Long, nowMs, output);
        Advance(stops, nowMs, wallMicros, output);
    }

    /// <summary>
    /// The outcome of a <see cref="CommandKind.PlaceStop"/> or <see cref="CommandKind.CancelStop"/> this coordinator
    /// emitted; pass the command back unchanged. Reports it to the leg's memory, then continues the plan: the next
    /// command goes into <paramref name="output"/>, or the sync completes. A failed cancel that a placement depends on
    /// ends that leg's plan: never a new stop while the old one may still exist (P16). A result that does not answer
    /// the awaited command (late, after the sync was abandoned) is ignored.
    /// </summary>
    public void OnStopCommandResult(in EngineCommand command, in StopCommandResult result, long nowMs, long wallMicros, EngineOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Find(command.Symbol) is not { } stops || !stops.IsAwaited(command))
        {
            return;
        }

        var decision = stops.Decisions[stops.DecisionIndex];
        var leg = stops.Leg(decision.Side);
        if (command.Kind == CommandKind.CancelStop)
        {
            OnCancelResult(stops, leg, decision, result, nowMs, output);
        }
        else
        {
            OnPlaceResult(stops, leg, decision, command.ClientOrderId, result, nowMs, output);
        }

        stops.DecisionIndex++;
        Advance(stops, nowMs, wallMicros, output);
    }

    private static void OnCancelResult(SymbolStops stops, LegStops leg, in StopDecision decision, in StopCommandResult result, long nowMs, EngineOutput output)
    {
        leg.Memory.Apply(decision, result.Ok);
        if (result.Ok)
        {
            Emit(output, stops, decision, decision.Reason.Code(), nowMs, isRisk: decision.Reason == StopReason.CancelInvalidExternalStop);
            return;
        }

        var reason = decision.RequiredForNext ? "cancel_for_replace_failed" : "cancel_failed";
        Emit(output, stops, decision, reason, nowMs, isRisk: decision.RequiredForNext, result.ErrorCode);
        stops.SyncFailed = true;
        if (decision.RequiredForNext)
        {
            stops.DecisionIndex = stops.Decisions.Count - 1; // the leg's plan ends here (the caller steps past it)
        }
    }

    private void OnPlaceResult(SymbolStops stops, LegStops leg, in StopDecision decision, ClientOrderId clientId, in StopCommandResult result, long nowMs, EngineOutput output)
    {
        var terminatedEarly = leg.PendingPlaceTerminated;
        leg.PendingPlaceId = default;
        leg.PendingPlaceTerminated = false;
        if (!result.Ok)
        {
            leg.Memory.Apply(decision, succeeded: false);
            Emit(output, stops, decision, "place_failed", nowMs, isRisk: true, result.ErrorCode, clientId);
            stops.SyncFailed = true;
            return;
        }

        leg.Memory.OnPlaced(decision, clientId, result.AlgoId, nowMs);
        Emit(output, stops, decision, decision.Reason.Code(), nowMs, isRisk: false, orderId: result.AlgoId, clientId: clientId);
        if (terminatedEarly)
        {
            leg.Memory.OnOwnStopTerminal();
            _scheduler.Request(stops.Name, StopSyncReasons.OwnStopUpdate, nowMs);
        }
    }

    /// <summary>Executes decisions from the current one until a command must be awaited or both legs are done.</summary>
    private void Advance(SymbolStops stops, long nowMs, long wallMicros, EngineOutput output)
    {
        while (true)
        {
            if (stops.DecisionIndex >= stops.Decisions.Count)
            {
                if (stops.CurrentSide == PositionSide.Short)
                {
                    Finish(stops, nowMs);
                    return;
                }

                PlanLeg(stops, PositionSide.Short, nowMs, output);
                continue;
            }

            var decision = stops.Decisions[stops.DecisionIndex];
            var leg = stops.Leg(decision.Side);
            switch (decision.Action)
            {
                case StopAction.Cancel:
                    SendCancel(stops, leg, decision, nowMs, output);
                    return;
                case StopAction.Place:
                    SendPlace(stops, leg, decision, nowMs, wallMicros, output);
                    return;
                default:
                    ApplyLocal(stops, leg, decision, nowMs, output);
                    stops.DecisionIndex++;
                    break;
            }
        }
    }

    /// <summary>Reports the scan to the leg's latch (P14), then plans the leg from the stored scan.</summary>
    private void PlanLeg(SymbolStops stops, PositionSide side, long nowMs, EngineOutput output)
    {
        var leg = stops.Leg(side);
        var settings = _source.Settings(stops.Index);
        var stopLeg = _source.Leg(stops.Index, side);
        leg.UseTakeoverSettings(settings.ExternalTakeover);
        if (stopLeg.PositionAmount == 0m)
        {
            // Nothing to protect: the planner removes our stop; a latch from this episode must not outlive it.
            leg.Latch.Reset();
        }
        else
        {
            var retained = ProtectiveStopPlanner.HasRetainedExternalStop(stopLeg, leg.Identity, settings, stops.Orders, leg.Memory);
            switch (leg.Latch.OnRestScan(retained, nowMs))
            {
                case TakeoverChange.Latched:
                    Emit(output, stops, side, "external_takeover_latched", nowMs, isRisk: false);
                    break;
                case TakeoverChange.Released:
                    Emit(output, stops, side, "external_takeover_released", nowMs, isRisk: false);
                    _scheduler.Request(stops.Name, StopSyncReasons.ExternalRelease, nowMs);
                    break;
            }
        }

        stops.CurrentSide = side;
        stops.DecisionIndex = 0;
        ProtectiveStopPlanner.Plan(stopLeg, leg.Identity, settings, stops.Orders, leg.Memory, leg.Latch.IsLatched, nowMs, stops.Decisions);
    }

    private static void SendCancel(SymbolStops stops, LegStops leg, in StopDecision decision, long nowMs, EngineOutput output)
    {
        var order = decision.Order;
        if (ProtectiveStopPlanner.IsOwnOrder(leg.Side, order, leg.Identity, leg.Memory))
        {
            leg.LastCancelledOwn = order;
        }

        var command = new EngineCommand
        {
            Kind = CommandKind.CancelStop,
            Symbol = stops.Index,
            Side = leg.Side,
            Book = order.Book,
            OrderId = order.OrderId,
            ClientOrderId = order.ClientId,
            IsRisk = true,
            Reason = decision.Reason.Code(),
        };
        Await(stops, command, nowMs, output);
    }

    private void SendPlace(SymbolStops stops, LegStops leg, in StopDecision decision, long nowMs, long wallMicros, EngineOutput output)
    {
        var clientId = leg.Identity.CreateId(wallMicros, _idCounter);
        _idCounter = (_idCounter + 1) % 10_000; // the id keeps 4 digits of it (P13)
        var placement = ProtectiveStopPlacement.From(leg.Identity, decision, clientId);
        leg.PendingPlaceId = clientId;
        leg.PendingPlaceTerminated = false;
        var command = new EngineCommand
        {
            Kind = CommandKind.PlaceStop,
            Symbol = stops.Index,
            Side = placement.PositionSide,
            OrderSide = placement.Side,
            TriggerPrice = placement.TriggerPrice,
            ClientOrderId = placement.ClientAlgoId,
            Book = OrderBook.Algo,
            IsRisk = ProtectiveStopPlacement.IsRisk,
            Reason = decision.Reason.Code(),
        };
        Await(stops, command, nowMs, output);
    }

    private static void Await(SymbolStops stops, in EngineCommand command, long nowMs, EngineOutput output)
    {
        stops.Phase = SyncPhase.AwaitingResult;
        stops.Awaited = command;
        stops.WaitingSinceMs = nowMs;
        output.Add(command);
    }

    /// <summary>Keep, Skip, Alert, Forget: nothing to send; log when the planner says so and report to the memory.</summary>
    private void ApplyLocal(SymbolStops stops, LegStops leg, in StopDecision decision, long nowMs, EngineOutput output)
    {
        if (decision.Log)
        {
            var isRisk = decision.Action == StopAction.Alert;
            Emit(output, stops, decision, decision.Reason.Code(), nowMs, isRisk);
        }

        leg.Memory.Apply(decision, succeeded: true);
        if (decision.Action == StopAction.Skip && decision.RecheckAtMs > 0)
        {
            _scheduler.RequestAt(stops.Name, StopSyncReasons.VisibilityRecheck, decision.RecheckAtMs, nowMs);
        }
    }

    /// <summary>Ends the sync; a failure in it schedules the retry (P18: the request is never lost).</summary>
    private void Finish(SymbolStops stops, long nowMs)
    {
        if (stops.SyncFailed)
        {
            stops.ConsecutiveFailures++;
            _scheduler.RequestAt(stops.Name, RetryAfterFailure, nowMs + RetryDelayMs(stops.ConsecutiveFailures), nowMs);
        }
        else
        {
            stops.ConsecutiveFailures = 0;
        }

        stops.ClearSync();
        stops.CompletedSyncs++;
        _scheduler.Complete(stops.Name, nowMs);
    }

    /// <summary>The scan or command got no answer: give the sync up (a late answer is ignored) and try again later.</summary>
    private void Abandon(SymbolStops stops, long nowMs, EngineOutput output)
    {
        if (stops.Phase == SyncPhase.AwaitingResult)
        {
            var decision = stops.Decisions[stops.DecisionIndex];
            var leg = stops.Leg(decision.Side);
            leg.Memory.Apply(decision, succeeded: false);
            leg.PendingPlaceId = default;
            leg.PendingPlaceTerminated = false;
        }

        Emit(output, stops, stops.Awaited.Side, "sync_stalled", nowMs, isRisk: true);
        stops.SyncFailed = true;
        Finish(stops, nowMs);
    }

    private static void Emit(EngineOutput output, SymbolStops stops, PositionSide side, string reason, long nowMs, bool isRisk) =>
        output.Add(new EngineEvent { Kind = EngineEventKind.ProtectiveStop, Symbol = stops.Index, Side = side, Reason = reason, IsRisk = isRisk, TimeMs = nowMs });

    /// <summary>One line per decision: trigger in Price, the order acted on in OrderId/ClientOrderId, liq in Value.</summary>
    private static void Emit(EngineOutput output, SymbolStops stops, in StopDecision decision, string reason, long nowMs, bool isRisk,
        int errorCode = 0, ClientOrderId clientId = default, long orderId = 0)
    {
        var order = decision.Order;
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.ProtectiveStop,
            Symbol = stops.Index,
            Side = decision.Side,
            Reason = reason,
            Price = decision.TriggerPrice != 0m ? decision.TriggerPrice : order.TriggerPrice ?? 0m,
            OrderId = orderId != 0 ? orderId : order.OrderId,
            ClientOrderId = clientId.IsEmpty ? order.ClientId : clientId,
            Value = decision.LiquidationPrice ?? 0m,
            Code = errorCode,
            IsRisk = isRisk,
            TimeMs = nowMs,
        });
    }
}
