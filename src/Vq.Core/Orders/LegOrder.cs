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

    public readonly decimal Remaining => Math.Max(0m, OrigQty - CumFilledQty);
}
