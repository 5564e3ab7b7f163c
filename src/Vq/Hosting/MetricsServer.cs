using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vq.Hosting;

/// <summary>
/// The optional Prometheus endpoint (<c>global.metrics</c>): <c>GET /metrics</c> on a loopback address only, served by
/// a slim Kestrel with a single request delegate (no routing, no reflection). Anything else is 404.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Parses <c>host:port</c> and refuses anything but a loopback address (metrics are not for the internet).</summary>
    public static IPEndPoint ParseListen(string listen)
    {
        if (string.IsNullOrWhiteSpace(listen) || !HasExplicitPort(listen) || !IPEndPoint.TryParse(listen, out var endpoint))
        {
            throw new ArgumentException(
                $"global.metrics.listen '{listen}' is not address:port such as 127.0.0.1:9464 or [::1]:9464", nameof(listen));
        }

        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException(
                $"global.metrics.listen '{listen}' is not a loopback address; metrics are served on loopback only", nameof(listen));
        }

        return endpoint;
    }

    /// <summary>IPv4 <c>a.b.c.d:port</c> (one colon) or bracketed IPv6 <c>[addr]:port</c>.</summary>
    private static bool HasExplicitPort(string listen)
    {
        var colon = listen.LastIndexOf(':');
        return listen[0] == '['
            ? colon > 0 && listen[colon - 1] == ']'
            : colon > 0 && listen.IndexOf(':', StringComparison.Ordinal) == colon;
    }

    public static async Task<MetricsServer> StartAsync(string listen, Metrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var endpoint = ParseListen(listen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, metrics));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetricsServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static Task ServeAsync(HttpContext context, Metrics metrics)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/metrics")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var body = Encoding.UTF8.GetBytes(MetricsText.Render(metrics, System.Diagnostics.Stopwatch.GetTimestamp()));
        context.Response.ContentType = MetricsText.ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
