using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vq.Tests.Ops;

/// <summary>
/// An in-test Telegram Bot API on loopback port 0. Records every request (path, body fields, arrival time on the
/// given clock) and answers from a script of responses, then 200 <c>{"ok":true}</c>.
/// </summary>
internal sealed class FakeTelegram : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();

    private FakeTelegram(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<Request> Requests { get; } = new();

    public sealed record Request(string Path, string ChatId, string Text, bool DisableWebPagePreview, long Timestamp);

    public static async Task<FakeTelegram> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeTelegram(app, clock);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public void Respond(int status, string body) => _script.Enqueue((status, body));

    /// <summary>Waits (real time, bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} requests, got {Requests.Count}");
            await Task.Delay(5);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var timestamp = _clock.GetTimestamp();
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var root = document.RootElement;
        Requests.Enqueue(new Request(
            context.Request.Path.Value ?? "",
            root.GetProperty("chat_id").GetString()!,
            root.GetProperty("text").GetString()!,
            root.GetProperty("disable_web_page_preview").GetBoolean(),
            timestamp));
        var (status, body) = _script.TryDequeue(out var scripted) ? scripted : (200, """{"ok":true,"result":{}}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
