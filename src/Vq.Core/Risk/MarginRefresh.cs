namespace Vq.Core.Risk;

/// <summary>
/// P19: ACCOUNT_UPDATE events after which the liquidation price is stale, so positions must be re-read by REST
/// (ACCOUNT_UPDATE carries no liquidation price). Refreshes are debounced and coalesced: the first such event arms a
/// refresh <c>debounceMs</c> later, and events until then ride on it.
/// </summary>
public sealed class MarginRefresh(int debounceMs)
{
    private long _dueAtMs;

    /// <summary>True while a refresh is armed and not yet taken.</summary>
    public bool IsArmed => _dueAtMs > 0;

    /// <summary>
    /// The SPEC rule: reason MARGIN_TRANSFER, ASSET_TRANSFER or MARGIN_TYPE_CHANGE; or a balance change (<c>bc ≠ 0</c>)
    /// that moved no position and was not an ORDER.
    /// </summary>
    public static bool IsMarginEvent(string reason, bool balanceChanged, bool positionChanged) =>
        reason is "MARGIN_TRANSFER" or "ASSET_TRANSFER" or "MARGIN_TYPE_CHANGE"
        || (balanceChanged && !positionChanged && reason != "ORDER");

    /// <summary>A margin event at <paramref name="nowMs"/>: arms the refresh unless one is already pending.</summary>
    public void OnMarginEvent(long nowMs)
    {
        if (_dueAtMs == 0)
        {
            // Never 0 when armed, whatever the clock's origin.
            _dueAtMs = Math.Max(nowMs + Math.Max(debounceMs, 0), 1);
        }
    }

    /// <summary>True once when the armed refresh is due; the caller then refreshes every position and syncs stops.</summary>
    public bool TryTakeDue(long nowMs)
    {
        if (_dueAtMs == 0 || nowMs < _dueAtMs)
        {
            return false;
        }

        _dueAtMs = 0;
        return true;
    }

    /// <summary>A full refresh happened anyway (periodic, recalibration): a pending one would only repeat it.</summary>
    public void Satisfied() => _dueAtMs = 0;
}
