using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

public sealed partial class LegExecutor
{
    private int _cooldownMs;

    /// <summary>
    /// §3.10 with P2: fires once the TTL has elapsed (exactly TTL fires), counts the timeout once per order, rotates the
    /// mode at once and sends the cancel. Also retries a failed cancel and re-queries an unknown placement.
    /// Without a book an order pinned at a slippage cap cannot be recognised, so it is cancelled like any other.
    /// </summary>
    public void CheckTimeout(long nowMs, EngineOutput output) => CheckTimeout(nowMs, 0m, 0m, output);

    /// <summary>
    /// <see cref="CheckTimeout(long, EngineOutput)"/> with the current (fresh) book, or 0/0 when there is none: an
    /// order whose repost would repeat the same capped price is kept resting instead (<c>LegExecutor.CapHold.cs</c>).
    /// </summary>
    public void CheckTimeout(long nowMs, decimal bid, decimal ask, EngineOutput output)
    {
        if (State == LegState.Placing)
        {
            if (_outcomeUnknown && !_queryInFlight && _queryRetryAtMs > 0 && nowMs >= _queryRetryAtMs)
            {
                RequestQuery(nowMs, output);
            }

            return;
        }

        if (State is LegState.Waiting or LegState.Canceling && _cid.IsEmpty)
        {
            RecoverOrphan(nowMs, panicPath: false, output);
            return;
        }

        if (State != LegState.Waiting || _cancelInFlight)
        {
            return;
        }

        if (_cancelRetryAtMs > 0)
        {
            if (nowMs >= _cancelRetryAtMs)
            {
                SendCancel(nowMs, output);
            }

            return;
        }

        // A kept order re-arms its TTL, but fires at once when the book moves its repost price off the cap.
        var ttl = TtlOverrideMs ?? _orderSettings.OrderTtlMs;
        var expired = nowMs - Math.Max(_placedAtMs, _keptAtCapMs) >= ttl;
        if (!expired && (_keptAtCapMs == 0 || bid <= 0m || ask <= 0m))
        {
            return;
        }

        if (!_timeoutCounted && RepostWouldRepeatCappedPrice(bid, ask))
        {
            if (expired)
            {
                KeepAtCap(nowMs, output);
            }

            return;
        }

        if (!_timeoutCounted)
        {
            _timeoutCounted = true;
            CountTimeout(nowMs, output);
        }

        SendCancel(nowMs, output);
    }

    private void CountTimeout(long nowMs, EngineOutput output)
    {
        var hadFill = _filledQty > 0m;
        int count;
        if (_orderMode == ExecutionMode.MakerOnly)
        {
            MakerTimeoutCount = hadFill ? 0 : MakerTimeoutCount + 1;
            count = MakerTimeoutCount;
        }
        else
        {
            AggrTimeoutCount = hadFill ? 0 : AggrTimeoutCount + 1;
            count = AggrTimeoutCount;
        }

        output.Add(NewEvent(EngineEventKind.OrderTimeout, _orderReason, nowMs) with { Code = count });

        // Rotation happens now, without waiting for the cancel acknowledgement (§3.10 step 4).
        if (_orderMode == ExecutionMode.MakerOnly)
        {
            var threshold = MakerTimeoutsOverride ?? _orderSettings.MakerTimeoutsToEscalate;
            if (threshold > 0 && MakerTimeoutCount >= threshold)
            {
                SwitchMode(ExecutionMode.AggressiveLimit, "maker_timeout_escalate", nowMs, output);
            }
        }
        else
        {
            var threshold = _orderSettings.AggrTimeoutsToDeescalate;
            if (threshold > 0 && AggrTimeoutCount >= threshold)
            {
                TryDeescalate("aggr_timeout_deescalate", nowMs, output);
            }
            else if (hadFill)
            {
                TryDeescalate("partial_fill_deescalate", nowMs, output);
            }
        }
    }

    private void SendCancel(long nowMs, EngineOutput output)
    {
        _cancelRetryAtMs = 0;
        if (!_orderIsRisk && !_rateGate.TryAcquireCancel(nowMs))
        {
            // A denied cancel is a failed cancel (P2 step 4): still WAITING, retried after a cooldown.
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.RateLimit,
                Symbol = _symbol,
                Side = _side,
                Reason = "cancel_order",
                ClientOrderId = _cid,
                TimeMs = nowMs,
            });
            _cancelRetryAtMs = nowMs + Math.Max(_orderSettings.RepostCooldownMs, 1);
            return;
        }

        State = LegState.Canceling;
        _cancelInFlight = true;
        output.Add(new EngineCommand
        {
            Kind = CommandKind.CancelOrder,
            Symbol = _symbol,
            Side = _side,
            ClientOrderId = _cid,
            OrderId = _orderId,
            IsRisk = _orderIsRisk,
            Reason = "ttl",
        });
    }

    /// <summary>
    /// §3.11 with P2: COOLDOWN → IDLE after <c>repost_cooldown_ms</c>; while a cancelled order's context is still
    /// attached, only once its terminal-grace deadline has passed. Returns true when the leg became IDLE.
    /// </summary>
    public bool CheckCooldown(long nowMs, EngineOutput output)
    {
        if (State != LegState.Cooldown)
        {
            return false;
        }

        if (!_cid.IsEmpty)
        {
            if (nowMs < _graceDeadlineMs)
            {
                return false;
            }

            output.Add(NewEvent(EngineEventKind.OrderDone, "terminal_grace_expired", nowMs));
            RememberCompleted(nowMs);
            _lastTerminalCid = _cid;
            _book.Remove(_cid);
            ClearOrder();
            State = LegState.Idle;
            _placedAtMs = 0;
            return true;
        }

        if (nowMs - _placedAtMs < _cooldownMs)
        {
            return false;
        }

        State = LegState.Idle;
        _placedAtMs = 0;
        return true;
    }

    /// <summary>
    /// P3/P4 self-healing: WAITING or CANCELING without an order. After a recent fill the leg waits out the fill grace so
    /// the position can catch up; the panic path may go straight to IDLE when nothing filled recently.
    /// Returns true when the leg is IDLE afterwards.
    /// </summary>
    private bool RecoverOrphan(long nowMs, bool panicPath, EngineOutput output)
    {
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.OrphanRecovered,
            Symbol = _symbol,
            Side = _side,
            Reason = State == LegState.Waiting ? "orphan_waiting" : "orphan_canceling",
            TimeMs = nowMs,
        });
        var grace = Math.Max(Settings.WsFillGraceMs, Settings.RepostCooldownMs);
        var recentFill = _hasLastCompleted && nowMs - _lastCompletedAtMs < Settings.WsFillGraceMs;
        ClearOrder();
        if (recentFill)
        {
            State = LegState.Cooldown;
            _placedAtMs = nowMs;
            _cooldownMs = grace;
            return false;
        }

        if (panicPath)
        {
            State = LegState.Idle;
            _placedAtMs = 0;
            return true;
        }

        State = LegState.Cooldown;
        _placedAtMs = nowMs;
        _cooldownMs = Settings.RepostCooldownMs;
        return false;
    }
}
