using System.Globalization;
using Vq.Core.Config;
using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>What applying a matched panic tier changed.</summary>
public enum PanicTierTransition : byte
{
    /// <summary>Same tier as the last evaluation: nothing to log.</summary>
    Unchanged = 0,
    /// <summary>The episode just started: WARN <c>[RISK_TRIGGER] reason=panic_close</c> and notify.</summary>
    Entered = 1,
    /// <summary>Moved to another tier inside the episode: log and notify again.</summary>
    ChangedTier = 2,
}

/// <summary>
/// The per-leg panic state of SPEC §3.1/§4.3: <c>risk_active</c>, the TTL and maker-escalation overrides, and the
/// tier memo. Call <see cref="Apply"/> on every pass where a tier matched and <see cref="TryClear"/> on every pass
/// where none did. Single-threaded: owned by the leg's execution state.
/// </summary>
public sealed class PanicEpisode
{
    public const string ReasonCode = "panic_close";

    /// <summary><c>risk_active</c>. While set the leg never de-escalates to MAKER (D7).</summary>
    public bool IsActive { get; private set; }

    /// <summary><c>ttl_ms_override</c>: set once when the episode starts; the state machine uses it instead of <c>order_ttl_ms</c>.</summary>
    public int? TtlOverrideMs { get; private set; }

    /// <summary><c>maker_timeouts_to_escalate_override</c>: the current tier's value, refreshed on every pass.</summary>
    public int? MakerTimeoutsToEscalateOverride { get; private set; }

    /// <summary>The tier memo: the tier of the last pass, or null outside an episode.</summary>
    public PanicTier? Tier { get; private set; }

    /// <summary>The intent reason for the current tier, e.g. <c>panic_close@0.03</c> (built once per tier change).</summary>
    public string? Reason { get; private set; }

    /// <summary>A tier matched on this pass.</summary>
    public PanicTierTransition Apply(PanicTier tier, int orderTtlMs, decimal ttlPercent)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var transition = PanicTierTransition.Unchanged;
        if (!IsActive)
        {
            IsActive = true;
            TtlOverrideMs = TtlOverride(orderTtlMs, ttlPercent);
            transition = PanicTierTransition.Entered;
        }
        else if (Tier is null || Tier.DistToLiq != tier.DistToLiq || Tier.SliceRatio != tier.SliceRatio)
        {
            transition = PanicTierTransition.ChangedTier;
        }

        if (transition != PanicTierTransition.Unchanged || Reason is null)
        {
            Reason = FormatReason(tier.DistToLiq);
        }

        Tier = tier;
        MakerTimeoutsToEscalateOverride = tier.MakerTimeoutsToEscalate;
        return transition;
    }

    /// <summary>
    /// No tier matched on this pass. The episode ends (flag, overrides, memo cleared) only when the leg is IDLE, so an
    /// order placed under the overrides finishes under them. Returns true when an episode was actually ended.
    /// </summary>
    public bool TryClear(LegState state)
    {
        if (state != LegState.Idle || (!IsActive && Tier is null))
        {
            return false;
        }

        Reset();
        return true;
    }

    /// <summary>The position is gone or done: drop everything regardless of state.</summary>
    public void Reset()
    {
        IsActive = false;
        TtlOverrideMs = null;
        MakerTimeoutsToEscalateOverride = null;
        Tier = null;
        Reason = null;
    }

    /// <summary><c>max(1, floor(order_ttl_ms × ttl_percent))</c>, e.g. 4000 × 0.5 = 2000.</summary>
    public static int TtlOverride(int orderTtlMs, decimal ttlPercent)
    {
        var raw = decimal.Floor(orderTtlMs * ttlPercent);
        return raw < 1m ? 1 : raw > int.MaxValue ? int.MaxValue : (int)raw;
    }

    /// <summary><c>panic_close@&lt;tier dist&gt;</c> with the decimal in full, no exponent (D12).</summary>
    public static string FormatReason(decimal tierDistToLiq) =>
        string.Concat(ReasonCode, "@", Rounding.Normalize(tierDistToLiq).ToString(CultureInfo.InvariantCulture));
}
