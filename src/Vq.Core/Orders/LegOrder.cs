using Vq.Core.Primitives;

namespace Vq.Core.Orders;

/// <summary>Who placed a resting order on a leg.</summary>
public enum OrderOwner : byte
{
    /// <summary>This run (client id starts with the run prefix).</summary>
    Own = 0,
    /// <summary>A user's order, another tool's, or an earlier run's (D21).</summary>
    External = 1,
}

/// <summary>A resting close order counted against a leg's reduce budget.</summary>
public struct LegOrder
{
    public ClientOrderId ClientOrderId { get; set; }
    /// <summary>0 until the exchange id is known (in flight).</summary>
    public long OrderId { get; set; }
    public OrderOwner Owner { get; set; }
    public decimal OrigQty { get; set; }
    public decimal CumFilledQty { get; set; }
    public decimal Price { get; set; }
    /// <summary>
    /// Set when REST said the order is finished (cancel accepted, -2011, an immediate fill) but the user stream has not
    /// confirmed it yet: fills the position has not seen may still be inside it, so it keeps reserving its remainder
    /// until the stream's terminal event, or this deadline, whichever comes first. 0 = open.
    /// </summary>
    public long GoneDeadlineMs { get; set; }
    /// <summary>Exchange time of the newest event applied, so a REST snapshot taken earlier cannot drop the order.</summary>
    public long LastEventTimeMs { get; set; }

    public readonly decimal Remaining => Math.Max(0m, OrigQty - CumFilledQty);
}
