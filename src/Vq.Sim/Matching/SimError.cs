namespace Vq.Sim.Matching;

/// <summary>A Binance rejection: the numeric code, the HTTP status it travels with and the message text.</summary>
public readonly record struct SimError(int Code, int HttpStatus, string Message);

/// <summary>
/// Binance's error catalogue as the simulator uses it (BINANCE.md §4.2). Codes are stable; messages follow the live
/// wording where it is known.
/// </summary>
public static class Errors
{
    public static SimError UnknownError => new(-1000, 503, "Unknown error, please check your request or try again later.");
    public static SimError TooManyRequests(int limit) => new(-1003, 429,
        $"Too many requests; current limit of IP(127.0.0.1) is {limit} requests per minute. Please use the websocket for live updates to avoid polling the API.");
    public static SimError Banned(long untilMs) => new(-1003, 418,
        $"Way too many requests; IP(127.0.0.1) banned until {untilMs}. Please use the websocket for live updates to avoid bans.");
    public static SimError TooManyOrders(int limit, string interval) => new(-1015, 429, $"Too many new orders; current limit is {limit} orders per {interval}.");
    public static SimError TimestampOutside => new(-1021, 400, "Timestamp for this request is outside of the recvWindow.");
    public static SimError TimestampAhead => new(-1021, 400, "Timestamp for this request was 1000ms ahead of the server's time.");
    public static SimError BadSignature => new(-1022, 400, "Signature for this request is not valid.");
    public static SimError Mandatory(string name) => new(-1102, 400, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");
    public static SimError NotRequired(string name) => new(-1106, 400, $"Parameter '{name}' sent when not required.");
    public static SimError Precision => new(-1111, 400, "Precision is over the maximum defined for this asset.");
    public static SimError InvalidTimeInForce => new(-1115, 400, "Invalid timeInForce.");
    public static SimError InvalidOrderType => new(-1116, 400, "Invalid orderType.");
    public static SimError InvalidSide => new(-1117, 400, "Invalid side.");
    public static SimError InvalidSymbol => new(-1121, 400, "Invalid symbol.");
    public static SimError ListenKeyMissing => new(-1125, 400, "This listenKey does not exist.");
    public static SimError RecvWindowTooLarge => new(-1131, 400, "recvWindow must be less than 60000");
    public static SimError UnknownOrder => new(-2011, 400, "Unknown order sent.");
    public static SimError OrderMissing => new(-2013, 400, "Order does not exist.");
    public static SimError ApiKeyFormat => new(-2014, 401, "API-key format invalid.");
    public static SimError ApiKeyInvalid => new(-2015, 401, "Invalid API-key, IP, or permissions for action.");
    public static SimError WouldTrigger => new(-2021, 400, "Order would immediately trigger.");
    public static SimError ReduceOnlyRejected => new(-2022, 400, "ReduceOnly Order is rejected.");
    public static SimError MaxOpenOrders => new(-2025, 400, "Reach max open order limit.");
    public static SimError QtyNotPositive => new(-4003, 400, "Quantity less than or equal to zero.");
    public static SimError QtyBelowMin => new(-4004, 400, "Quantity less than min quantity.");
    public static SimError QtyAboveMax => new(-4005, 400, "Quantity greater than max quantity.");
    public static SimError PriceBelowMin => new(-4013, 400, "Price less than min price.");
    public static SimError PriceTick => new(-4014, 400, "Price not increased by tick size.");
    public static SimError ClientIdInvalid => new(-4015, 400, "Client order id is not valid.");
    public static SimError PriceAboveUp(string bound) => new(-4016, 400, $"Limit price can't be higher than {bound}.");
    public static SimError QtyStep => new(-4023, 400, "Qty not increased by step size.");
    public static SimError PriceBelowDown(string bound) => new(-4024, 400, $"Limit price can't be lower than {bound}.");
    public static SimError PositionSideMismatch => new(-4061, 400, "Order's position side does not match user's setting.");
    public static SimError ClientIdDuplicated => new(-4116, 400, "clientOrderId is duplicated.");
    public static SimError UseAlgoApi => new(-4120, 400, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
    public static SimError MarketPercentPrice => new(-4131, 400, "The counterparty's best price does not meet the PERCENT_PRICE filter limit.");
    public static SimError ClosePositionExists => new(-4130, 400, "An open stop or take profit order with GTE and closePosition in the direction is existing.");
    public static SimError ClosePositionWithQty => new(-4137, 400, "Quantity must be zero with closePosition equals true.");
    public static SimError ClosePositionWithReduceOnly => new(-4138, 400, "Reduce only must be true with closePosition equals true.");
    public static SimError MinNotional(string notional) => new(-4164, 400, $"Order's notional must be no smaller than {notional} (unless you choose reduce only).");
    public static SimError FokRejected => new(-5021, 400, "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history");
    public static SimError PostOnlyRejected => new(-5022, 400, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history");
    public static SimError ModifyOnlyLimit => new(-5025, 400, "Only limit order is supported.");
    public static SimError ModifyNoChange => new(-5027, 400, "No need to modify the order.");
}
