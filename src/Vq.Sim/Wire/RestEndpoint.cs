using System.Globalization;
using Microsoft.AspNetCore.Http;
using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;
using Vq.Sim.Wire.Rest;

namespace Vq.Sim.Wire;

/// <summary>
/// Serves one REST request the way Binance does: route, faults (429 burst), rate limits (429/418), authentication
/// (-2014/-2015, -1102, -1022, -1021), the handler under the exchange gate, then the weight headers, the request log
/// and the response faults (503 unknown error after executing, withheld response and abort, added latency).
/// </summary>
internal static class RestEndpoint
{
    public static async Task HandleAsync(HttpContext context, SimExchange exchange)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (!RestRoutes.Table.TryGetValue((request.Method, path), out var route))
        {
            await WriteAsync(context, exchange, new RestResult(404, RestRoutes.CodeMsg(-1000, "Unknown endpoint " + path)), 0, false).ConfigureAwait(false);
            return;
        }

        var body = "";
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var parameters = new RequestParams(query, body);
        if (exchange.OrderRequestArrived is { } probe && path == "/fapi/v1/order" && HttpMethods.IsPost(request.Method))
        {
            probe(parameters["symbol"] ?? "", arrived);
        }

        var apiKey = request.Headers["X-MBX-APIKEY"].ToString();
        var weight = route.Weight(parameters);
        RestResult result;
        var unknown503 = false;
        lock (exchange.Gate)
        {
            var now = exchange.Clock.NowMs;
            SimError? refused = exchange.Faults.TakeBurst429()
                ? exchange.Limiter.Refuse(now, Errors.TooManyRequests(exchange.Limiter.Settings.WeightPerMinute))
                : exchange.Limiter.Admit(now, weight, route.Orders);
            refused ??= route.Security switch
            {
                Security.ApiKey => RequestAuth.CheckKey(apiKey, exchange.Options.ApiKey),
                Security.Signed => RequestAuth.CheckSigned(apiKey, parameters, exchange.Options.ApiKey, exchange.Options.ApiSecret, now),
                _ => null,
            };
            result = refused is { } error ? RestResult.Fail(error) : route.Handler(exchange, exchange.Engine, parameters);
            if (route.PlacesOrder && result.Status == 200 && exchange.Faults.TakeUnknown503())
            {
                // The order exists; only the answer is lost (BINANCE.md §4.2: execution status unknown).
                unknown503 = true;
                result = RestResult.Fail(Errors.UnknownError);
            }

            exchange.Engine.Ledger.AddRequest(new RequestRecord(request.Method, path, weight, route.Orders, result.Status, result.Code, now));
            exchange.FlushAfterRequest();
        }

        if (!unknown503 && exchange.Faults.TakeTimeout())
        {
            // Executed, but the client never hears back: hold the response, then drop the connection.
            await Task.Delay(exchange.Faults.TimeoutHoldMs, context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await WriteAsync(context, exchange, result, weight, route.Orders > 0).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, SimExchange exchange, RestResult result, int weight, bool isOrder)
    {
        if (exchange.Faults.RestLatencyMs > 0)
        {
            await Task.Delay(exchange.Faults.RestLatencyMs, context.RequestAborted).ConfigureAwait(false);
        }

        var response = context.Response;
        response.StatusCode = result.Status;
        response.ContentType = "application/json";
        int used, orders10s, orders1m;
        lock (exchange.Gate)
        {
            used = exchange.Limiter.UsedWeight;
            orders10s = exchange.Limiter.Orders10s;
            orders1m = exchange.Limiter.Orders1m;
        }

        response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        if (isOrder)
        {
            response.Headers["X-MBX-ORDER-COUNT-10S"] = orders10s.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-MBX-ORDER-COUNT-1M"] = orders1m.ToString(CultureInfo.InvariantCulture);
        }

        if (result.Status is 429 or 418)
        {
            response.Headers.RetryAfter = "60";
        }

        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
