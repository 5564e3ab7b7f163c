using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Wire.Streams;

/// <summary>
/// Accepts a stream connection and runs its two loops. Exception policy: cancellation (drop fault, lifetime, host
/// shutdown) and socket errors end the connection quietly; the client sees a closed socket and must reconnect.
/// </summary>
internal static class WebSocketEndpoint
{
    // Control frames are tiny; anything larger is not a Binance control message.
    private const int MaxIncomingMessage = 16 * 1024;

    public static async Task HandleAsync(HttpContext context, SimExchange exchange)
    {
        var path = StreamPath.Parse(context.Request.Path.Value ?? "", context.Request.Query);
        if (path is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (path.Route == StreamRoute.Private)
        {
            foreach (var key in path.ListenKeys)
            {
                if (!exchange.IsListenKeyValid(key))
                {
                    context.Response.StatusCode = 400;
                    await context.Response.WriteAsync("{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}", context.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(exchange.Options.PingIntervalMs),
            KeepAliveTimeout = TimeSpan.FromMinutes(10),
        }).ConfigureAwait(false);
        var connection = new StreamConnection(exchange.Hub.NextId(), socket, path.Route, path.Combined, exchange.Clock.NowMs);
        foreach (var stream in path.Streams)
        {
            connection.Streams.Add(stream);
        }

        foreach (var key in path.ListenKeys)
        {
            connection.ListenKeys.Add(key);
        }

        if (path.Events is { } events)
        {
            connection.EventFilter = [.. events];
        }

        exchange.Hub.Add(connection);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, connection.Abort.Token);
        try
        {
            var sending = SendLoopAsync(connection, exchange, linked.Token);
            await ReceiveLoopAsync(connection, exchange, linked.Token).ConfigureAwait(false);
            await linked.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Dropped, expired or shut down.
        }
        catch (WebSocketException)
        {
            // The peer vanished.
        }
        finally
        {
            exchange.Hub.Remove(connection);
            if (socket.State == WebSocketState.Open && !connection.Abort.IsCancellationRequested)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // Best effort.
                }
            }
            else if (socket.State == WebSocketState.Open)
            {
                // Lifetime end: Binance closes the connection; a close frame is the polite form of that.
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "connection lifetime", timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    socket.Abort();
                }
            }

            socket.Dispose();
        }
    }

    private static async Task SendLoopAsync(StreamConnection connection, SimExchange exchange, CancellationToken cancellation)
    {
        var bookRoute = connection.Route is StreamRoute.Public or StreamRoute.Unrouted;
        try
        {
            while (await connection.Outbox.Reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                while (connection.Outbox.Reader.TryRead(out var frame))
                {
                    if (bookRoute && exchange.BookFrameSending is { } probe)
                    {
                        probe(frame, System.Diagnostics.Stopwatch.GetTimestamp());
                    }

                    await connection.Socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellation).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Connection over.
        }
    }

    private static async Task ReceiveLoopAsync(StreamConnection connection, SimExchange exchange, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxIncomingMessage);
        var windowStart = Environment.TickCount64;
        var messagesInWindow = 0;
        try
        {
            while (connection.Socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        await connection.Socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", cancellation).ConfigureAwait(false);
                        return;
                    }

                    received = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
                    length += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                // BINANCE.md §6: more than N incoming messages per second drops the connection.
                var nowTicks = Environment.TickCount64;
                if (nowTicks - windowStart >= 1000)
                {
                    windowStart = nowTicks;
                    messagesInWindow = 0;
                }

                if (++messagesInWindow > exchange.Options.MaxIncomingMessagesPerSecond)
                {
                    await connection.Socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Too many requests", cancellation).ConfigureAwait(false);
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Text)
                {
                    connection.Send(ControlMessages.Handle(buffer.AsSpan(0, length), connection, exchange));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
