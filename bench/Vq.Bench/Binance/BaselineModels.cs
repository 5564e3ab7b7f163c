using System.Text.Json.Serialization;

namespace Vq.Bench.Binance;

// What a typical client does (the baseline): deserialize each frame into classes with string/decimal properties
// through a source-generated System.Text.Json context.

public sealed class Combined<T>
{
    [JsonPropertyName("stream")]
    public string? Stream { get; set; }

    [JsonPropertyName("data")]
    public T? Data { get; set; }
}

public sealed class BookTickerDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("u")] public long UpdateId { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("T")] public long TransactionTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("b")] public decimal BidPrice { get; set; }
    [JsonPropertyName("B")] public decimal BidQty { get; set; }
    [JsonPropertyName("a")] public decimal AskPrice { get; set; }
    [JsonPropertyName("A")] public decimal AskQty { get; set; }
}

public sealed class AggTradeDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("a")] public long AggTradeId { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("q")] public decimal Qty { get; set; }
    [JsonPropertyName("f")] public long FirstTradeId { get; set; }
    [JsonPropertyName("l")] public long LastTradeId { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
}

public sealed class MarkPriceDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("p")] public decimal MarkPrice { get; set; }
    [JsonPropertyName("i")] public decimal IndexPrice { get; set; }
    [JsonPropertyName("P")] public decimal EstimatedSettlePrice { get; set; }
    [JsonPropertyName("r")] public decimal FundingRate { get; set; }
    [JsonPropertyName("T")] public long NextFundingTime { get; set; }
}

public sealed class OrderTradeUpdateDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("T")] public long TransactionTime { get; set; }
    [JsonPropertyName("o")] public OrderDto? Order { get; set; }
}

public sealed class OrderDto
{
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("c")] public string? ClientOrderId { get; set; }
    [JsonPropertyName("S")] public string? Side { get; set; }
    [JsonPropertyName("o")] public string? OrderType { get; set; }
    [JsonPropertyName("f")] public string? TimeInForce { get; set; }
    [JsonPropertyName("q")] public decimal OriginalQty { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("ap")] public decimal AveragePrice { get; set; }
    [JsonPropertyName("x")] public string? ExecutionType { get; set; }
    [JsonPropertyName("X")] public string? Status { get; set; }
    [JsonPropertyName("i")] public long OrderId { get; set; }
    [JsonPropertyName("l")] public decimal LastFilledQty { get; set; }
    [JsonPropertyName("z")] public decimal CumulativeFilledQty { get; set; }
    [JsonPropertyName("L")] public decimal LastFilledPrice { get; set; }
    [JsonPropertyName("N")] public string? CommissionAsset { get; set; }
    [JsonPropertyName("n")] public decimal Commission { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("t")] public long TradeId { get; set; }
    [JsonPropertyName("m")] public bool IsMaker { get; set; }
    [JsonPropertyName("R")] public bool ReduceOnly { get; set; }
    [JsonPropertyName("ps")] public string? PositionSide { get; set; }
    [JsonPropertyName("rp")] public decimal RealizedProfit { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Combined<BookTickerDto>))]
[JsonSerializable(typeof(Combined<AggTradeDto>))]
[JsonSerializable(typeof(Combined<MarkPriceDto>))]
[JsonSerializable(typeof(OrderTradeUpdateDto))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
