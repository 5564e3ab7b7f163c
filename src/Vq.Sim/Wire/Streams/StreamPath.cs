using Microsoft.AspNetCore.Http;

namespace Vq.Sim.Wire.Streams;

/// <summary>
/// What a WebSocket URL asks for (BINANCE.md §1.1): route, raw (<c>/ws</c>) or combined (<c>/stream</c>) form,
/// streams from the path or <c>streams=</c>, and for /private the listenKeys and the <c>events=</c> filter.
/// </summary>
internal sealed record StreamPath(StreamRoute Route, bool Combined, IReadOnlyList<string> Streams, IReadOnlyList<string> ListenKeys,
    IReadOnlyList<string>? Events)
{
    public static StreamPath? Parse(string path, IQueryCollection query)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var route = segments[0] switch
        {
            "public" => StreamRoute.Public,
            "market" => StreamRoute.Market,
            "private" => StreamRoute.Private,
            "ws" or "stream" => StreamRoute.Unrouted,
            _ => (StreamRoute)(-1),
        };
        if ((int)route < 0)
        {
            return null;
        }

        var formIndex = route == StreamRoute.Unrouted ? 0 : 1;
        if (segments.Length <= formIndex || segments[formIndex] is not ("ws" or "stream"))
        {
            return null;
        }

        var combined = segments[formIndex] == "stream";
        var tail = new List<string>();
        for (var i = formIndex + 1; i < segments.Length; i++)
        {
            tail.Add(segments[i]);
        }

        var streams = new List<string>();
        var listenKeys = new List<string>();
        List<string>? events = null;
        if (route == StreamRoute.Private)
        {
            listenKeys.AddRange(tail);
            foreach (var key in query["listenKey"])
            {
                if (!string.IsNullOrEmpty(key))
                {
                    listenKeys.Add(key);
                }
            }

            foreach (var filter in query["events"])
            {
                events ??= [];
                events.AddRange((filter ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        else
        {
            streams.AddRange(tail);
            foreach (var list in query["streams"])
            {
                streams.AddRange((list ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return new StreamPath(route, combined, streams, listenKeys, events);
    }
}
