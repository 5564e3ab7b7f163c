using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vq.Binance.Stream;

/// <summary>
/// The reconnect supervisor: a loop (never recursion, SPEC §5.4) that resolves the URL, connects, receives until
/// the connection ends, reports the state change and waits with exponential backoff and jitter, reset after every
/// successful connect. A connection older than <see cref="StreamOptions.MaxConnectionAge"/> is renewed proactively.
/// Exception policy: caller cancellation → quiet exit; socket/transport failures → reconnect; an exception thrown
/// by the message sink (a bug downstream) faults <see cref="RunAsync"/> so the host fails safe instead of limping on.
/// Thread-safety: <see cref="RunAsync"/> is called once; <see cref="SendTextAsync"/> and <see cref="RequestReconnect"/>
/// may be called from any thread.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The send SemaphoreSlim never creates its wait handle, so it holds nothing to dispose.")]
internal sealed class ReconnectingConnection
{
    private readonly string _name;
    private readonly StreamOptions _options;
    private readonly Func<CancellationToken, ValueTask<Uri?>> _resolveUri;
    private readonly IMessageSink _sink;
    private readonly long _maxMessageBytes;
    private readonly StreamCounters _counters;
    private readonly Action<StreamStateChange> _onStateChange;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ILogger _log;
    private volatile ClientWebSocket? _socket;
    private volatile CancellationTokenSource? _session;

    public ReconnectingConnection(string name, StreamOptions options, Func<CancellationToken, ValueTask<Uri?>> resolveUri,
        IMessageSink sink, long maxMessageBytes, StreamCounters counters, Action<StreamStateChange> onStateChange)
    {
        _name = name;
        _options = options;
        _resolveUri = resolveUri;
        _sink = sink;
        _maxMessageBytes = maxMessageBytes;
        _counters = counters;
        _onStateChange = onStateChange;
        _log = options.Logger ?? NullLogger.Instance;
    }

    public bool IsConnected => _socket?.State == WebSocketState.Open;

    /// <summary>Drops the current connection; the loop reconnects at once (no backoff), e.g. for a new listenKey.</summary>
    public void RequestReconnect()
    {
        try
        {
            _session?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended on its own meanwhile: nothing to drop.
        }
    }

    /// <summary>Sends a text frame (SUBSCRIBE/UNSUBSCRIBE) on the live connection; false when not connected.</summary>
    public async Task<bool> SendTextAsync(string text, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open)
        {
            return false;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _options.InitialReconnectDelay;
        var everConnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            var renewNow = false;
            using var socket = CreateSocket();
            Uri? uri = null;
            try
            {
                uri = await _resolveUri(cancellationToken).ConfigureAwait(false);
                if (uri is not null)
                {
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    connectTimeout.CancelAfter(_options.ConnectTimeout);
                    await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                // Refused, timed out, or the handshake failed: back off and try again (retries never stop).
                uri = null;
            }

            if (uri is null || socket.State != WebSocketState.Open)
            {
                reason = "connect failed";
            }
            else
            {
                _onStateChange(new StreamStateChange(_name, everConnected ? StreamState.Reestablished : StreamState.Connected, null));
                if (everConnected)
                {
                    _counters.Reconnect();
                    Log.StreamReestablished(_log, _name);
                }
                else
                {
                    Log.StreamConnected(_log, _name);
                }

                everConnected = true;
                delay = _options.InitialReconnectDelay;
                using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                session.CancelAfter(_options.MaxConnectionAge);
                _session = session;
                _socket = socket;
                try
                {
                    // A fresh pipe per connection: a message cut off by a drop must not prefix the next one.
                    var pipe = new Pipe(MessageReceiver.CreatePipeOptions());
                    var end = await MessageReceiver.RunAsync(socket, pipe, _sink, _maxMessageBytes, session.Token).ConfigureAwait(false);
                    reason = end == ReceiveEnd.ClosedByServer ? "closed by server" : "renewed";
                    renewNow = end == ReceiveEnd.Cancelled;
                }
                catch (Exception e) when (e is WebSocketException or IOException)
                {
                    reason = e.Message;
                }
                finally
                {
                    _socket = null;
                    _session = null;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    await CloseQuietlyAsync(socket).ConfigureAwait(false);
                    return;
                }

                _onStateChange(new StreamStateChange(_name, StreamState.Lost, reason));
                if (renewNow)
                {
                    Log.StreamRenewing(_log, _name);
                }
                else
                {
                    Log.StreamLost(_log, _name, reason);
                }
                await CloseQuietlyAsync(socket).ConfigureAwait(false);
            }

            if (renewNow)
            {
                continue;
            }

            var wait = WithJitter(delay);
            Log.StreamRetry(_log, _name, reason, (long)wait.TotalMilliseconds);
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * _options.ReconnectMultiplier), _options.MaxReconnectDelay.Ticks));
        }
    }

    private TimeSpan WithJitter(TimeSpan delay)
    {
        var factor = 1 + (((Random.Shared.NextDouble() * 2) - 1) * _options.ReconnectJitter);
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }

    private ClientWebSocket CreateSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
        if (_options.Proxy is not null)
        {
            socket.Options.Proxy = new WebProxy(_options.Proxy);
        }

        return socket;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            socket.Abort();
            return;
        }

        // A polite close, but never wait long for it: the next connection matters more.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
