using System.Globalization;
using Vq.Sim.Wire;
using Vq.Sim.Wire.Streams;

namespace Vq.Sim.Control;

/// <summary><c>POST /_sim/fault?kind=…</c>: the run-time fault switches.</summary>
internal static class FaultCommands
{
    public static (int, byte[]) Apply(RequestParams p, SimExchange exchange)
    {
        var faults = exchange.Faults;
        var count = (int)(p.Long("count") ?? 1);
        var ms = p.Long("ms") ?? 0;
        _ = double.TryParse(p["probability"], NumberStyles.Float, CultureInfo.InvariantCulture, out var probability);
        switch (p["kind"])
        {
            case "drop_ws":
                StreamRoute? route = p["route"] switch
                {
                    "public" => StreamRoute.Public,
                    "market" => StreamRoute.Market,
                    "private" => StreamRoute.Private,
                    "unrouted" => StreamRoute.Unrouted,
                    _ => null,
                };
                var dropped = exchange.DropConnections(route);
                return (200, ControlEndpoints.Message("dropped", dropped.ToString(CultureInfo.InvariantCulture)));
            case "drop_ws_every":
                faults.DropWebSocketsEveryMs = ms;
                break;
            case "unknown_503":
                faults.AddUnknown503(count);
                faults.Unknown503Probability = probability;
                break;
            case "timeout":
                faults.AddTimeouts(count);
                faults.TimeoutHoldMs = ms > 0 ? (int)ms : faults.TimeoutHoldMs;
                break;
            case "burst_429":
                faults.AddBurst429(count);
                break;
            case "clock_skew":
                exchange.SkewClock(ms);
                break;
            case "expire_listen_key":
                exchange.ExpireListenKey();
                break;
            case "delay_user_events":
                faults.UserEventDelayMs = (int)ms;
                break;
            case "duplicate_user_events":
                faults.DuplicateProbability = probability;
                break;
            case "reorder_user_events":
                faults.ReorderProbability = probability;
                break;
            case "connection_lifetime":
                faults.ConnectionLifetimeMs = ms;
                break;
            case "rest_latency":
                faults.RestLatencyMs = (int)ms;
                break;
            case "clear":
                faults.Clear();
                exchange.SkewClock(0);
                break;
            default:
                return ControlEndpoints.Bad("unknown fault kind; see docs/sim.md");
        }

        return ControlEndpoints.Ok();
    }
}
