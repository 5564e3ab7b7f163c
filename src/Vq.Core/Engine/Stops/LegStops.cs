using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>One leg's protective-stop state across syncs. Owner thread only.</summary>
internal sealed class LegStops
{
    private ExternalTakeoverSettings _latchSettings;

    public LegStops(string exchangeSymbol, PositionSide side, ExternalTakeoverSettings takeover)
    {
        Identity = new ProtectiveStopIdentity(exchangeSymbol, side);
        _latchSettings = takeover;
        Latch = new ExternalTakeoverLatch(takeover);
    }

    public ProtectiveStopIdentity Identity { get; }

    public PositionSide Side => Identity.Side;

    public ProtectiveStopMemory Memory { get; } = new();

    public ExternalTakeoverLatch Latch { get; private set; }

    /// <summary>The id of the placement in flight; a terminal event for it may beat the REST answer.</summary>
    public ClientOrderId PendingPlaceId { get; set; }

    /// <summary>The placement in flight was already reported terminal (rejected, expired, triggered).</summary>
    public bool PendingPlaceTerminated { get; set; }

    /// <summary>The last own stop we asked to cancel: its terminal event is expected and needs no new sync.</summary>
    public ScannedOrder LastCancelledOwn { get; set; }

    /// <summary>A reload changed <c>external_takeover</c>: the latch restarts with the new settings (the next scan re-latches).</summary>
    public void UseTakeoverSettings(ExternalTakeoverSettings takeover)
    {
        if (!takeover.Equals(_latchSettings))
        {
            _latchSettings = takeover;
            Latch = new ExternalTakeoverLatch(takeover);
        }
    }

    public bool IsOwn(in StopOrderEvent e) =>
        (e.PositionSide is null || e.PositionSide == Side) &&
        (Identity.IsOwn(e.ClientId) || (e.Book == OrderBook.Algo && Memory.AlgoId != 0 && e.OrderId == Memory.AlgoId));

    public static bool IsSameOrder(in ScannedOrder order, in StopOrderEvent e) =>
        (order.Book == e.Book && order.OrderId != 0 && order.OrderId == e.OrderId) ||
        (!order.ClientId.IsEmpty && order.ClientId == e.ClientId);
}
