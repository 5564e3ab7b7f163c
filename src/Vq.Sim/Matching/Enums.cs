namespace Vq.Sim.Matching;

// The simulator's own vocabulary. It deliberately does not reuse Vq.Core types: the simulator is an independent
// reading of Binance's protocol, so a misunderstanding in Core cannot hide behind a shared enum.

public enum Side { Buy, Sell }

public enum LegSide { Both, Long, Short }

public enum OrderKind { Limit, Market, Liquidation }

public enum TimeInForce { Gtc, Ioc, Fok, Gtx }

public enum OrderState { New, PartiallyFilled, Filled, Canceled, Expired }

public enum MarginMode { Cross, Isolated }

public enum WorkingType { ContractPrice, MarkPrice }

public enum AlgoKind { StopMarket, TakeProfitMarket }

public enum AlgoState { New, Canceled, Triggering, Triggered, Finished, Rejected, Expired }

/// <summary>ORDER_TRADE_UPDATE execution type (<c>x</c>).</summary>
public enum ExecType { New, Trade, Canceled, Expired, Amendment, Calculated }

internal static class EnumText
{
    public static string Of(Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static string Of(LegSide leg) => leg switch
    {
        LegSide.Long => "LONG",
        LegSide.Short => "SHORT",
        _ => "BOTH",
    };

    public static string Of(OrderKind kind) => kind switch
    {
        OrderKind.Limit => "LIMIT",
        OrderKind.Market => "MARKET",
        _ => "LIQUIDATION",
    };

    public static string Of(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC",
        TimeInForce.Ioc => "IOC",
        TimeInForce.Fok => "FOK",
        _ => "GTX",
    };

    public static string Of(OrderState state) => state switch
    {
        OrderState.New => "NEW",
        OrderState.PartiallyFilled => "PARTIALLY_FILLED",
        OrderState.Filled => "FILLED",
        OrderState.Canceled => "CANCELED",
        _ => "EXPIRED",
    };

    public static string Of(ExecType exec) => exec switch
    {
        ExecType.New => "NEW",
        ExecType.Trade => "TRADE",
        ExecType.Canceled => "CANCELED",
        ExecType.Expired => "EXPIRED",
        ExecType.Amendment => "AMENDMENT",
        _ => "CALCULATED",
    };

    public static string Of(WorkingType type) => type == WorkingType.MarkPrice ? "MARK_PRICE" : "CONTRACT_PRICE";

    public static string Of(AlgoKind kind) => kind == AlgoKind.StopMarket ? "STOP_MARKET" : "TAKE_PROFIT_MARKET";

    public static string Of(AlgoState state) => state switch
    {
        AlgoState.New => "NEW",
        AlgoState.Canceled => "CANCELED",
        AlgoState.Triggering => "TRIGGERING",
        AlgoState.Triggered => "TRIGGERED",
        AlgoState.Finished => "FINISHED",
        AlgoState.Rejected => "REJECTED",
        _ => "EXPIRED",
    };

    /// <summary>positionRisk and ACCOUNT_UPDATE spell margin types in lower case.</summary>
    public static string Of(MarginMode mode) => mode == MarginMode.Cross ? "cross" : "isolated";
}
