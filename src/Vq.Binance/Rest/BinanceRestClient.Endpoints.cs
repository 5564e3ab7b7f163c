using System.Text.Json;
using Vq.Binance.Json;
using Vq.Binance.Protocol;

namespace Vq.Binance.Rest;

// Account, market-rule and listenKey endpoints (BINANCE.md §3.1–3.5, §3.9, §5 weights).
public sealed partial class BinanceRestClient
{
    /// <summary><c>GET /fapi/v1/exchangeInfo</c> (weight 1); its rate limits are applied to <see cref="RateLimits"/>.</summary>
    public async Task<ApiResult<ExchangeInfo>> GetExchangeInfoAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/exchangeInfo", Security.None, 1, 0, default(NoParams), NoParams.Write,
            Readers.ExchangeInfo, cancellationToken).ConfigureAwait(false);
        if (result.IsOk)
        {
            RateLimits.ApplyLimits(result.Value!.RateLimits);
        }

        return result;
    }

    /// <summary><c>GET /fapi/v1/rateLimit/order</c> (weight 1): the account's own order limits, applied to <see cref="RateLimits"/>.</summary>
    public async Task<ApiResult<List<RateLimitInfo>>> GetOrderRateLimitsAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/rateLimit/order", Security.Signed, 1, 0, default(NoParams), NoParams.Write,
            Readers.ListRateLimitInfo, cancellationToken).ConfigureAwait(false);
        if (result.IsOk)
        {
            RateLimits.ApplyLimits(result.Value!);
        }

        return result;
    }

    /// <summary><c>GET /fapi/v1/positionSide/dual</c> (weight 30): true means hedge mode (D14).</summary>
    public async Task<ApiResult<bool>> GetHedgeModeAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", Security.Signed, 30, 0, default(NoParams), NoParams.Write,
            Readers.PositionModeInfo, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? ApiResult.Ok(result.Value!.DualSidePosition) : result.Cast<bool>();
    }

    /// <summary><c>GET /fapi/v2/positionRisk</c> (weight 5): every row (or one symbol's), leverage included.</summary>
    public Task<ApiResult<List<PositionRisk>>> GetPositionRiskAsync(string? symbol, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/fapi/v2/positionRisk", Security.Signed, 5, 0, symbol, WriteOptionalSymbol,
            Readers.ListPositionRisk, cancellationToken);

    /// <summary>
    /// <c>GET /fapi/v1/userTrades</c> (weight 5): the account's fills in <paramref name="symbol"/> from
    /// <paramref name="startTimeMs"/> on (exchange time; Binance allows a window of at most 7 days), oldest first, at
    /// most <paramref name="limit"/> (1–1000, Binance's default 500). Recovers fills the user stream missed.
    /// </summary>
    public Task<ApiResult<List<UserTrade>>> GetUserTradesAsync(string symbol, long startTimeMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(startTimeMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return SendAsync(HttpMethod.Get, "/fapi/v1/userTrades", Security.Signed, 5, 0, (symbol, startTimeMs, limit), WriteUserTrades,
            Readers.ListUserTrade, cancellationToken);
    }

    private static EncodeError WriteUserTrades(ref QueryWriter writer, in (string Symbol, long StartTimeMs, int Limit) query)
    {
        writer.Add("symbol"u8, query.Symbol.AsSpan());
        writer.Add("startTime"u8, query.StartTimeMs);
        writer.Add("limit"u8, query.Limit);
        return EncodeError.None;
    }

    /// <summary><c>GET /fapi/v3/account</c> (weight 5).</summary>
    public Task<ApiResult<AccountInfo>> GetAccountAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/fapi/v3/account", Security.Signed, 5, 0, default(NoParams), NoParams.Write,
            Readers.AccountInfo, cancellationToken);

    /// <summary><c>POST /fapi/v1/listenKey</c> (API key only). Returns the active key if one exists, extended by 60 min.</summary>
    public async Task<ApiResult<string>> CreateListenKeyAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", Security.ApiKey, 1, 0, default(NoParams), NoParams.Write,
            Readers.ListenKeyInfo, cancellationToken).ConfigureAwait(false);
        return result.IsOk && !string.IsNullOrEmpty(result.Value!.ListenKey)
            ? ApiResult.Ok(result.Value.ListenKey)
            : result.IsOk ? ApiResult.Fail<string>(ApiOutcome.Unknown, new ApiError(200, 0, "no listenKey in the response")) : result.Cast<string>();
    }

    /// <summary><c>PUT /fapi/v1/listenKey</c>: keepalive. -1125 (Rejected) means the key is gone: create a new one.</summary>
    public async Task<ApiResult<bool>> KeepAliveListenKeyAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", Security.ApiKey, 1, 0, default(NoParams), NoParams.Write,
            Readers.ListenKeyInfo, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? ApiResult.Ok(true) : result.Cast<bool>();
    }

    /// <summary><c>DELETE /fapi/v1/listenKey</c>: closes the user stream.</summary>
    public async Task<ApiResult<bool>> CloseListenKeyAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Delete, "/fapi/v1/listenKey", Security.ApiKey, 1, 0, default(NoParams), NoParams.Write,
            Readers.ListenKeyInfo, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? ApiResult.Ok(true) : result.Cast<bool>();
    }

    private static EncodeError WriteOptionalSymbol(ref QueryWriter writer, in string? symbol)
    {
        if (!string.IsNullOrEmpty(symbol))
        {
            writer.Add("symbol"u8, symbol.AsSpan());
        }

        return EncodeError.None;
    }

    /// <summary>Open algo orders come as a bare array (current) or wrapped in <c>data</c> (pre-migration): accept both.</summary>
    internal static List<AlgoOrderInfo>? ParseAlgoOrderList(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return null;
        }

        return trimmed[0] == (byte)'['
            ? JsonSerializer.Deserialize(trimmed, BinanceJsonContext.Default.ListAlgoOrderInfo)
            : JsonSerializer.Deserialize(trimmed, BinanceJsonContext.Default.AlgoOrderList)?.Data.ToList();
    }
}
