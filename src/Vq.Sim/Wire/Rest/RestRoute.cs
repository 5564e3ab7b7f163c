using Vq.Sim.Matching;
using Vq.Sim.Wire.Json;

namespace Vq.Sim.Wire.Rest;

/// <summary>Binance security types (BINANCE.md §2.1).</summary>
internal enum Security { None, ApiKey, Signed }

/// <summary>What a handler produced: an HTTP status and a JSON body. <see cref="Code"/> is the Binance code of an error.</summary>
internal readonly record struct RestResult(int Status, byte[] Body, int Code = 0)
{
    public static RestResult Ok(byte[] body) => new(200, body);
    public static RestResult Fail(SimError error) => new(error.HttpStatus, JsonBytes.Error(error), error.Code);
    public static RestResult From<T>(Outcome<T> outcome, Func<T, byte[]> body) where T : class =>
        outcome.Error is { } error ? Fail(error) : Ok(body(outcome.Value!));
}

internal delegate RestResult RestHandler(SimExchange exchange, MatchingEngine engine, RequestParams p);

/// <summary>
/// One REST endpoint: method, path, IP weight (a function when it depends on parameters, e.g. openOrders 1/40),
/// order-counter cost, security type, and whether the 503 "unknown error" fault may hit it (order entry only).
/// </summary>
internal sealed record RestRoute(string Method, string Path, Func<RequestParams, int> Weight, int Orders, Security Security,
    RestHandler Handler, bool PlacesOrder = false);
