using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>What the executor does with one decision.</summary>
public enum StopAction : byte
{
    /// <summary>Our stop is right: nothing to send; record it in memory (adopt).</summary>
    Keep = 0,
    /// <summary>Place a new stop at <see cref="StopDecision.TriggerPrice"/> (algo order, STOP_MARKET, closePosition, MARK_PRICE, risk: no rate limit).</summary>
    Place = 1,
    /// <summary>Cancel <see cref="StopDecision.Order"/> on the endpoint of its <see cref="OrderBook"/> (P22).</summary>
    Cancel = 2,
    /// <summary>WARN and a risk notification about <see cref="StopDecision.Order"/>; nothing is sent to the exchange.</summary>
    Alert = 3,
    /// <summary>Do nothing on this side now; log the reason if <see cref="StopDecision.Log"/>.</summary>
    Skip = 4,
    /// <summary>Drop the local stop memory (nothing left to protect); nothing is sent.</summary>
    Forget = 5,
}

/// <summary>Why; <see cref="StopReasons.Code"/> gives the stable log code.</summary>
public enum StopReason : byte
{
    KeepUnchanged = 0,
    AdoptExisting,
    KeepExistingTighter,
    PlaceNew,
    ReplaceTighten,
    ReplaceLoosen,
    ReplaceUnknownTrigger,
    CancelDuplicate,
    CancelNoPosition,
    CancelDisabled,
    CancelOwnDueToExternalStop,
    CancelInvalidExternalStop,
    CancelForReplace,
    InvalidExternalStopAlertOnly,
    SkipMissingLiquidationPrice,
    SkipLiqWrongSide,
    SkipExternalTakeoverLatched,
    SkipExternalStopPresent,
    SkipInvalidExternalAlertOnly,
    SkipAwaitingVisibility,
    SkipInvalidDistToLiq,
    NoPosition,
    Disabled,
}

/// <summary>
/// One step of a side's protective-stop plan. Execute a plan's decisions in order. When a <see cref="StopAction.Cancel"/>
/// with <see cref="RequiredForNext"/> fails, stop there: the placement after it must never go out while the old
/// stop may still exist (P16: "if cancelling the old stop fails, never place a new one"). Report every outcome to
/// <see cref="ProtectiveStopMemory"/>. A skip with a non-zero <see cref="RecheckAtMs"/> asks for another sync then
/// (<see cref="StopSyncScheduler.RequestAt"/> with <see cref="StopSyncReasons.VisibilityRecheck"/>).
/// </summary>
public readonly record struct StopDecision(
    StopAction Action,
    StopReason Reason,
    PositionSide Side,
    ScannedOrder Order,
    decimal TriggerPrice,
    decimal? LiquidationPrice,
    bool Log,
    bool RequiredForNext,
    long RecheckAtMs);

public static class StopReasons
{
    public static string Code(this StopReason reason) => reason switch
    {
        StopReason.KeepUnchanged => "keep_existing",
        StopReason.AdoptExisting => "adopt_existing",
        StopReason.KeepExistingTighter => "keep_existing_tighter",
        StopReason.PlaceNew => "place_or_update",
        StopReason.ReplaceTighten => "replace_tighten",
        StopReason.ReplaceLoosen => "replace_loosen_on_liq_improve",
        StopReason.ReplaceUnknownTrigger => "replace_unknown_trigger",
        StopReason.CancelDuplicate => "cancel_duplicate",
        StopReason.CancelNoPosition => "cancel_no_position",
        StopReason.CancelDisabled => "cancel_disabled",
        StopReason.CancelOwnDueToExternalStop => "cancel_own_due_to_external_stop",
        StopReason.CancelInvalidExternalStop => "cancel_invalid_external_stop",
        StopReason.CancelForReplace => "cancel_for_replace",
        StopReason.InvalidExternalStopAlertOnly => "invalid_external_stop_alert_only",
        StopReason.SkipMissingLiquidationPrice => "skip_missing_liquidation_price",
        StopReason.SkipLiqWrongSide => "skip_liq_wrong_side",
        StopReason.SkipExternalTakeoverLatched => "skip_external_takeover_latched",
        StopReason.SkipExternalStopPresent => "skip_external_stop_present",
        StopReason.SkipInvalidExternalAlertOnly => "skip_invalid_external_alert_only",
        StopReason.SkipAwaitingVisibility => "skip_awaiting_visibility",
        StopReason.SkipInvalidDistToLiq => "skip_invalid_dist_to_liq",
        StopReason.NoPosition => "no_position",
        _ => "disabled",
    };
}
