using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vq.Binance.Json;
using Vq.Binance.Protocol;

namespace Vq.Binance.Rest;

/// <summary>
/// Signed Binance USDⓈ-M REST client over one long-lived <see cref="HttpClient"/> (pooled keep-alive connections).
/// Every call returns an <see cref="ApiResult{T}"/>; exceptions escape only for bugs and cancellation by the caller.
/// Timestamps are local time plus a server-time offset measured by <see cref="SyncTimeAsync"/> (at start, every
/// <see cref="BinanceRestOptions.TimeSyncInterval"/>, and after -1021). Thread-safety: all methods may be called
/// concurrently.
/// </summary>
public sealed partial class BinanceRestClient : IDisposable
{
    /// <summary>Largest query we write; an order is ~250 bytes.</summary>
    private const int QueryBufferBytes = 2048;

    /// <summary>A periodic resync that moves the offset less than this is not worth a log line.</summary>
    private const long NotableOffsetChangeMs = 250;

    private readonly BinanceRestOptions _options;
    private readonly HttpClient _http;
    private readonly RequestSigner _signer;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ILogger _log;
    private long _offsetMs;
    private Task? _syncLoop;

    public BinanceRestClient(BinanceRestOptions options, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _log = options.Logger ?? NullLogger.Instance;
        _signer = new RequestSigner(options.ApiSecret);
        _http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
        {
            BaseAddress = options.BaseUri,
            // Per-request timeouts are applied with a linked token so a timeout classifies as Unknown, not an exception.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Add("X-MBX-APIKEY", options.ApiKey);
    }

    public RateLimitTracker RateLimits { get; } = new();

    /// <summary>Server time minus local time, in ms (positive: the local clock is behind).</summary>
    public long ServerTimeOffsetMs => Interlocked.Read(ref _offsetMs);

    /// <summary>The exchange clock as this client estimates it.</summary>
    public DateTimeOffset ServerNow => _time.GetUtcNow().AddMilliseconds(ServerTimeOffsetMs);

    /// <summary>Measures the server-time offset and starts the periodic refresh.</summary>
    public async Task<ApiResult<long>> StartAsync(CancellationToken cancellationToken)
    {
        var first = await SyncTimeAsync("start", cancellationToken).ConfigureAwait(false);
        _syncLoop ??= Task.Run(() => SyncLoopAsync(_disposed.Token), CancellationToken.None);
        return first;
    }

    /// <summary><c>GET /fapi/v1/time</c>; offset = serverTime − the local midpoint of the round trip.</summary>
    public Task<ApiResult<long>> SyncTimeAsync(CancellationToken cancellationToken) => SyncTimeAsync("requested", cancellationToken);

    private async Task<ApiResult<long>> SyncTimeAsync(string reason, CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/time", Security.None, 1, 0, default(NoParams), NoParams.Write,
            Readers.ServerTime, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            Log.ClockSyncFailed(_log, result.Outcome.ToString(), result.Error.Message, ServerTimeOffsetMs);
            return result.Cast<long>();
        }

        var after = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var offset = result.Value!.ServerTimeMs - ((before + after) / 2);
        var previous = Interlocked.Exchange(ref _offsetMs, offset);
        if (reason != "periodic" || Math.Abs(offset - previous) >= NotableOffsetChangeMs)
        {
            Log.ClockResync(_log, offset, previous, reason);
        }

        return ApiResult.Ok(offset);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _http.Dispose();
        _disposed.Dispose();
    }

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        // Exception policy: cancellation → quiet exit; a failed sync keeps the old offset and retries next period.
        using var timer = new PeriodicTimer(_options.TimeSyncInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SyncTimeAsync("periodic", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static SocketsHttpHandler CreateHandler(BinanceRestOptions options) => new()
    {
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        // Binance closes idle connections after a while; re-open rather than hit a dead socket.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        ConnectTimeout = options.ConnectTimeout,
        AutomaticDecompression = DecompressionMethods.All,
        Proxy = options.Proxy is null ? null : new WebProxy(options.Proxy),
        UseProxy = options.Proxy is not null,
    };

    internal enum Security : byte
    {
        /// <summary>Public: no key, no signature.</summary>
        None,
        /// <summary>USER_STREAM/MARKET_DATA: API-key header only (the header is always sent).</summary>
        ApiKey,
        /// <summary>TRADE/USER_DATA: timestamp, recvWindow and signature.</summary>
        Signed,
    }

    /// <summary>Writes a request's own parameters (signing parameters are added after).</summary>
    internal delegate EncodeError ParamWriter<TState>(ref QueryWriter writer, in TState state);

    internal readonly struct NoParams
    {
        public static EncodeError Write(ref QueryWriter writer, in NoParams state) => EncodeError.None;
    }

    /// <summary>
    /// One request: local throttle check, query build (+ signature), send with timeout, header tracking, and
    /// classification. A -1021 re-measures the clock; reads (<paramref name="method"/> GET) are then retried once.
    /// </summary>
    internal Task<ApiResult<T>> SendAsync<T, TState>(HttpMethod method, string path, Security security, int weight,
        int orders, TState state, ParamWriter<TState> writeParams, Func<byte[], T?> readBody, CancellationToken cancellationToken) =>
        SendAsync(method, path, security, weight, orders, RequestUrgency.Normal, state, writeParams, readBody, cancellationToken);

    internal async Task<ApiResult<T>> SendAsync<T, TState>(HttpMethod method, string path, Security security, int weight,
        int orders, RequestUrgency urgency, TState state, ParamWriter<TState> writeParams, Func<byte[], T?> readBody,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await SendOnceAsync(method, path, security, weight, orders, urgency, state, writeParams, readBody,
                cancellationToken).ConfigureAwait(false);
            if (result.Outcome != ApiOutcome.ClockSkew || attempt > 0)
            {
                return result;
            }

            Log.ClockSkew(_log, method.Method, path);
            var resync = await SyncTimeAsync("after -1021", cancellationToken).ConfigureAwait(false);
            if (!resync.IsOk || method != HttpMethod.Get)
            {
                return result;
            }
        }
    }

    private async Task<ApiResult<T>> SendOnceAsync<T, TState>(HttpMethod method, string path, Security security, int weight,
        int orders, RequestUrgency urgency, TState state, ParamWriter<TState> writeParams, Func<byte[], T?> readBody,
        CancellationToken cancellationToken)
    {
        if (!RateLimits.TryAcquire(weight, orders, urgency, ServerNow, out var refusal, out var wait))
        {
            return ApiResult.Fail<T>(refusal, new ApiError(0, 0, "held locally by the rate-limit tracker", wait,
                refusal == ApiOutcome.Banned ? RateLimits.BannedUntil : null));
        }

        if (!TryBuildUri(path, security, state, writeParams, out var uri, out var encodeError))
        {
            return ApiResult.Fail<T>(ApiOutcome.Rejected, new ApiError(0, 0, "request not sent: " + encodeError));
        }

        using var request = new HttpRequestMessage(method, uri);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var (outcome, error) = ErrorClassifier.ClassifyTransport(e);
            return ApiResult.Fail<T>(outcome, error);
        }

        using (response)
        {
            var now = ServerNow;
            RateLimits.Observe(response.Headers, now);
            var status = (int)response.StatusCode;
            if (ErrorClassifier.IsSuccess(response.StatusCode) && !LooksLikeError(body))
            {
                try
                {
                    var value = readBody(body);
                    return value is null
                        ? ApiResult.Fail<T>(ApiOutcome.Unknown, new ApiError(status, 0, "empty response body"))
                        : ApiResult.Ok(value, status);
                }
                catch (JsonException e)
                {
                    // The call went through but we cannot read the answer: for an order that means "may exist".
                    return ApiResult.Fail<T>(ApiOutcome.Unknown, new ApiError(status, 0, "unreadable response: " + e.Message));
                }
            }

            var (code, message) = ReadError(body);
            var retryAfter = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } date ? date - _time.GetUtcNow() : null)
                : null;
            var (classified, apiError) = ErrorClassifier.Classify(status, code, message, retryAfter, now);
            if (classified == ApiOutcome.RateLimited)
            {
                var scope = RateLimitTracker.ScopeOf429(code, orders);
                RateLimits.HoldUntil(now + apiError.RetryAfter, scope);
                Log.RateLimitHold(_log, method.Method, path, scope == RateLimitScope.Orders ? "placements" : "all requests",
                    (long)apiError.RetryAfter.TotalMilliseconds);
            }
            else if (classified == ApiOutcome.Banned)
            {
                var until = apiError.BannedUntil ?? now + ErrorClassifier.DefaultBan;
                RateLimits.Ban(until, message);
                Log.IpBan(_log, method.Method, path, until, message);
            }

            return ApiResult.Fail<T>(classified, apiError);
        }
    }

    private bool TryBuildUri<TState>(string path, Security security, TState state, ParamWriter<TState> writeParams,
        out string uri, out EncodeError error)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(QueryBufferBytes);
        try
        {
            var writer = new QueryWriter(buffer);
            error = writeParams(ref writer, in state);
            if (error == EncodeError.None && security == Security.Signed)
            {
                OrderEncoder.WriteTiming(ref writer, _options.RecvWindowMs, ServerNow.ToUnixTimeMilliseconds());
                _signer.AppendSignature(ref writer);
            }

            if (error == EncodeError.None && writer.Overflowed)
            {
                error = EncodeError.BufferTooSmall;
            }

            uri = error != EncodeError.None ? ""
                : writer.Length == 0 ? path
                : string.Concat(path, "?", Encoding.ASCII.GetString(writer.Written));
            return error == EncodeError.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Some endpoints answer 200 with a <c>{"code":-…}</c> body; treat a negative code as an error.</summary>
    private static bool LooksLikeError(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{' || body.AsSpan().IndexOf("\"code\""u8) < 0)
        {
            return false;
        }

        var (code, _) = ReadError(body);
        return code < 0;
    }

    private static (int Code, string? Message) ReadError(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{')
        {
            return (0, body.Length == 0 ? null : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)));
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, BinanceJsonContext.Default.ErrorBody);
            return (error?.Code ?? 0, error?.Msg);
        }
        catch (JsonException)
        {
            return (0, Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)));
        }
    }
}
