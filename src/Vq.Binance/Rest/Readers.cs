using System.Text.Json;
using Vq.Binance.Json;

namespace Vq.Binance.Rest;

/// <summary>Response body readers (source-generated JSON; cached delegates, so a call allocates none of its own).</summary>
internal static class Readers
{
    public static readonly Func<byte[], byte[]?> Raw = static body => body;
    public static readonly Func<byte[], ServerTime?> ServerTime = Json(BinanceJsonContext.Default.ServerTime);
    public static readonly Func<byte[], ExchangeInfo?> ExchangeInfo = Json(BinanceJsonContext.Default.ExchangeInfo);
    public static readonly Func<byte[], PositionModeInfo?> PositionModeInfo = Json(BinanceJsonContext.Default.PositionModeInfo);
    public static readonly Func<byte[], List<PositionRisk>?> ListPositionRisk = Json(BinanceJsonContext.Default.ListPositionRisk);
    public static readonly Func<byte[], AccountInfo?> AccountInfo = Json(BinanceJsonContext.Default.AccountInfo);
    public static readonly Func<byte[], List<RateLimitInfo>?> ListRateLimitInfo = Json(BinanceJsonContext.Default.ListRateLimitInfo);
    public static readonly Func<byte[], OrderInfo?> OrderInfo = Json(BinanceJsonContext.Default.OrderInfo);
    public static readonly Func<byte[], List<OrderInfo>?> ListOrderInfo = Json(BinanceJsonContext.Default.ListOrderInfo);
    public static readonly Func<byte[], AlgoOrderInfo?> AlgoOrderInfo = Json(BinanceJsonContext.Default.AlgoOrderInfo);
    public static readonly Func<byte[], AlgoCancelResult?> AlgoCancelResult = Json(BinanceJsonContext.Default.AlgoCancelResult);
    public static readonly Func<byte[], List<UserTrade>?> ListUserTrade = Json(BinanceJsonContext.Default.ListUserTrade);
    public static readonly Func<byte[], ListenKeyInfo?> ListenKeyInfo = Json(BinanceJsonContext.Default.ListenKeyInfo);

    private static Func<byte[], T?> Json<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        body => JsonSerializer.Deserialize(body, info);
}
