using System.Net.Http;
using System.Net.Sockets;
using Vq.Binance.Rest;

namespace Vq.Binance.Tests.Rest;

public sealed class ErrorClassifierTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_931_000_000);

    // Every row of BINANCE.md §4.2 plus the "other HTTP statuses" list.
    public static TheoryData<int, int, string, ApiOutcome> Codes => new()
    {
        { 429, -1003, "Too many requests; current limit of IP(x.x.x.x) is 2400 requests per minute.", ApiOutcome.RateLimited },
        { 418, -1003, "Way too many requests; IP(1.2.3.4) banned until 1790931239698. Please use the websocket.", ApiOutcome.Banned },
        { 503, -1008, "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try again.", ApiOutcome.Transient },
        { 429, -1015, "Too many new orders; current limit is 300 orders per 10 SECOND.", ApiOutcome.RateLimited },
        { 400, -1015, "Too many new orders", ApiOutcome.RateLimited },
        { 400, -1021, "Timestamp for this request is outside of the recvWindow.", ApiOutcome.ClockSkew },
        { 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.", ApiOutcome.ClockSkew },
        { 400, -1022, "Signature for this request is not valid.", ApiOutcome.AuthFailure },
        { 401, -2014, "API-key format invalid.", ApiOutcome.AuthFailure },
        { 401, -2015, "Invalid API-key, IP, or permissions for action.", ApiOutcome.AuthFailure },
        { 400, -1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.", ApiOutcome.Rejected },
        { 400, -1106, "Parameter 'reduceonly' sent when not required.", ApiOutcome.Rejected },
        { 400, -1111, "Precision is over the maximum defined for this asset.", ApiOutcome.Rejected },
        { 400, -1116, "Invalid orderType.", ApiOutcome.Rejected },
        { 400, -1121, "Invalid symbol.", ApiOutcome.Rejected },
        { 400, -1125, "This listenKey does not exist.", ApiOutcome.Rejected },
        { 400, -2011, "Unknown order sent.", ApiOutcome.Rejected },
        { 400, -2013, "Order does not exist.", ApiOutcome.Rejected },
        { 400, -2019, "Margin is insufficient.", ApiOutcome.Rejected },
        { 400, -2021, "Order would immediately trigger.", ApiOutcome.Rejected },
        { 400, -2022, "ReduceOnly Order is rejected.", ApiOutcome.Rejected },
        { 400, -2025, "Reach max open order limit.", ApiOutcome.Rejected },
        { 400, -4003, "Quantity less than zero.", ApiOutcome.Rejected },
        { 400, -4004, "Quantity less than min quantity.", ApiOutcome.Rejected },
        { 400, -4005, "Quantity greater than max quantity.", ApiOutcome.Rejected },
        { 400, -4013, "Price less than min price.", ApiOutcome.Rejected },
        { 400, -4014, "Price not increased by tick size.", ApiOutcome.Rejected },
        { 400, -4023, "Qty not increased by step size.", ApiOutcome.Rejected },
        { 400, -4015, "Client order id is not valid.", ApiOutcome.Rejected },
        { 400, -4016, "Limit price can't be higher than 1.", ApiOutcome.Rejected },
        { 400, -4024, "Limit price can't be lower than 1.", ApiOutcome.Rejected },
        { 400, -4061, "Order's position side does not match user's setting.", ApiOutcome.Rejected },
        { 400, -4116, "clientOrderId is duplicated", ApiOutcome.Rejected },
        { 400, -4118, "ReduceOnly Order Failed. Please check your existing position and open orders", ApiOutcome.Rejected },
        { 400, -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.", ApiOutcome.Rejected },
        { 400, -4131, "The counterparty's best price does not meet the PERCENT_PRICE filter limit", ApiOutcome.Rejected },
        { 400, -4137, "quantity with closePosition", ApiOutcome.Rejected },
        { 400, -4138, "Reduce only must be true with closePosition", ApiOutcome.Rejected },
        { 400, -4142, "REJECT: take profit or stop order will be triggered immediately", ApiOutcome.Rejected },
        { 400, -4164, "Order's notional must be no smaller than 100 (unless you choose reduce only)", ApiOutcome.Rejected },
        { 400, -5021, "Due to the order could not be filled immediately, the FOK order has been rejected.", ApiOutcome.Rejected },
        { 400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history", ApiOutcome.Rejected },
        { 400, -5027, "No need to modify the order.", ApiOutcome.Rejected },
        { 400, -5028, "Timestamp for this request is outside of the ME recvWindow.", ApiOutcome.ClockSkew },
        { 400, -5029, "Order's notional must be no smaller than 5.", ApiOutcome.Rejected },
        { 403, 0, "WAF block", ApiOutcome.AuthFailure },
        { 408, 0, "backend timeout", ApiOutcome.Unknown },
        { 503, 0, "Unknown error, please check your request or try again later.", ApiOutcome.Unknown },
        { 503, 0, "Service Unavailable.", ApiOutcome.Transient },
        { 503, 0, "Internal error; unable to process your request. Please try again.", ApiOutcome.Transient },
        { 500, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.", ApiOutcome.Unknown },
        { 400, -1007, "Timeout waiting for response from backend server.", ApiOutcome.Unknown },
        { 502, 0, "Bad Gateway", ApiOutcome.Unknown },
        { 200, 0, "", ApiOutcome.Ok },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_documented_code_maps_to_its_outcome(int status, int code, string message, ApiOutcome expected)
    {
        var (outcome, error) = ErrorClassifier.Classify(status, code, message, null, s_now);
        Assert.Equal(expected, outcome);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Rate_limit_carries_retry_after_or_the_safe_default()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), ErrorClassifier.Classify(429, -1003, "x", TimeSpan.FromSeconds(7), s_now).Error.RetryAfter);
        Assert.Equal(ErrorClassifier.DefaultRateLimitHold, ErrorClassifier.Classify(429, -1003, "x", null, s_now).Error.RetryAfter);
    }

    [Fact]
    public void Ban_end_comes_from_the_message_then_retry_after_then_the_default()
    {
        var fromMessage = ErrorClassifier.Classify(418, -1003, "IP(1.2.3.4) banned until 1790931239698. Please", null, s_now).Error;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790931239698), fromMessage.BannedUntil);
        Assert.Equal(TimeSpan.FromMilliseconds(239698), fromMessage.RetryAfter);
        Assert.Equal(s_now + TimeSpan.FromSeconds(30), ErrorClassifier.Classify(418, 0, null, TimeSpan.FromSeconds(30), s_now).Error.BannedUntil);
        Assert.Equal(s_now + ErrorClassifier.DefaultBan, ErrorClassifier.Classify(418, 0, "", null, s_now).Error.BannedUntil);
    }

    [Fact]
    public void Transport_failures_are_unknown_unless_the_connection_never_opened()
    {
        Assert.Equal(ApiOutcome.Unknown, ErrorClassifier.ClassifyTransport(new TaskCanceledException("timeout")).Outcome);
        Assert.Equal(ApiOutcome.Unknown, ErrorClassifier.ClassifyTransport(new HttpRequestException("response ended prematurely")).Outcome);
        Assert.Equal(ApiOutcome.Transient, ErrorClassifier.ClassifyTransport(
            new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))).Outcome);
        Assert.Equal(ApiOutcome.Transient, ErrorClassifier.ClassifyTransport(
            new HttpRequestException(HttpRequestError.ConnectionError, "no route")).Outcome);
    }
}
