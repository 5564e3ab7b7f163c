using System.Net.WebSockets;
using System.Threading.Channels;

namespace Vq.Sim.Wire.Streams;

/// <summary>
/// One accepted WebSocket: its route, form (raw or combined), subscriptions and an outgoing queue drained by its own
/// send loop. Subscription sets are guarded by <see cref="Gate"/>; the queue is thread-safe. Lock order: the exchange
/// gate may be held while taking <see cref="Gate"/>, never the reverse.
/// </summary>
internal sealed class StreamConnection
{
    // Generous bound: a client that stops reading for this many frames is dropped rather than buffering forever.
    private const int OutboxCapacity = 100_000;

    public StreamConnection(int id, WebSocket socket, StreamRoute route, bool combined, long connectedAt)
    {
        Id = id;
        Socket = socket;
        Route = route;
        Combined = combined;
        ConnectedAt = connectedAt;
        Outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(OutboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    public int Id { get; }
    public WebSocket Socket { get; }
    public StreamRoute Route { get; }
    public bool Combined { get; set; }
    public long ConnectedAt { get; }
    public Lock Gate { get; } = new();
    public HashSet<string> Streams { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ListenKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>The optional <c>events=</c> filter of private connections; null lets everything through.</summary>
    public HashSet<string>? EventFilter { get; set; }
    public Channel<byte[]> Outbox { get; }
    public CancellationTokenSource Abort { get; } = new();

    public bool IsSubscribed(string stream)
    {
        lock (Gate)
        {
            return Streams.Contains(stream);
        }
    }

    public bool Listens(string listenKey, string eventType)
    {
        lock (Gate)
        {
            return ListenKeys.Contains(listenKey) && (EventFilter is null || EventFilter.Contains(eventType));
        }
    }

    public void Send(byte[] frame) => Outbox.Writer.TryWrite(frame);
}
