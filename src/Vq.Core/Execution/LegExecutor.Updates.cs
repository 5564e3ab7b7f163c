using Vq.Core.Engine;
using Vq.Core.Orders;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

public sealed partial class LegExecutor
{
    private ClientOrderId _lastTerminalCid;

    /// <summary>True when <paramref name="clientOrderId"/> is the leg's current order or its last finished one.</summary>
    public bool Knows(in ClientOrderId clientOrderId) =>
        !clientOrderId.IsEmpty && (clientOrderId == _cid || clientOrderId == _lastTerminalCid || clientOrderId == _lastCompletedCid);

    /// <summary>
    /// A user-data update for the current order (§3.9 with the fixes). It applies in any state. An update that beats the
    /// REST acknowledgement acts as the acknowledgement (D10, P27): nothing is dropped and the later ack is a no-op.
    /// Returns false when the update is not for the current order.
    /// </summary>
    public bool OnOrderUpdate(in OrderUpdate update, long nowMs, EngineOutput output)
    {
        if (_cid.IsEmpty || update.ClientOrderId != _cid)
        {
            return false;
        }

        if (State == LegState.Placing)
        {
            State = LegState.Waiting;
            _orderId = update.OrderId;
            _outcomeUnknown = false;
            _queryInFlight = false;
            _placedAtMs = nowMs;
            output.Add(NewEvent(EngineEventKind.OrderAck, "user_stream_before_ack", nowMs));
        }
        else if (_orderId == 0)
        {
            _orderId = update.OrderId;
        }

        if (update.CumFilledQty > _filledQty)
        {
            _filledQty = update.CumFilledQty;
            _avgPrice = update.AvgPrice;
        }

        switch (update.Status)
        {
            case OrderStatus.PartiallyFilled:
                if (_orderMode == ExecutionMode.MakerOnly)
                {
                    MakerTimeoutCount = 0;
                }
                else
                {
                    AggrTimeoutCount = 0;
                    // A partial aggressive fill de-escalates at once while the order keeps working (§3.9), unless a
                    // risk latch holds the leg aggressive (D7, P11).
                    TryDeescalate("partial_fill_deescalate", nowMs, output);
                }

                break;
            case OrderStatus.Filled:
            case OrderStatus.Canceled:
            case OrderStatus.Expired:
            case OrderStatus.Rejected:
                Finish(update.Status, nowMs, output, confirmedByStream: true);
                break;
        }

        return true;
    }

    /// <summary>
    /// The current order reached a terminal state: counters, then COOLDOWN (P4: never straight to IDLE). When only REST
    /// said so (<paramref name="confirmedByStream"/> false), the order keeps reserving budget until the stream confirms,
    /// because its fills may not be in the position yet.
    /// </summary>
    private void Finish(OrderStatus status, long nowMs, EngineOutput output, bool confirmedByStream)
    {
        if (status == OrderStatus.Filled)
        {
            if (_orderMode == ExecutionMode.MakerOnly)
            {
                MakerTimeoutCount = 0;
            }
            else
            {
                AggrTimeoutCount = 0;
                AggrFillCount++;
                var threshold = _orderSettings.AggrFillsToDeescalate;
                if (threshold > 0 && AggrFillCount >= threshold)
                {
                    TryDeescalate("aggr_fill_deescalate", nowMs, output);
                }
            }
        }

        var reason = status switch
        {
            OrderStatus.Filled => "filled",
            OrderStatus.Canceled => "canceled",
            OrderStatus.Expired => "expired",
            _ => "rejected",
        };
        output.Add(NewEvent(EngineEventKind.OrderDone, reason, nowMs) with { Price = _avgPrice > 0m ? _avgPrice : _orderPrice });
        RememberCompleted(nowMs);
        _lastTerminalCid = _cid;
        if (confirmedByStream)
        {
            _book.Remove(_cid);
        }
        else
        {
            _book.MarkGone(_cid, nowMs + _orderSettings.WsFillGraceMs);
        }

        EnterCooldown(nowMs);
    }

    /// <summary>
    /// The REST answer to the current order's cancel (P2/P3). Applied only if the leg is still CANCELING that same
    /// order; otherwise a terminal event already consumed the context.
    /// </summary>
    public void OnCancelResult(in CancelResult result, long nowMs, EngineOutput output)
    {
        if (State != LegState.Canceling || result.ClientOrderId != _cid)
        {
            return;
        }

        _cancelInFlight = false;
        if (result.Outcome == CancelOutcome.Failed)
        {
            // P2 step 4: the order is still working; retry the cancel after a cooldown, counters untouched.
            State = LegState.Waiting;
            _cancelRetryAtMs = nowMs + Math.Max(_orderSettings.RepostCooldownMs, 1);
            output.Add(NewEvent(EngineEventKind.CancelFailed, "cancel_failed", nowMs) with { Code = result.ErrorCode });
            return;
        }

        if (result.ExecutedQty > _filledQty)
        {
            _filledQty = result.ExecutedQty;
        }

        // P2 steps 2–3: gone (cancelled, or -2011 already final). Keep the context for the terminal-grace window so a
        // late FILLED/CANCELED for this id is still applied; the budget keeps counting the order until then, since
        // fills the stream has not delivered yet may be inside it.
        State = LegState.Cooldown;
        _placedAtMs = nowMs;
        _cooldownMs = _orderSettings.RepostCooldownMs;
        _graceDeadlineMs = nowMs + Math.Max(_orderSettings.RepostCooldownMs, _orderSettings.WsFillGraceMs);
        _book.MarkGone(_cid, _graceDeadlineMs);
        var reason = result.Outcome == CancelOutcome.UnknownOrder ? "already_gone" : "cancel_accepted";
        output.Add(NewEvent(EngineEventKind.OrderCancel, reason, nowMs) with { Code = result.ErrorCode });
    }
}
