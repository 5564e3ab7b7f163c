using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vq.Binance.Tests.Support;

/// <summary>
/// A minimal in-test Binance: Kestrel on loopback port 0, programmable REST routes ("METHOD /path" → handler) that
/// check the API key and the HMAC like the exchange does, and WebSocket routes. Counts hits per route.
/// </summary>
public sealed class FakeExchange : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";
    public const string Secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();
    private readonly ConcurrentDictionary<string, Func<HttpContext, WebSocket, Task>> _sockets = new();

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>The fake exchange clock: local time plus this offset.</summary>
    public long ClockOffsetMs { get; set; }

    public long ServerTimeMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + ClockOffsetMs;

    private FakeExchange(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public Uri WsBaseUri => new("ws://" + BaseUri.Authority);

    public static async Task<FakeExchange> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var exchange = new FakeExchange(app);
        app.UseWebSockets();
        app.Run(exchange.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        exchange.BaseUri = new Uri(address);
        exchange.Route("GET /fapi/v1/time", ctx => Json(ctx, 200, "{\"serverTime\":" + exchange.ServerTimeMs + "}"));
        return exchange;
    }

    public void Route(string methodAndPath, Func<HttpContext, Task> handler) => _routes[methodAndPath] = handler;

    public void Socket(string path, Func<HttpContext, WebSocket, Task> handler) => _sockets[path] = handler;

    public int HitCount(string methodAndPath) => Hits.TryGetValue(methodAndPath, out var n) ? n : 0;

    public static Task Json(HttpContext context, int status, string body, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        return context.Response.WriteAsync(body);
    }

    /// <summary>Checks the signature over the raw query (minus <c>&amp;signature=</c>) and the timestamp window (§2.2, §2.3).</summary>
    public string? SignedRequestError(HttpContext context)
    {
        var query = context.Request.QueryString.Value?.TrimStart('?') ?? "";
        var at = query.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (at < 0)
        {
            return "{\"code\":-1102,\"msg\":\"Mandatory parameter 'signature' was not sent.\"}";
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(query[..at])));
        if (query[(at + 11)..] != expected)
        {
            return "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}";
        }

        var timestamp = long.Parse(context.Request.Query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        var recvWindow = long.Parse(context.Request.Query["recvWindow"]!, System.Globalization.CultureInfo.InvariantCulture);
        var server = ServerTimeMs;
        if (timestamp >= server + 1000 || server - timestamp > recvWindow)
        {
            return "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}";
        }

        return null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (context.WebSockets.IsWebSocketRequest)
        {
            var handler = _sockets.FirstOrDefault(kv => path.StartsWith(kv.Key, StringComparison.Ordinal)).Value;
            if (handler is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            Hits.AddOrUpdate("WS " + path, 1, (_, n) => n + 1);
            Queries.Enqueue(path + context.Request.QueryString.Value);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await handler(context, socket);
            return;
        }

        var key = context.Request.Method + " " + path;
        Hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        Queries.Enqueue(key + context.Request.QueryString.Value);
        if (context.Request.Headers["X-MBX-APIKEY"] != ApiKey && path != "/fapi/v1/time" && path != "/fapi/v1/exchangeInfo")
        {
            await Json(context, 401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}");
            return;
        }

        if (_routes.TryGetValue(key, out var route))
        {
            await route(context);
            return;
        }

        await Json(context, 404, "{\"code\":-1000,\"msg\":\"no route " + key + "\"}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
