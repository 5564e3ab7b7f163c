using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vq.Sim.Control;
using Vq.Sim.Scenario;
using Vq.Sim.Wire;
using Vq.Sim.Wire.Streams;

namespace Vq.Sim;

/// <summary>
/// The simulator on real sockets: Kestrel bound to 127.0.0.1 (port 0 picks a free port) serving REST under
/// <c>/fapi</c>, WebSockets under <c>/public</c>, <c>/market</c>, <c>/private</c>, <c>/ws</c>, <c>/stream</c>, and the control
/// plane under <c>/_sim</c>; plus a pump that moves the market in real time × speed and runs housekeeping.
/// </summary>
public sealed class SimHost : IAsyncDisposable
{
    // The pump's period: 10 ms keeps bookTicker cadence close to the synthetic step without spinning.
    private const int PumpPeriodMs = 10;

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    private SimHost(WebApplication app, SimExchange exchange)
    {
        _app = app;
        Exchange = exchange;
    }

    public SimExchange Exchange { get; }
    public int Port { get; private set; }
    public Uri RestUri => new($"http://127.0.0.1:{Port}");
    public Uri WsUri => new($"ws://127.0.0.1:{Port}");
    public Uri AdminUri => new($"http://127.0.0.1:{Port}/_sim");

    /// <summary>The first line <c>vq sim</c> prints.</summary>
    public string ListeningLine => $"vq-sim listening rest=http://127.0.0.1:{Port} ws=ws://127.0.0.1:{Port} admin=http://127.0.0.1:{Port}/_sim";

    public static async Task<SimHost> StartAsync(SimOptions options, int port = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exchange = new SimExchange(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(context => Dispatch(context, exchange));
        var host = new SimHost(app, exchange);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        var addresses = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>() : null;
        foreach (var address in addresses?.Addresses ?? [])
        {
            host.Port = new Uri(address).Port;
        }

        host._pump = Task.Run(() => host.PumpAsync(host._stop.Token), CancellationToken.None);
        return host;
    }

    private static Task Dispatch(HttpContext context, SimExchange exchange)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/_sim", StringComparison.Ordinal))
        {
            return ControlEndpoints.HandleAsync(context, exchange);
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            return WebSocketEndpoint.HandleAsync(context, exchange);
        }

        return RestEndpoint.HandleAsync(context, exchange);
    }

    private async Task PumpAsync(CancellationToken cancellation)
    {
        var auto = Exchange.Options.ManualClockStartMs is null;
        var last = Environment.TickCount64;
        var carry = 0.0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(PumpPeriodMs));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                if (auto)
                {
                    carry += (now - last) * Exchange.Options.Speed;
                    var step = (long)carry;
                    carry -= step;
                    Exchange.AdvanceMarket(step);
                }

                last = now;
                Exchange.Housekeeping();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            // A bug in the engine or a driver: a silently frozen market would mislead every client, so say it loudly
            // and stop the host (clients then see closed sockets and refused connections).
            await Console.Error.WriteLineAsync("vq-sim: market pump failed, stopping: " + ex).ConfigureAwait(false);
            Exchange.DropConnections();
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host stops by itself (a pump failure); <c>vq sim</c> waits on it with the signals.</summary>
    public Task Completion => _pump;

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already reported on stderr by the pump.
        }

        Exchange.DropConnections();
        await _app.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
