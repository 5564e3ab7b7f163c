using Vq.Core.Engine;
using Vq.Core.Primitives;

namespace Vq.Core.Execution;

/// <summary>
/// Flatten's slippage cap at the TTL: when the cap pins the price, a cancel and repost would send the very same price
/// again, losing queue priority and spending the order-rate budget for nothing. Such an order is kept resting and its
/// TTL re-armed instead; it is not counted as a timeout (nothing was cancelled, so nothing rotates), and as soon as the
/// book moves the repost price off the cap the TTL fires as usual (count, rotation, cancel: §3.10).
/// </summary>
public sealed partial class LegExecutor
{
    // When the current order was last kept at the cap instead of being cancelled at its TTL; 0 = never.
    private long _keptAtCapMs;

    /// <summary>The current order outlived its TTL and is kept resting because its repost price would be the same capped price.</summary>
    public bool KeptAtCap => _keptAtCapMs > 0 && State == LegState.Waiting;

    /// <summary>
    /// True when a repost now would go out at the same capped price: a slippage bound that pins the price the next
    /// order would have (in the mode the TTL's rotation would leave), nothing filled (a partial fill resets and
    /// rotates by §3.10), and the position still covering every resting close order (D21). Needs a fresh book.
    /// </summary>
    private bool RepostWouldRepeatCappedPrice(decimal bid, decimal ask)
    {
        if (_sliceWorstPrice <= 0m || _filledQty > 0m || bid <= 0m || ask <= 0m || Budget < 0m)
        {
            return false;
        }

        var priced = Pricing.ForMode(ModeAfterTimeout(), _side, bid, ask, _rules.TickSize, Settings);
        var price = SlippageCap.Bound(_side, priced.Price, _sliceWorstPrice, out var capped);
        return capped && price == _orderPrice;
    }

    /// <summary>The mode the TTL's rotation (<see cref="CountTimeout"/>) would leave for an order without fills.</summary>
    private ExecutionMode ModeAfterTimeout()
    {
        if (_orderMode == ExecutionMode.MakerOnly)
        {
            var threshold = MakerTimeoutsOverride ?? _orderSettings.MakerTimeoutsToEscalate;
            return threshold > 0 && MakerTimeoutCount + 1 >= threshold ? ExecutionMode.AggressiveLimit : Mode;
        }

        var aggrThreshold = _orderSettings.AggrTimeoutsToDeescalate;
        return aggrThreshold > 0 && AggrTimeoutCount + 1 >= aggrThreshold && !HoldAggression ? ExecutionMode.MakerOnly : Mode;
    }

    /// <summary>Keeps the order resting: re-arms its TTL and says so once per order.</summary>
    private void KeepAtCap(long nowMs, EngineOutput output)
    {
        if (_keptAtCapMs == 0)
        {
            output.Add(NewEvent(EngineEventKind.SlippageCap, "cap_order_kept", nowMs) with { Value = _sliceWorstPrice });
        }

        _keptAtCapMs = nowMs;
    }
}
