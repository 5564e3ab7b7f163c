using System.Text.Json.Serialization;

namespace Vq.Binance.Json;

// Cold-path REST payloads (BINANCE.md §3). Only the fields vq uses are modelled; everything else is skipped.
// Decimals and booleans go through the lenient converters registered on BinanceJsonContext.

public sealed class ServerTime
{
    [JsonPropertyName("serverTime")] public long ServerTimeMs { get; init; }
}

public sealed class RateLimitInfo
{
    [JsonPropertyName("rateLimitType")] public string? RateLimitType { get; init; }
    [JsonPropertyName("interval")] public string? Interval { get; init; }
    [JsonPropertyName("intervalNum")] public int IntervalNum { get; init; }
    [JsonPropertyName("limit")] public int Limit { get; init; }
}

public sealed class SymbolFilter
{
    [JsonPropertyName("filterType")] public string? FilterType { get; init; }
    [JsonPropertyName("minPrice")] public decimal MinPrice { get; init; }
    [JsonPropertyName("maxPrice")] public decimal MaxPrice { get; init; }
    [JsonPropertyName("tickSize")] public decimal TickSize { get; init; }
    [JsonPropertyName("minQty")] public decimal MinQty { get; init; }
    [JsonPropertyName("maxQty")] public decimal MaxQty { get; init; }
    [JsonPropertyName("stepSize")] public decimal StepSize { get; init; }
    [JsonPropertyName("notional")] public decimal Notional { get; init; }
    [JsonPropertyName("multiplierUp")] public decimal MultiplierUp { get; init; }
    [JsonPropertyName("multiplierDown")] public decimal MultiplierDown { get; init; }
    /// <summary>A string since 2025-06-24, an int before: the lenient converter takes both.</summary>
    [JsonPropertyName("multiplierDecimal")] public decimal MultiplierDecimal { get; init; }
    [JsonPropertyName("limit")] public int Limit { get; init; }
}

public sealed class SymbolInfo
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("contractType")] public string? ContractType { get; init; }
    [JsonPropertyName("quoteAsset")] public string? QuoteAsset { get; init; }
    [JsonPropertyName("filters")] public IReadOnlyList<SymbolFilter> Filters { get; init; } = [];
    /// <summary>The current key (spec corrected 2026-03-05).</summary>
    [JsonPropertyName("orderTypes")] public IReadOnlyList<string>? OrderTypes { get; init; }
    /// <summary>The old docs' key; accepted too.</summary>
    [JsonPropertyName("OrderType")] public IReadOnlyList<string>? LegacyOrderType { get; init; }
    [JsonPropertyName("timeInForce")] public IReadOnlyList<string>? TimeInForce { get; init; }

    [JsonIgnore] public IReadOnlyList<string> AllOrderTypes => OrderTypes ?? LegacyOrderType ?? [];
}

public sealed class ExchangeInfo
{
    [JsonPropertyName("serverTime")] public long ServerTime { get; init; }
    [JsonPropertyName("rateLimits")] public IReadOnlyList<RateLimitInfo> RateLimits { get; init; } = [];
    [JsonPropertyName("symbols")] public IReadOnlyList<SymbolInfo> Symbols { get; init; } = [];
}

public sealed class PositionModeInfo
{
    [JsonPropertyName("dualSidePosition")] public bool DualSidePosition { get; init; }
}

/// <summary><c>GET /fapi/v2/positionRisk</c> row. <c>positionAmt</c> is negative for SHORT; <c>leverage</c> is a string.</summary>
public sealed class PositionRisk
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("positionAmt")] public decimal PositionAmt { get; init; }
    [JsonPropertyName("entryPrice")] public decimal EntryPrice { get; init; }
    [JsonPropertyName("breakEvenPrice")] public decimal BreakEvenPrice { get; init; }
    [JsonPropertyName("markPrice")] public decimal MarkPrice { get; init; }
    [JsonPropertyName("unRealizedProfit")] public decimal UnrealizedProfit { get; init; }
    [JsonPropertyName("liquidationPrice")] public decimal LiquidationPrice { get; init; }
    [JsonPropertyName("leverage")] public decimal Leverage { get; init; }
    [JsonPropertyName("marginType")] public string? MarginType { get; init; }
    [JsonPropertyName("isolatedMargin")] public decimal IsolatedMargin { get; init; }
    [JsonPropertyName("isAutoAddMargin")] public bool IsAutoAddMargin { get; init; }
    [JsonPropertyName("notional")] public decimal Notional { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
}

public sealed class AccountAsset
{
    [JsonPropertyName("asset")] public string Asset { get; init; } = "";
    [JsonPropertyName("walletBalance")] public decimal WalletBalance { get; init; }
    [JsonPropertyName("unrealizedProfit")] public decimal UnrealizedProfit { get; init; }
    [JsonPropertyName("marginBalance")] public decimal MarginBalance { get; init; }
    [JsonPropertyName("availableBalance")] public decimal AvailableBalance { get; init; }
    [JsonPropertyName("crossWalletBalance")] public decimal CrossWalletBalance { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
}

public sealed class AccountPosition
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("positionAmt")] public decimal PositionAmt { get; init; }
    /// <summary>Lower-case r here, unlike positionRisk (BINANCE.md §3.4).</summary>
    [JsonPropertyName("unrealizedProfit")] public decimal UnrealizedProfit { get; init; }
    [JsonPropertyName("notional")] public decimal Notional { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
}

/// <summary><c>GET /fapi/v3/account</c>.</summary>
public sealed class AccountInfo
{
    [JsonPropertyName("totalWalletBalance")] public decimal TotalWalletBalance { get; init; }
    [JsonPropertyName("totalUnrealizedProfit")] public decimal TotalUnrealizedProfit { get; init; }
    [JsonPropertyName("totalMarginBalance")] public decimal TotalMarginBalance { get; init; }
    [JsonPropertyName("totalMaintMargin")] public decimal TotalMaintMargin { get; init; }
    [JsonPropertyName("availableBalance")] public decimal AvailableBalance { get; init; }
    [JsonPropertyName("assets")] public IReadOnlyList<AccountAsset> Assets { get; init; } = [];
    [JsonPropertyName("positions")] public IReadOnlyList<AccountPosition> Positions { get; init; } = [];
}

/// <summary>An order as returned by place/cancel/query/openOrders. <c>avgPrice</c>/<c>cumQuote</c> are optional (2026-07).</summary>
public sealed class OrderInfo
{
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("clientOrderId")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("avgPrice")] public decimal? AvgPrice { get; init; }
    [JsonPropertyName("origQty")] public decimal OrigQty { get; init; }
    [JsonPropertyName("executedQty")] public decimal ExecutedQty { get; init; }
    [JsonPropertyName("cumQuote")] public decimal? CumQuote { get; init; }
    [JsonPropertyName("timeInForce")] public string? TimeInForce { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("origType")] public string? OrigType { get; init; }
    [JsonPropertyName("reduceOnly")] public bool ReduceOnly { get; init; }
    [JsonPropertyName("closePosition")] public bool ClosePosition { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("stopPrice")] public decimal StopPrice { get; init; }
    [JsonPropertyName("workingType")] public string? WorkingType { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }

    /// <summary>True when a placement with an unknown outcome was resolved by querying the client order id.</summary>
    [JsonIgnore] public bool ResolvedByQuery { get; init; }
}

/// <summary>An algo (conditional) order: place response, query, and open-list item (BINANCE.md §3.10).</summary>
public sealed class AlgoOrderInfo
{
    [JsonPropertyName("algoId")] public long AlgoId { get; init; }
    [JsonPropertyName("clientAlgoId")] public string? ClientAlgoId { get; init; }
    [JsonPropertyName("algoType")] public string? AlgoType { get; init; }
    /// <summary>The type key is <c>orderType</c> here, not <c>type</c>.</summary>
    [JsonPropertyName("orderType")] public string? OrderType { get; init; }
    [JsonPropertyName("type")] public string? LegacyType { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("timeInForce")] public string? TimeInForce { get; init; }
    [JsonPropertyName("quantity")] public decimal Quantity { get; init; }
    [JsonPropertyName("algoStatus")] public string? AlgoStatus { get; init; }
    [JsonPropertyName("triggerPrice")] public decimal TriggerPrice { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("workingType")] public string? WorkingType { get; init; }
    [JsonPropertyName("closePosition")] public bool ClosePosition { get; init; }
    [JsonPropertyName("reduceOnly")] public bool ReduceOnly { get; init; }
    /// <summary>A string, <c>""</c> until triggered.</summary>
    [JsonPropertyName("actualOrderId")] public string? ActualOrderId { get; init; }
    [JsonPropertyName("createTime")] public long CreateTime { get; init; }
    [JsonPropertyName("updateTime")] public long UpdateTime { get; init; }
    [JsonPropertyName("triggerTime")] public long TriggerTime { get; init; }

    [JsonIgnore] public string? EffectiveOrderType => OrderType ?? LegacyType;
}

/// <summary>The pre-migration open-algo-orders shape <c>{"data":[…]}</c>.</summary>
public sealed class AlgoOrderList
{
    [JsonPropertyName("data")] public IReadOnlyList<AlgoOrderInfo> Data { get; init; } = [];
}

/// <summary>Algo cancel: <c>code</c> is the string <c>"200"</c> here (a number on cancel-all); both read as int.</summary>
public sealed class AlgoCancelResult
{
    [JsonPropertyName("algoId")] public long AlgoId { get; init; }
    [JsonPropertyName("clientAlgoId")] public string? ClientAlgoId { get; init; }
    [JsonPropertyName("code")] public int Code { get; init; }
    [JsonPropertyName("msg")] public string? Msg { get; init; }
}

/// <summary><c>{"code":-1121,"msg":"Invalid symbol."}</c></summary>
public sealed class ErrorBody
{
    [JsonPropertyName("code")] public int Code { get; init; }
    [JsonPropertyName("msg")] public string? Msg { get; init; }
}

public sealed class ListenKeyInfo
{
    [JsonPropertyName("listenKey")] public string? ListenKey { get; init; }
}

/// <summary>
/// One fill of the account (<c>GET /fapi/v1/userTrades</c>). <c>id</c> is the trade id of the user stream's
/// ORDER_TRADE_UPDATE <c>t</c>; there is no client order id, only <c>orderId</c>.
/// <c>{"buyer":false,"commission":"-0.07819010","commissionAsset":"USDT","id":698759,"maker":false,"orderId":25851813,
/// "price":"7819.01","qty":"0.002","quoteQty":"15.63802","realizedPnl":"-0.91539999","side":"SELL","positionSide":"SHORT",
/// "symbol":"BTCUSDT","time":1569514978020}</c>
/// </summary>
public sealed class UserTrade
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("orderId")] public long OrderId { get; init; }
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("positionSide")] public string? PositionSide { get; init; }
    [JsonPropertyName("buyer")] public bool Buyer { get; init; }
    [JsonPropertyName("maker")] public bool Maker { get; init; }
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("qty")] public decimal Qty { get; init; }
    [JsonPropertyName("quoteQty")] public decimal QuoteQty { get; init; }
    /// <summary>Binance's sample shows it negative; vq counts fees as positive cost, so callers use its magnitude.</summary>
    [JsonPropertyName("commission")] public decimal Commission { get; init; }
    [JsonPropertyName("commissionAsset")] public string? CommissionAsset { get; init; }
    [JsonPropertyName("realizedPnl")] public decimal RealizedPnl { get; init; }
    [JsonPropertyName("time")] public long Time { get; init; }
}

[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientDecimalConverter), typeof(LenientBoolConverter)])]
[JsonSerializable(typeof(ServerTime))]
[JsonSerializable(typeof(ExchangeInfo))]
[JsonSerializable(typeof(PositionModeInfo))]
[JsonSerializable(typeof(List<PositionRisk>))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(List<RateLimitInfo>))]
[JsonSerializable(typeof(OrderInfo))]
[JsonSerializable(typeof(List<OrderInfo>))]
[JsonSerializable(typeof(AlgoOrderInfo))]
[JsonSerializable(typeof(List<AlgoOrderInfo>))]
[JsonSerializable(typeof(AlgoOrderList))]
[JsonSerializable(typeof(AlgoCancelResult))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ListenKeyInfo))]
[JsonSerializable(typeof(List<UserTrade>))]
internal sealed partial class BinanceJsonContext : JsonSerializerContext;
