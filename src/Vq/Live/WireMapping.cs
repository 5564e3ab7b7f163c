using Vq.Binance.Json;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;
using Vq.Core.Execution;
using Vq.Core.Orders;
using Vq.Core.Positions;
using Vq.Core.Primitives;
using Vq.Core.Risk;
using BinanceOrderType = Vq.Binance.Protocol.OrderType;

namespace Vq.Live;

/// <summary>Wire shapes (Vq.Binance) → engine shapes (Vq.Core). Pure and stateless.</summary>
internal static class WireMapping
{
    /// <summary>§4.2 of BINANCE.md as the engine needs it: accepted / rejected(code) / rate-limited / unknown / failed.</summary>
    public static PlaceResult ToPlaceResult(ClientOrderId id, in ApiResult<OrderInfo> result)
    {
        switch (result.Outcome)
        {
            case ApiOutcome.Ok:
                var order = result.Value!;
                return new PlaceResult(id, PlaceOutcome.Accepted, order.OrderId, ParseStatus(order.Status), order.ExecutedQty, order.AvgPrice ?? 0m);
            case ApiOutcome.Rejected:
                return new PlaceResult(id, PlaceOutcome.Rejected, ErrorCode: result.Error.Code);
            case ApiOutcome.RateLimited:
            case ApiOutcome.Banned:
                return new PlaceResult(id, PlaceOutcome.RateLimited, ErrorCode: result.Error.Code, RetryAfterMs: RetryAfterMs(result.Error));
            case ApiOutcome.Unknown:
                return new PlaceResult(id, PlaceOutcome.Unknown, ErrorCode: result.Error.Code);
            default:
                // Transient, clock skew and auth failures were refused before execution: definitely not placed.
                return new PlaceResult(id, PlaceOutcome.Failed, ErrorCode: result.Error.Code);
        }
    }

    /// <summary>How long the client holds requests after this refusal: Retry-After, else the ban's end.</summary>
    internal static int RetryAfterMs(in ApiError error)
    {
        var wait = error.RetryAfter > TimeSpan.Zero ? error.RetryAfter
            : error.BannedUntil is { } until ? until - DateTimeOffset.UtcNow : TimeSpan.Zero;
        return wait <= TimeSpan.Zero ? 0 : (int)Math.Min(wait.TotalMilliseconds, int.MaxValue);
    }

    public static CancelResult ToCancelResult(ClientOrderId id, in ApiResult<OrderInfo> result) => result.Outcome switch
    {
        ApiOutcome.Ok => new CancelResult(id, CancelOutcome.Accepted, result.Value!.ExecutedQty),
        ApiOutcome.Rejected when result.Error.Code == -2011 => new CancelResult(id, CancelOutcome.UnknownOrder, ErrorCode: -2011),
        _ => new CancelResult(id, CancelOutcome.Failed, ErrorCode: result.Error.Code),
    };

    public static QueryResult ToQueryResult(ClientOrderId id, in ApiResult<OrderInfo> result) => result.Outcome switch
    {
        ApiOutcome.Ok => new QueryResult(id, QueryOutcome.Found, result.Value!.OrderId, ParseStatus(result.Value.Status),
            result.Value.ExecutedQty, result.Value.AvgPrice ?? 0m),
        ApiOutcome.Rejected when result.Error.Code == -2013 => new QueryResult(id, QueryOutcome.NotFound),
        _ => new QueryResult(id, QueryOutcome.Failed),
    };

    /// <summary>A stream order event for a managed symbol. False for one-way (BOTH) rows and unreadable ids.</summary>
    public static bool TryToOrderUpdate(int symbol, in OrderTradeUpdate e, out OrderUpdate update)
    {
        if (e.PositionSide is not { } side || !e.StatusRecognized)
        {
            update = default;
            return false;
        }

        update = new OrderUpdate
        {
            Symbol = symbol,
            PositionSide = side,
            Side = e.Side,
            ClientOrderId = e.ClientOrderId,
            OrderId = e.OrderId,
            Status = e.Status,
            Kind = ToKind(e.OriginalOrderType != BinanceOrderType.Unknown ? e.OriginalOrderType : e.OrderType),
            TimeInForce = e.TimeInForce ?? TimeInForce.Gtc,
            OrigQty = e.OriginalQty,
            Price = e.Price,
            CumFilledQty = e.CumulativeFilledQty,
            AvgPrice = e.AveragePrice,
            LastFillQty = e.LastFilledQty,
            LastFillPrice = e.LastFilledPrice,
            TradeId = e.ExecutionType == ExecutionType.Trade ? e.TradeId : 0,
            IsMaker = e.IsMaker,
            Commission = e.Commission ?? 0m,
            RealizedPnl = e.RealizedProfit,
            ClosePosition = e.ClosePosition,
            ReduceOnly = e.IsReduceOnly,
            TransactionTimeMs = e.TransactionTime,
        };
        return true;
    }

    /// <summary>A REST open-order row. False for one-way rows.</summary>
    public static bool TryToOrderUpdate(int symbol, OrderInfo o, out OrderUpdate update)
    {
        if (ParsePositionSide(o.PositionSide) is not { } side)
        {
            update = default;
            return false;
        }

        ClientOrderId.TryCreate((o.ClientOrderId ?? "").AsSpan(), out var cid);
        update = new OrderUpdate
        {
            Symbol = symbol,
            PositionSide = side,
            Side = o.Side == "BUY" ? OrderSide.Buy : OrderSide.Sell,
            ClientOrderId = cid,
            OrderId = o.OrderId,
            Status = ParseStatus(o.Status),
            Kind = ParseKind(o.OrigType ?? o.Type),
            TimeInForce = ParseTimeInForce(o.TimeInForce),
            OrigQty = o.OrigQty,
            Price = o.Price,
            CumFilledQty = o.ExecutedQty,
            AvgPrice = o.AvgPrice ?? 0m,
            ClosePosition = o.ClosePosition,
            ReduceOnly = o.ReduceOnly,
            TransactionTimeMs = o.UpdateTime,
        };
        return true;
    }

    public static bool TryToPositionReport(int symbol, PositionRisk row, out PositionReport report)
    {
        if (ParsePositionSide(row.PositionSide) is not { } side)
        {
            report = default;
            return false;
        }

        report = new PositionReport
        {
            Symbol = symbol,
            Side = side,
            Size = Math.Abs(row.PositionAmt),
            EntryPrice = row.EntryPrice,
            UnrealizedPnl = row.UnrealizedProfit,
            LiquidationPrice = row.LiquidationPrice,
            Leverage = row.Leverage,
            MarkPrice = row.MarkPrice,
            AsOfMs = row.UpdateTime,
            Source = PositionSource.Rest,
        };
        return true;
    }

    public static bool TryToPositionReport(int symbol, PositionUpdate row, long asOfMs, out PositionReport report)
    {
        if (row.PositionSide is not { } side)
        {
            report = default;
            return false;
        }

        report = new PositionReport
        {
            Symbol = symbol,
            Side = side,
            Size = Math.Abs(row.Amount),
            EntryPrice = row.EntryPrice ?? 0m,
            UnrealizedPnl = row.UnrealizedPnl,
            AsOfMs = asOfMs,
            Source = PositionSource.Stream,
        };
        return true;
    }

    public static PositionSide? ParsePositionSide(string? side) => side switch
    {
        "LONG" => PositionSide.Long,
        "SHORT" => PositionSide.Short,
        _ => null,
    };

    public static OrderStatus ParseStatus(string? status) => status switch
    {
        "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
        "FILLED" => OrderStatus.Filled,
        "CANCELED" => OrderStatus.Canceled,
        "REJECTED" => OrderStatus.Rejected,
        "EXPIRED" or "EXPIRED_IN_MATCH" => OrderStatus.Expired,
        _ => OrderStatus.New,
    };

    private static TimeInForce ParseTimeInForce(string? tif) => tif switch
    {
        "IOC" => TimeInForce.Ioc,
        "FOK" => TimeInForce.Fok,
        "GTX" => TimeInForce.Gtx,
        _ => TimeInForce.Gtc,
    };

    public static OrderKind ParseKind(string? type) => type switch
    {
        "LIMIT" => OrderKind.Limit,
        "MARKET" => OrderKind.Market,
        "STOP" => OrderKind.Stop,
        "STOP_MARKET" => OrderKind.StopMarket,
        "TAKE_PROFIT" => OrderKind.TakeProfit,
        "TAKE_PROFIT_MARKET" => OrderKind.TakeProfitMarket,
        "TRAILING_STOP_MARKET" => OrderKind.TrailingStopMarket,
        _ => OrderKind.Other,
    };

    public static OrderKind ToKind(BinanceOrderType type) => type switch
    {
        BinanceOrderType.Limit => OrderKind.Limit,
        BinanceOrderType.Market => OrderKind.Market,
        BinanceOrderType.Stop => OrderKind.Stop,
        BinanceOrderType.StopMarket => OrderKind.StopMarket,
        BinanceOrderType.TakeProfit => OrderKind.TakeProfit,
        BinanceOrderType.TakeProfitMarket => OrderKind.TakeProfitMarket,
        BinanceOrderType.TrailingStopMarket => OrderKind.TrailingStopMarket,
        _ => OrderKind.Other,
    };
}
