using System.Text;

namespace Vq.Sim.Wire.Streams;

/// <summary>
/// Fan-out of market and user-data payloads to the connections that asked for them, in Binance's raw or combined
/// form. Thread-safe: the connection list is guarded by a lock; each connection has its own queue.
/// </summary>
internal sealed class StreamHub
{
    private readonly Lock _gate = new();
    private readonly List<StreamConnection> _connections = [];
    private int _nextId;

    public int NextId() => Interlocked.Increment(ref _nextId);

    public void Add(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }
    }

    public void Remove(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public StreamConnection[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    public void PublishMarket(string stream, byte[] payload)
    {
        byte[]? wrapped = null;
        foreach (var connection in Snapshot())
        {
            if (connection.Route == StreamRoute.Private || !connection.IsSubscribed(stream) || !StreamCategories.Delivers(connection.Route, stream))
            {
                continue;
            }

            connection.Send(connection.Combined ? wrapped ??= Wrap(stream, payload) : payload);
        }
    }

    public void PublishUser(string listenKey, string eventType, byte[] payload)
    {
        byte[]? wrapped = null;
        foreach (var connection in Snapshot())
        {
            if (connection.Route == StreamRoute.Private && connection.Listens(listenKey, eventType))
            {
                connection.Send(connection.Combined ? wrapped ??= Wrap(listenKey, payload) : payload);
            }
        }
    }

    /// <summary>After listenKeyExpired the key delivers nothing more on any connection.</summary>
    public void ForgetListenKey(string listenKey)
    {
        foreach (var connection in Snapshot())
        {
            lock (connection.Gate)
            {
                connection.ListenKeys.Remove(listenKey);
            }
        }
    }

    /// <summary>DELETE listenKey closes the user-data connections that were listening on it.</summary>
    public void CloseListening(string listenKey)
    {
        foreach (var connection in Snapshot())
        {
            bool listening;
            lock (connection.Gate)
            {
                listening = connection.ListenKeys.Contains(listenKey);
            }

            if (listening)
            {
                connection.Abort.Cancel();
            }
        }
    }

    /// <summary>Drops connections abruptly (fault), optionally only one route. Returns how many.</summary>
    public int Drop(StreamRoute? route)
    {
        var dropped = 0;
        foreach (var connection in Snapshot())
        {
            if (route is null || connection.Route == route)
            {
                connection.Abort.Cancel();
                connection.Socket.Abort();
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Closes connections older than the lifetime (Binance's 24 h, shortened by the fault).</summary>
    public void CloseExpired(long now, long lifetimeMs)
    {
        foreach (var connection in Snapshot())
        {
            if (lifetimeMs > 0 && now - connection.ConnectedAt >= lifetimeMs)
            {
                connection.Abort.Cancel();
            }
        }
    }

    private static byte[] Wrap(string stream, byte[] payload)
    {
        var head = Encoding.UTF8.GetBytes("{\"stream\":\"" + stream + "\",\"data\":");
        var result = new byte[head.Length + payload.Length + 1];
        head.CopyTo(result, 0);
        payload.CopyTo(result, head.Length);
        result[^1] = (byte)'}';
        return result;
    }
}
