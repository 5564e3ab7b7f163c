using Vq.Binance.Json;
using Vq.Binance.Protocol;

namespace Vq.Binance.Rest;

// Order and algo-order endpoints (BINANCE.md §3.6, §3.8, §3.10). Placement is never retried blindly: an Unknown
// outcome is resolved by querying the client order id (§4.2, §9 #10).
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// <c>POST /fapi/v1/order</c> LIMIT (0 IP weight; 1 on each order counter). On an Unknown outcome the order is
    /// looked up by <c>origClientOrderId</c>: found → Ok with <see cref="OrderInfo.ResolvedByQuery"/>; not found on
    /// every attempt → Rejected with -2013 (it was not placed); otherwise the result stays Unknown and the user
    /// stream decides (D10).
    /// </summary>
    public async Task<ApiResult<OrderInfo>> PlaceLimitOrderAsync(LimitOrderRequest order, CancellationToken cancellationToken)
    {
        var placed = await SendAsync(HttpMethod.Post, "/fapi/v1/order", Security.Signed, 0, 1, order, WriteLimit,
            Readers.OrderInfo, cancellationToken).ConfigureAwait(false);
        if (placed.Outcome != ApiOutcome.Unknown)
        {
            return placed;
        }

        return await ResolveUnknownPlacementAsync(OrderRef.ByClientId(order.Symbol, order.ClientOrderId), placed, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /fapi/v1/order</c> (weight 1, no order count: it goes on during an order-count hold). -2011
    /// (Rejected) means the order is already gone.
    /// </summary>
    public Task<ApiResult<OrderInfo>> CancelOrderAsync(OrderRef order, CancellationToken cancellationToken) =>
        CancelOrderAsync(order, RequestUrgency.Normal, cancellationToken);

    /// <summary>As above; <see cref="RequestUrgency.ShutdownCancel"/> may pass an IP-weight hold (see there).</summary>
    public Task<ApiResult<OrderInfo>> CancelOrderAsync(OrderRef order, RequestUrgency urgency, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/order", Security.Signed, 1, 0, urgency, order, WriteOrderRef,
            Readers.OrderInfo, cancellationToken);

    /// <summary><c>GET /fapi/v1/order</c> (weight 1). -2013 (Rejected) means no such order.</summary>
    public Task<ApiResult<OrderInfo>> QueryOrderAsync(OrderRef order, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/order", Security.Signed, 1, 0, order, WriteOrderRef,
            Readers.OrderInfo, cancellationToken);

    /// <summary><c>GET /fapi/v1/openOrders</c> (weight 1 with a symbol, 40 without). Algo orders are not included.</summary>
    public Task<ApiResult<List<OrderInfo>>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", Security.Signed, string.IsNullOrEmpty(symbol) ? 40 : 1, 0, symbol,
            WriteOptionalSymbol, Readers.ListOrderInfo, cancellationToken);

    /// <summary>
    /// <c>POST /fapi/v1/algoOrder</c>: the protective STOP_MARKET (closePosition, MARK_PRICE). An Unknown outcome
    /// is resolved by querying <c>clientAlgoId</c>, as for plain orders.
    /// </summary>
    public async Task<ApiResult<AlgoOrderInfo>> PlaceStopMarketAsync(StopMarketRequest stop, CancellationToken cancellationToken)
    {
        var placed = await SendAsync(HttpMethod.Post, "/fapi/v1/algoOrder", Security.Signed, 0, 1, stop, WriteStop,
            Readers.AlgoOrderInfo, cancellationToken).ConfigureAwait(false);
        if (placed.Outcome != ApiOutcome.Unknown)
        {
            return placed;
        }

        for (var attempt = 0; attempt < _options.UnknownOrderQueryAttempts; attempt++)
        {
            await Task.Delay(_options.UnknownOrderQueryDelay, _time, cancellationToken).ConfigureAwait(false);
            var query = await QueryAlgoOrderAsync(AlgoOrderRef.ByClientId(stop.Symbol, stop.ClientAlgoId), cancellationToken).ConfigureAwait(false);
            if (query.IsOk)
            {
                return query;
            }
        }

        return placed;
    }

    /// <summary><c>DELETE /fapi/v1/algoOrder</c> (weight 1, no order count); the response's <c>code</c> is a string.</summary>
    public Task<ApiResult<AlgoCancelResult>> CancelAlgoOrderAsync(AlgoOrderRef algo, CancellationToken cancellationToken) =>
        CancelAlgoOrderAsync(algo, RequestUrgency.Normal, cancellationToken);

    /// <summary>As above; <see cref="RequestUrgency.ShutdownCancel"/> may pass an IP-weight hold.</summary>
    public Task<ApiResult<AlgoCancelResult>> CancelAlgoOrderAsync(AlgoOrderRef algo, RequestUrgency urgency,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", Security.Signed, 1, 0, urgency, algo, WriteAlgoRef,
            Readers.AlgoCancelResult, cancellationToken);

    /// <summary><c>GET /fapi/v1/algoOrder</c> (weight 1).</summary>
    public Task<ApiResult<AlgoOrderInfo>> QueryAlgoOrderAsync(AlgoOrderRef algo, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/algoOrder", Security.Signed, 1, 0, algo, WriteAlgoRef,
            Readers.AlgoOrderInfo, cancellationToken);

    /// <summary><c>GET /fapi/v1/openAlgoOrders</c> (1 with a symbol, 40 without); bare array or <c>{data:[…]}</c>.</summary>
    public async Task<ApiResult<List<AlgoOrderInfo>>> GetOpenAlgoOrdersAsync(string? symbol, CancellationToken cancellationToken)
    {
        var raw = await SendAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", Security.Signed, string.IsNullOrEmpty(symbol) ? 40 : 1, 0,
            symbol, WriteOptionalSymbol, Readers.Raw, cancellationToken).ConfigureAwait(false);
        if (!raw.IsOk)
        {
            return raw.Cast<List<AlgoOrderInfo>>();
        }

        try
        {
            var list = ParseAlgoOrderList(raw.Value!);
            return list is null
                ? ApiResult.Fail<List<AlgoOrderInfo>>(ApiOutcome.Unknown, new ApiError(200, 0, "empty open algo orders body"))
                : ApiResult.Ok(list);
        }
        catch (System.Text.Json.JsonException e)
        {
            return ApiResult.Fail<List<AlgoOrderInfo>>(ApiOutcome.Unknown, new ApiError(200, 0, "unreadable open algo orders: " + e.Message));
        }
    }

    private async Task<ApiResult<OrderInfo>> ResolveUnknownPlacementAsync(OrderRef byClientId, ApiResult<OrderInfo> placed,
        CancellationToken cancellationToken)
    {
        var notFound = 0;
        for (var attempt = 0; attempt < _options.UnknownOrderQueryAttempts; attempt++)
        {
            await Task.Delay(_options.UnknownOrderQueryDelay, _time, cancellationToken).ConfigureAwait(false);
            var query = await QueryOrderAsync(byClientId, cancellationToken).ConfigureAwait(false);
            if (query.IsOk)
            {
                var found = query.Value!;
                return ApiResult.Ok(new OrderInfo
                {
                    OrderId = found.OrderId, Symbol = found.Symbol, Status = found.Status, ClientOrderId = found.ClientOrderId,
                    Price = found.Price, AvgPrice = found.AvgPrice, OrigQty = found.OrigQty, ExecutedQty = found.ExecutedQty,
                    CumQuote = found.CumQuote, TimeInForce = found.TimeInForce, Type = found.Type, OrigType = found.OrigType,
                    ReduceOnly = found.ReduceOnly, ClosePosition = found.ClosePosition, Side = found.Side,
                    PositionSide = found.PositionSide, StopPrice = found.StopPrice, WorkingType = found.WorkingType,
                    Time = found.Time, UpdateTime = found.UpdateTime, ResolvedByQuery = true,
                });
            }

            if (query.Outcome == ApiOutcome.Rejected && query.Error.Code == -2013)
            {
                notFound++;
            }
        }

        return notFound == _options.UnknownOrderQueryAttempts
            ? ApiResult.Fail<OrderInfo>(ApiOutcome.Rejected, new ApiError(placed.Error.HttpStatus, -2013,
                "placement outcome was unknown and the order does not exist: not placed (" + placed.Error.Message + ")"))
            : placed;
    }

    private static EncodeError WriteLimit(ref QueryWriter writer, in LimitOrderRequest order) => OrderEncoder.WriteLimitOrder(ref writer, order);

    private static EncodeError WriteOrderRef(ref QueryWriter writer, in OrderRef order) => OrderEncoder.WriteOrderRef(ref writer, order);

    private static EncodeError WriteStop(ref QueryWriter writer, in StopMarketRequest stop) => OrderEncoder.WriteStopMarket(ref writer, stop);

    private static EncodeError WriteAlgoRef(ref QueryWriter writer, in AlgoOrderRef algo) => OrderEncoder.WriteAlgoRef(ref writer, algo);
}
