using System.Buffers;
using System.Globalization;
using System.Text;
using Vq.Binance.Protocol;

namespace Vq.Binance.Stream;

/// <summary>
/// One combined-stream connection on one route (e.g. <c>/public</c> for bookTicker, <c>/market</c> for aggTrade +
/// markPrice@1s), at most 1024 streams. Each message is parsed with <see cref="MarketFrameParser"/> and dispatched to
/// <typeparamref name="THandler"/> on the connection's task (no allocation per message). Malformed frames are
/// counted and skipped; they never end the connection. Changing the stream set sends SUBSCRIBE/UNSUBSCRIBE on the
/// live connection, so the other streams keep flowing, and the new set is used on every reconnect.
/// Thread-safety: the handler is only called from this connection's task; <see cref="UpdateStreamsAsync"/> may be
/// called from any thread.
/// </summary>
public sealed class MarketStream<THandler>
    where THandler : IMarketEventHandler
{
    private readonly string _route;
    private readonly StreamOptions _options;
    private readonly SymbolTable _symbols;
    private readonly ReconnectingConnection _connection;
    private readonly Lock _streamsLock = new();
    private THandler _handler;
    private string[] _streams;
    private int _nextRequestId;

    public MarketStream(string route, IEnumerable<string> streams, StreamOptions options, SymbolTable symbols, THandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(symbols);
        _route = route;
        _options = options;
        _symbols = symbols;
        _handler = handler;
        _streams = [.. streams.Distinct(StringComparer.Ordinal)];
        CheckCount(_streams.Length);
        _connection = new ReconnectingConnection("market" + route, options, ResolveUri, new Sink(this),
            MarketFrameParser.MaxFrameBytes, Counters, change => StateChanged?.Invoke(change));
    }

    public StreamCounters Counters { get; } = new();

    /// <summary>Connected / Lost / Re-established, raised on the connection's task.</summary>
    public event Action<StreamStateChange>? StateChanged;

    public bool IsConnected => _connection.IsConnected;

    public IReadOnlyList<string> Streams
    {
        get
        {
            lock (_streamsLock)
            {
                return _streams;
            }
        }
    }

    /// <summary>Runs the connect/receive/reconnect loop until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _connection.RunAsync(cancellationToken);

    /// <summary>
    /// Replaces the stream set: SUBSCRIBE the added ones and UNSUBSCRIBE the removed ones on the live connection
    /// (one control message each, well under the 10 messages/s limit). Returns false when not connected; the
    /// new set is still used on the next connect.
    /// </summary>
    public async Task<bool> UpdateStreamsAsync(IEnumerable<string> streams, CancellationToken cancellationToken)
    {
        string[] added, removed;
        lock (_streamsLock)
        {
            var next = streams.Distinct(StringComparer.Ordinal).ToArray();
            CheckCount(next.Length);
            added = [.. next.Except(_streams, StringComparer.Ordinal)];
            removed = [.. _streams.Except(next, StringComparer.Ordinal)];
            _streams = next;
        }

        var ok = true;
        if (added.Length > 0)
        {
            ok &= await _connection.SendTextAsync(Control("SUBSCRIBE", added), cancellationToken).ConfigureAwait(false);
        }

        if (removed.Length > 0)
        {
            ok &= await _connection.SendTextAsync(Control("UNSUBSCRIBE", removed), cancellationToken).ConfigureAwait(false);
        }

        return ok;
    }

    private string Control(string method, string[] streams)
    {
        var id = Interlocked.Increment(ref _nextRequestId);
        var text = new StringBuilder("{\"method\":\"").Append(method).Append("\",\"params\":[");
        for (var i = 0; i < streams.Length; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(streams[i]).Append('"');
        }

        return text.Append("],\"id\":").Append(id.ToString(CultureInfo.InvariantCulture)).Append('}').ToString();
    }

    private ValueTask<Uri?> ResolveUri(CancellationToken cancellationToken) =>
        ValueTask.FromResult<Uri?>(StreamRoutes.Combined(_options.BaseUri, _route, Streams));

    private static void CheckCount(int count)
    {
        if (count is 0 or > StreamRoutes.MaxStreamsPerConnection)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"A market connection carries 1 to {StreamRoutes.MaxStreamsPerConnection} streams; split larger sets across connections.");
        }
    }

    private void OnMessage(in ReadOnlySequence<byte> message)
    {
        Counters.Message();
        var result = MarketFrameParser.Parse(message, true, _symbols, ref _handler);
        switch (result.Status)
        {
            case ParseStatus.Done when result.Kind is MarketFrameKind.BookTicker or MarketFrameKind.AggTrade or MarketFrameKind.MarkPrice:
                Counters.Event();
                break;
            case ParseStatus.Done:
                Counters.IgnoredFrame();
                break;
            default:
                Counters.InvalidFrame();
                break;
        }
    }

    private sealed class Sink(MarketStream<THandler> owner) : IMessageSink
    {
        public void OnMessage(in ReadOnlySequence<byte> message) => owner.OnMessage(message);

        public void OnOversized() => owner.Counters.OversizedFrame();
    }
}
