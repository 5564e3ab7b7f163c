using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>
/// What this process knows about one leg's protective stop between syncs: the stop it placed or adopted, the
/// liquidation price at placement (for the controlled loosen, P16), the last loosen time, and the log-once memos
/// (P17). The planner only reads it; the executor reports outcomes with <see cref="Apply"/> and
/// <see cref="OnPlaced"/>, and user-data events with <see cref="OnOwnStopTerminal"/>.
/// Single-threaded: owned by the symbol's stop sync, which never runs twice at once (P18).
/// </summary>
public sealed class ProtectiveStopMemory
{
    public bool HasStop { get; private set; }

    public ClientOrderId ClientId { get; private set; }

    /// <summary>The algoId of our stop: also proves ownership when the id prefix does not (P13).</summary>
    public long AlgoId { get; private set; }

    public decimal TriggerPrice { get; private set; }

    /// <summary>The liquidation price when the current stop was placed or adopted; the loosen rule measures from it.</summary>
    public decimal LiquidationAtPlacement { get; private set; }

    /// <summary>When we placed the current stop (monotonic ms), or null when it was adopted.</summary>
    public long? PlacedAtMs { get; private set; }

    public long? LastLoosenAtMs { get; private set; }

    /// <summary>The skip reason already logged in the current episode; reset once the side is maintained normally.</summary>
    public StopReason? LoggedSkip { get; private set; }

    /// <summary>The invalid external order already alerted (alert-only mode), so each one is reported once.</summary>
    public long AlertedExternalOrderId { get; private set; }

    /// <summary>Reports what happened to a decision other than a successful <see cref="StopAction.Place"/>.</summary>
    public void Apply(in StopDecision decision, bool succeeded)
    {
        switch (decision.Action)
        {
            case StopAction.Keep:
                Adopt(decision);
                LoggedSkip = null;
                break;
            case StopAction.Skip:
                LoggedSkip = decision.Reason;
                break;
            case StopAction.Forget:
                Forget();
                break;
            case StopAction.Alert:
                AlertedExternalOrderId = decision.Order.OrderId;
                break;
            case StopAction.Cancel when succeeded:
                if (decision.Reason == StopReason.CancelInvalidExternalStop)
                {
                    AlertedExternalOrderId = decision.Order.OrderId;
                }
                else if (decision.Reason == StopReason.CancelForReplace)
                {
                    // The old stop is gone; its placement liq and loosen time still govern the replacement.
                    HasStop = false;
                    AlgoId = 0;
                    ClientId = default;
                    PlacedAtMs = null;
                }
                else if (decision.Reason != StopReason.CancelDuplicate)
                {
                    Forget();
                }

                break;
            case StopAction.Place when !succeeded:
                HasStop = false;
                AlgoId = 0;
                ClientId = default;
                PlacedAtMs = null;
                break;
        }
    }

    /// <summary>A <see cref="StopAction.Place"/> was acknowledged with this id and algoId.</summary>
    public void OnPlaced(in StopDecision decision, ClientOrderId clientId, long algoId, long nowMs)
    {
        HasStop = true;
        ClientId = clientId;
        AlgoId = algoId;
        TriggerPrice = decision.TriggerPrice;
        LiquidationAtPlacement = decision.LiquidationPrice ?? 0m;
        PlacedAtMs = nowMs;
        if (decision.Reason == StopReason.ReplaceLoosen)
        {
            LastLoosenAtMs = nowMs;
        }

        LoggedSkip = null;
    }

    /// <summary>
    /// <c>ORDER_TRADE_UPDATE</c> or <c>ALGO_UPDATE</c> reported our stop terminal (filled, cancelled, triggered, expired,
    /// rejected, finished): drop it, then request a sync.
    /// </summary>
    public void OnOwnStopTerminal() => Forget();

    public void Forget()
    {
        HasStop = false;
        ClientId = default;
        AlgoId = 0;
        TriggerPrice = 0m;
        LiquidationAtPlacement = 0m;
        PlacedAtMs = null;
        LastLoosenAtMs = null;
    }

    /// <summary>True when <paramref name="order"/> is the stop this memory recorded.</summary>
    public bool Knows(in ScannedOrder order) =>
        HasStop && ((AlgoId != 0 && order.Book == OrderBook.Algo && order.OrderId == AlgoId) ||
                    (!ClientId.IsEmpty && order.ClientId == ClientId));

    private void Adopt(in StopDecision decision)
    {
        var sameStop = Knows(decision.Order);
        HasStop = true;
        AlgoId = decision.Order.OrderId;
        ClientId = decision.Order.ClientId;
        TriggerPrice = decision.TriggerPrice;
        if (!sameStop || LiquidationAtPlacement <= 0m)
        {
            // Adopted from an earlier run (or a stop we lost track of): the best reference is today's liq.
            LiquidationAtPlacement = decision.LiquidationPrice ?? 0m;
            PlacedAtMs = null;
        }
    }
}
