using Vq.Binance.Protocol;
using Vq.Core.Risk;

namespace Vq.Live;

/// <summary>
/// P19's event-driven half: an ACCOUNT_UPDATE that changes margin (a transfer, a margin-type change, a balance change
/// without a position change) leaves the liquidation price stale; after <c>margin_refresh_debounce_s</c> every symbol
/// is re-read by REST, and each inspection requests a stop sync.
/// </summary>
internal sealed partial class EngineLoop
{
    private MarginRefresh _marginRefresh = new(2000);

    /// <summary>Before <see cref="Start"/>: <c>account.margin_refresh_debounce_s</c> in milliseconds.</summary>
    public int MarginRefreshDebounceMs
    {
        init => _marginRefresh = new MarginRefresh(value);
    }

    private void NoteMarginEvent(AccountUpdate update, long now)
    {
        var balanceChanged = false;
        foreach (var balance in update.Balances)
        {
            balanceChanged |= balance.BalanceChange != 0m;
        }

        if (!MarginRefresh.IsMarginEvent(update.Reason, balanceChanged, update.Positions.Count > 0))
        {
            return;
        }

        if (!_marginRefresh.IsArmed)
        {
            _log.Line("margin_event", $"reason={update.Reason} balance_changed={(balanceChanged ? "true" : "false")} action=refresh_positions_debounced");
        }

        _marginRefresh.OnMarginEvent(now);
    }

    /// <summary>Timer pass: runs the armed margin refresh when due; a periodic refresh that just ran satisfies it.</summary>
    private void RefreshAfterMarginEvent(long now, bool periodicRefreshJustRan)
    {
        if (periodicRefreshJustRan)
        {
            _marginRefresh.Satisfied();
            return;
        }

        if (_shuttingDown || !_marginRefresh.TryTakeDue(now))
        {
            return;
        }

        _log.Line("position_refresh", $"reason=margin_event symbols={Engine.SymbolCount}");
        for (var i = 0; i < Engine.SymbolCount; i++)
        {
            _gateway.Inspect(i, Engine.Symbol(i).Name, isRecalibration: false);
        }
    }
}
