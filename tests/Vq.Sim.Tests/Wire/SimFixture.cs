using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;

namespace Vq.Sim.Tests.Wire;

internal sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Raw)
{
    public int Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
    public string? Header(string name) => Raw.Headers.TryGetValues(name, out var values) ? values.First() : null;
}

/// <summary>A simulator on port 0 plus a plain HttpClient that signs like a Binance client.</summary>
internal sealed class SimFixture : IAsyncDisposable
{
    public const long ManualStart = 1_760_000_000_000;

    private SimFixture(SimHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.RestUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public SimHost Host { get; }
    public SimExchange Exchange => Host.Exchange;
    public HttpClient Http { get; }
    public string ApiKey { get; set; } = SimOptions.DefaultApiKey;
    public string Secret { get; set; } = SimOptions.DefaultApiSecret;

    /// <summary>Manual clock (no background market) unless <paramref name="live"/>; BTCUSDT quoted 60000.0/60000.1.</summary>
    public static async Task<SimFixture> StartAsync(bool live = false, Func<SimOptions, SimOptions>? configure = null)
    {
        var options = new SimOptions { Seed = 42, ManualClockStartMs = live ? null : ManualStart };
        options = configure?.Invoke(options) ?? options;
        var host = await SimHost.StartAsync(options, 0, TestContext.Current.CancellationToken);
        var fixture = new SimFixture(host);
        if (!live)
        {
            fixture.Exchange.Do(e =>
            {
                e.SetDepth("BTCUSDT", 1m);
                e.ApplyQuote("BTCUSDT", 60000.0m, 2m, 60000.1m, 3m);
            });
        }

        return fixture;
    }

    public long Now => Exchange.Clock.NowMs;

    public Task<ApiResponse> SignedAsync(HttpMethod method, string path, string query, bool inBody = false, long? timestamp = null, string? apiKey = null)
    {
        var withTime = (query.Length > 0 ? query + "&" : "") + "timestamp=" + (timestamp ?? Now);
        var signed = withTime + "&signature=" + TestSigner.Sign(withTime, Secret);
        return SendAsync(method, path, inBody ? "" : signed, inBody ? signed : null, apiKey ?? ApiKey);
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string query, string? body = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path + (query.Length > 0 ? "?" + query : ""));
        if (apiKey is not null)
        {
            request.Headers.Add("X-MBX-APIKEY", apiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(response.StatusCode, json, response);
    }

    public Task<ApiResponse> PlaceAsync(string query) => SignedAsync(HttpMethod.Post, "/fapi/v1/order", query, inBody: true);

    public void SeedLong(decimal qty = 1m, decimal entry = 60000m)
    {
        Assert.Null(Exchange.SetPosition("BTCUSDT", LegSide.Long, qty, entry, 10, MarginMode.Cross));
    }

    public async Task<string> ListenKeyAsync()
    {
        var response = await SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", "", apiKey: ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("listenKey").GetString()!;
    }

    public async Task<WsClient> ConnectAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(Host.WsUri, pathAndQuery), TestContext.Current.CancellationToken);
        return new WsClient(socket);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// A plain ClientWebSocket with a background reader: cancelling a pending ReceiveAsync aborts the socket, so frames
/// are pumped into a channel and tests wait on the channel instead.
/// </summary>
internal sealed class WsClient : IDisposable
{
    private readonly System.Threading.Channels.Channel<JsonElement> _frames = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reader;

    public WsClient(ClientWebSocket socket)
    {
        Socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public ClientWebSocket Socket { get; }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                _frames.Writer.TryWrite(JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed or aborted: tests observe the socket state.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>Next frame, or null when nothing arrives within <paramref name="timeoutMs"/> or the socket is closed.</summary>
    public async Task<JsonElement?> ReceiveAsync(int timeoutMs = 2000)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeoutMs);
        try
        {
            return await _frames.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Waits until the server closes or drops the connection.</summary>
    public async Task<bool> WaitClosedAsync(int timeoutMs)
    {
        var finished = await Task.WhenAny(_reader, Task.Delay(timeoutMs, TestContext.Current.CancellationToken));
        return finished == _reader;
    }

    /// <summary>Collects frames until <paramref name="quietMs"/> pass without one (at most 10 000 frames).</summary>
    public async Task<List<JsonElement>> DrainAsync(int quietMs = 400)
    {
        var frames = new List<JsonElement>();
        while (frames.Count < 10_000 && await ReceiveAsync(quietMs) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Collects whatever arrives during <paramref name="durationMs"/> (for continuous streams).</summary>
    public async Task<List<JsonElement>> CollectAsync(int durationMs)
    {
        var frames = new List<JsonElement>();
        var deadline = Environment.TickCount64 + durationMs;
        while (Environment.TickCount64 < deadline && await ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64)) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public Task SendAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public void Dispose() => Socket.Dispose();
}
