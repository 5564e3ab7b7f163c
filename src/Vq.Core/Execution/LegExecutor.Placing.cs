using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

public sealed partial class LegExecutor
{
    /// <summary>Reason literal of the one-shot post-only retry (D15).</summary>
    public const string PostOnlyRejectRetry = "post_only_reject_retry";

    /// <summary>Longest rate-limit back-off in one go (5 min); a longer ban is re-learned from the next refusal.</summary>
    private const int MaxRateLimitBackoffMs = 300_000;

    /// <summary>
    /// §3.4/§4.3: from IDLE, prices the slice by the current mode, sizes it (normal or panic formula), caps it by the
    /// reduce budget, and sends it. Everything that prevents an order returns a decision instead.
    /// </summary>
    public SliceDecision TryBeginSlice(in SliceRequest request, long nowMs, EngineOutput output)
    {
        if (State is LegState.Waiting or LegState.Canceling && _cid.IsEmpty && !RecoverOrphan(nowMs, request.IsRisk, output))
        {
            return SliceDecision.Busy; // P3: the signal that discovered the orphan is dropped
        }

        if (State != LegState.Idle)
        {
            return SliceDecision.Busy;
        }

        var absPosition = _position.EffectiveSize;
        if (_rules.IsDone(absPosition))
        {
            return SliceDecision.Done;
        }

        var priced = PriceFor(Mode, request.Bid, request.Ask, request.WorstPrice);
        if (priced.Price <= 0m)
        {
            return SliceDecision.NoPrice;
        }

        var qty = request.PanicSliceRatio > 0m
            ? Risk.PanicTiers.SliceQuantity(absPosition, request.PanicSliceRatio, _rules)
            : Sizing.NormalSlice(absPosition, _rules, Settings, request.RoiMult, Math.Max(request.AccelMult, 1) * Math.Clamp(request.PaceMult, 1, Math.Max(Settings.MaxMult, 1)), priced.Price, request.LastTradePrice);
        if (qty <= 0m)
        {
            return SliceDecision.TooSmall;
        }

        if (!TryFitBudget(ref qty))
        {
            return SliceDecision.Blocked;
        }

        if (!request.IsRisk && !_rateGate.TryAcquirePlace(nowMs))
        {
            // §3.8 step 1: a synthetic failure. Nothing is sent; the leg cools down like after a failed placement.
            output.Add(new EngineEvent
            {
                Kind = EngineEventKind.RateLimit,
                Symbol = _symbol,
                Side = _side,
                Reason = "place_order",
                TimeMs = nowMs,
            });
            EnterCooldown(nowMs);
            return SliceDecision.RateLimited;
        }

        _sliceWorstPrice = request.WorstPrice;
        Send(Mode, priced, qty, request.Reason, request.IsRisk, nowMs, output);
        return SliceDecision.Placed;
    }

    /// <summary>Caps <paramref name="qty"/> by the reduce budget; false when not even minQty fits.</summary>
    private bool TryFitBudget(ref decimal qty)
    {
        var budget = _rules.FloorQty(Budget);
        if (budget < _rules.MinQty || budget <= 0m)
        {
            return false;
        }

        if (qty > budget)
        {
            qty = budget;
        }

        return true;
    }

    private PricedOrder PriceFor(ExecutionMode mode, decimal bid, decimal ask, decimal worstPrice)
    {
        if (bid <= 0m || ask <= 0m)
        {
            return default;
        }

        var priced = Pricing.ForMode(mode, _side, bid, ask, _rules.TickSize, Settings);

        // Flatten's max slippage, in every mode: a SELL never below the bound, a BUY never above it. A bounded order
        // sits on its own side of the book (above the bid, below the ask): it rests, it never crosses.
        var price = SlippageCap.Bound(_side, priced.Price, worstPrice, out var capped);
        LastPriceCapped = capped;
        return capped ? priced with { Price = price } : priced;
    }

    private void Send(ExecutionMode mode, PricedOrder priced, decimal qty, string reason, bool isRisk, long nowMs, EngineOutput output)
    {
        _cid = _ids.Next();
        _orderId = 0;
        _orderMode = mode;
        _orderReason = reason;
        _orderIsRisk = isRisk;
        _orderQty = qty;
        _orderPrice = priced.Price;
        _orderTif = priced.TimeInForce;
        _orderSettings = Settings;
        _filledQty = 0m;
        _avgPrice = 0m;
        _timeoutCounted = false;
        _keptAtCapMs = 0;
        _cancelInFlight = false;
        _cancelRetryAtMs = 0;
        _graceDeadlineMs = 0;
        _outcomeUnknown = false;
        _placedAtMs = nowMs;
        State = LegState.Placing;
        _book.AddInFlight(_cid, qty, priced.Price);

        if (Sizing.BelowMinNotional(qty, priced.Price, _rules))
        {
            output.Add(NewEvent(EngineEventKind.MinNotionalAllowReduceOnly, "min_notional_allow_reduce_only", nowMs));
        }

        output.Add(new EngineCommand
        {
            Kind = CommandKind.PlaceOrder,
            Symbol = _symbol,
            Side = _side,
            ClientOrderId = _cid,
            OrderSide = _side.CloseSide(),
            Price = priced.Price,
            Qty = qty,
            TimeInForce = priced.TimeInForce,
            IsRisk = isRisk,
            Reason = reason,
        });
        output.Add(NewEvent(EngineEventKind.OrderPlace, reason, nowMs));
    }

    /// <summary>
    /// The REST answer to the current placement (§3.8 with P6/D15 and unknown outcomes). Answers for other ids are
    /// late answers for placements the leg no longer tracks: an accepted one is cancelled so nothing is left behind.
    /// </summary>
    public void OnPlaceResult(in PlaceResult result, decimal bid, decimal ask, long nowMs, EngineOutput output)
    {
        if (result.ClientOrderId != _cid || State != LegState.Placing)
        {
            if (result.ClientOrderId == _cid)
            {
                // The user stream already acknowledged it (D10); the REST answer only fills in the exchange id.
                if (_orderId == 0)
                {
                    _orderId = result.OrderId;
                }
            }
            else if (!Knows(result.ClientOrderId))
            {
                HandleStrayPlaceResult(result, nowMs, output);
            }

            return;
        }

        switch (result.Outcome)
        {
            case PlaceOutcome.Accepted:
                Acknowledge(result.OrderId, result.Status, result.ExecutedQty, result.AvgPrice, nowMs, output);
                break;
            case PlaceOutcome.Unknown:
                // The order may exist: never resend; ask the exchange, and let the user stream resolve it first if it can.
                _outcomeUnknown = true;
                output.Add(NewEvent(EngineEventKind.UnknownOutcome, "place_outcome_unknown", nowMs) with { Code = result.ErrorCode });
                RequestQuery(nowMs, output);
                break;
            case PlaceOutcome.Rejected when result.ErrorCode == -5022:
                OnPostOnlyReject(bid, ask, nowMs, output);
                break;
            default:
                var reason = result.Outcome switch
                {
                    PlaceOutcome.RateLimited => "rate_limited",
                    PlaceOutcome.Failed => "place_failed",
                    _ => "rejected",
                };
                output.Add(NewEvent(EngineEventKind.OrderReject, reason, nowMs) with { Code = result.ErrorCode });
                _book.Remove(_cid);
                EnterCooldown(nowMs);
                if (result.Outcome == PlaceOutcome.RateLimited)
                {
                    // A 429/418 hold refuses every request until it ends: retrying each cooldown only spams the log.
                    _cooldownMs = Math.Max(_cooldownMs, Math.Min(result.RetryAfterMs, MaxRateLimitBackoffMs));
                }

                break;
        }
    }

    private void Acknowledge(long orderId, OrderStatus status, decimal executedQty, decimal avgPrice, long nowMs, EngineOutput output)
    {
        State = LegState.Waiting;
        _orderId = orderId;
        _outcomeUnknown = false;
        _queryInFlight = false;
        _placedAtMs = nowMs; // the TTL counts from the acknowledgement, not from sending
        if (executedQty > _filledQty)
        {
            _filledQty = executedQty;
            _avgPrice = avgPrice;
        }

        output.Add(NewEvent(EngineEventKind.OrderAck, _orderReason, nowMs));
        if (status.IsTerminal())
        {
            // An immediate terminal state reported by REST (FILLED for aggressive orders, EXPIRED for IOC…). The fill
            // events themselves (maker flag, fee, pnl) still come from the user stream and are counted there (P5).
            Finish(status, nowMs, output, confirmedByStream: false);
        }
    }

    /// <summary>D15/P6: one immediate retry as an aggressive GTC at the touch, with a new client id, same quantity.</summary>
    private void OnPostOnlyReject(decimal bid, decimal ask, long nowMs, EngineOutput output)
    {
        output.Add(NewEvent(EngineEventKind.OrderReject, "post_only_reject", nowMs) with { Code = -5022 });
        _book.Remove(_cid);
        var eligible = _orderTif == TimeInForce.Gtx && _orderMode == ExecutionMode.MakerOnly && Mode == ExecutionMode.MakerOnly;
        var qty = _orderQty;
        var reason = _orderReason;
        var isRisk = _orderIsRisk;
        if (!eligible)
        {
            EnterCooldown(nowMs);
            return;
        }

        // The budget may have shrunk since the rejected order was sized (fills, user orders): fit it again.
        var priced = PriceFor(ExecutionMode.AggressiveLimit, bid, ask, _sliceWorstPrice);
        if (priced.Price <= 0m || !TryFitBudget(ref qty) || (!isRisk && !_rateGate.TryAcquirePlace(nowMs)))
        {
            EnterCooldown(nowMs);
            return;
        }

        SwitchMode(ExecutionMode.AggressiveLimit, PostOnlyRejectRetry, nowMs, output);
        Send(ExecutionMode.AggressiveLimit, priced, qty, reason, isRisk, nowMs, output);
        output.Add(NewEvent(EngineEventKind.OrderRetry, PostOnlyRejectRetry, nowMs));
    }

    private void HandleStrayPlaceResult(in PlaceResult result, long nowMs, EngineOutput output)
    {
        if (result.Outcome != PlaceOutcome.Accepted || result.Status.IsTerminal())
        {
            return;
        }

        // An order we stopped tracking exists on the exchange: cancel it rather than leave it behind.
        output.Add(new EngineEvent
        {
            Kind = EngineEventKind.StrayOrder,
            Symbol = _symbol,
            Side = _side,
            ClientOrderId = result.ClientOrderId,
            OrderId = result.OrderId,
            Reason = "late_ack_cancelled",
            TimeMs = nowMs,
        });
        output.Add(new EngineCommand
        {
            Kind = CommandKind.CancelStray,
            Symbol = _symbol,
            Side = _side,
            ClientOrderId = result.ClientOrderId,
            OrderId = result.OrderId,
            Reason = "late_ack",
        });
    }

    private void RequestQuery(long nowMs, EngineOutput output)
    {
        _queryInFlight = true;
        _queryRetryAtMs = 0;
        output.Add(new EngineCommand
        {
            Kind = CommandKind.QueryOrder,
            Symbol = _symbol,
            Side = _side,
            ClientOrderId = _cid,
            Reason = "resolve_unknown_outcome",
        });
        _ = nowMs;
    }

    /// <summary>The answer to <see cref="CommandKind.QueryOrder"/> for an unknown placement outcome.</summary>
    public void OnQueryResult(in QueryResult result, long nowMs, EngineOutput output)
    {
        if (result.ClientOrderId != _cid || State != LegState.Placing || !_outcomeUnknown)
        {
            return;
        }

        _queryInFlight = false;
        switch (result.Outcome)
        {
            case QueryOutcome.Found:
                Acknowledge(result.OrderId, result.Status, result.ExecutedQty, result.AvgPrice, nowMs, output);
                break;
            case QueryOutcome.NotFound:
                output.Add(NewEvent(EngineEventKind.OrderReject, "not_placed", nowMs));
                _book.Remove(_cid);
                EnterCooldown(nowMs);
                break;
            default:
                // Keep the leg in PLACING (no new order while the outcome is unknown) and ask again after a cooldown.
                _queryRetryAtMs = nowMs + Math.Max(_orderSettings.RepostCooldownMs, 1);
                break;
        }
    }
}
