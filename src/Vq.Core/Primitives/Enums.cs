namespace Vq.Core.Primitives;

/// <summary>A hedge-mode leg. LONG is closed by SELL, SHORT by BUY (SPEC §0).</summary>
public enum PositionSide : byte
{
    Long = 0,
    Short = 1,
}

public enum OrderSide : byte
{
    Buy = 0,
    Sell = 1,
}

public enum TimeInForce : byte
{
    Gtc = 0,
    Ioc = 1,
    Fok = 2,
    /// <summary>Post-only: rejected with -5022 if it would take liquidity.</summary>
    Gtx = 3,
}

/// <summary>Order status after D11 mapping (EXPIRED_IN_MATCH → Expired).</summary>
public enum OrderStatus : byte
{
    New = 0,
    PartiallyFilled = 1,
    Filled = 2,
    Canceled = 3,
    Rejected = 4,
    Expired = 5,
}

public enum ExecutionMode : byte
{
    MakerOnly = 0,
    AggressiveLimit = 1,
}

/// <summary>The per-leg execution state of SPEC §3.1.</summary>
public enum LegState : byte
{
    Idle = 0,
    Placing = 1,
    Waiting = 2,
    Canceling = 3,
    Cooldown = 4,
}

public enum MakerPriceMode : byte
{
    AtTouch = 0,
    InsideSpread1Tick = 1,
    CustomTicks = 2,
}

public static class SideExtensions
{
    /// <summary>The order side that closes (reduces) this leg.</summary>
    public static OrderSide CloseSide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    public static string WireName(this PositionSide side) => side == PositionSide.Long ? "LONG" : "SHORT";

    public static string WireName(this OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";

    public static string WireName(this TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC",
        TimeInForce.Ioc => "IOC",
        TimeInForce.Fok => "FOK",
        _ => "GTX",
    };

    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;
}
