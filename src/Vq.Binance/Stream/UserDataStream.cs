using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vq.Binance.Protocol;
using Vq.Binance.Rest;

namespace Vq.Binance.Stream;

/// <summary>
/// The user-data stream on <c>/private</c> (BINANCE.md §7, SPEC §5.4): a new listenKey (POST) on every connect, a
/// keepalive (PUT) every <see cref="StreamOptions.ListenKeyKeepAlive"/>, and a reconnect with a fresh key on -1125
/// or <c>listenKeyExpired</c>. Events are parsed with <see cref="UserDataParser"/> and dispatched to
/// <typeparamref name="THandler"/> on the connection's task; malformed and unknown events are counted and skipped.
/// Thread-safety: the handler is only called from this connection's task.
/// </summary>
public sealed class UserDataStream<THandler>
    where THandler : IUserDataHandler
{
    private readonly StreamOptions _options;
    private readonly BinanceRestClient _rest;
    private readonly SymbolTable _symbols;
    private readonly ReconnectingConnection _connection;
    private readonly ILogger _log;
    private THandler _handler;
    private volatile string? _listenKey;

    public UserDataStream(StreamOptions options, BinanceRestClient rest, SymbolTable symbols, THandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(symbols);
        _options = options;
        _rest = rest;
        _symbols = symbols;
        _handler = handler;
        _log = options.Logger ?? NullLogger.Instance;
        _connection = new ReconnectingConnection("user_data", options, ResolveUriAsync, new Sink(this),
            UserDataParser.MaxFrameBytes, Counters, change => StateChanged?.Invoke(change));
    }

    public StreamCounters Counters { get; } = new();

    public event Action<StreamStateChange>? StateChanged;

    /// <summary>Raised when a listenKey keepalive fails for another reason than -1125 (logged by the host; the key may still live).</summary>
    public event Action<ApiError>? KeepAliveFailed;

    public bool IsConnected => _connection.IsConnected;

    public string? ListenKey => _listenKey;

    /// <summary>Runs the connection loop and the keepalive loop until cancelled; then closes the key (best effort).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var keepAliveStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = KeepAliveLoopAsync(keepAliveStop.Token);
        try
        {
            await _connection.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await keepAliveStop.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            if (_listenKey is not null)
            {
                // SPEC §9.15 #134: never let a hanging DELETE hold up shutdown (1.5 s budget).
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
                try
                {
                    await _rest.CloseListenKeyAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async ValueTask<Uri?> ResolveUriAsync(CancellationToken cancellationToken)
    {
        var key = await _rest.CreateListenKeyAsync(cancellationToken).ConfigureAwait(false);
        _listenKey = key.IsOk ? key.Value : null;
        if (key.IsOk)
        {
            Log.ListenKeyCreated(_log);
        }
        return key.IsOk ? StreamRoutes.UserData(_options.BaseUri, key.Value!, _options.ListenKeyInPath) : null;
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        // Exception policy: cancellation → quiet exit; failures are values (ApiResult) and never end the loop.
        using var timer = new PeriodicTimer(_options.ListenKeyKeepAlive);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_listenKey is null)
                {
                    continue;
                }

                var result = await _rest.KeepAliveListenKeyAsync(cancellationToken).ConfigureAwait(false);
                if (result.Outcome == ApiOutcome.Rejected && result.Error.Code == -1125)
                {
                    Log.ListenKeyReplaced(_log, "keepalive answered -1125 (key does not exist)");
                    _listenKey = null;
                    _connection.RequestReconnect();
                }
                else if (!result.IsOk)
                {
                    Log.ListenKeyKeepAliveFailed(_log, result.Outcome.ToString(), result.Error.Code, result.Error.Message);
                    KeepAliveFailed?.Invoke(result.Error);
                }
                else
                {
                    Log.ListenKeyKeptAlive(_log);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnMessage(in ReadOnlySequence<byte> message)
    {
        Counters.Message();
        var result = UserDataParser.Parse(message, true, _symbols, ref _handler);
        if (result.Status != ParseStatus.Done)
        {
            Counters.InvalidFrame();
            return;
        }

        if (result.Kind == UserDataKind.Unknown)
        {
            Counters.IgnoredFrame();
            return;
        }

        Counters.Event();
        if (result.Kind == UserDataKind.ListenKeyExpired)
        {
            // No more events arrive on this key: reconnect now with a new one.
            Log.ListenKeyReplaced(_log, "listenKeyExpired event");
            _listenKey = null;
            _connection.RequestReconnect();
        }
    }

    private sealed class Sink(UserDataStream<THandler> owner) : IMessageSink
    {
        public void OnMessage(in ReadOnlySequence<byte> message) => owner.OnMessage(message);

        public void OnOversized() => owner.Counters.OversizedFrame();
    }
}
