namespace Vq.Sim;

// A hook for the tick-to-order latency harness (bench/Vq.Latency): nothing in the simulator depends on it.
public sealed partial class SimExchange
{
    /// <summary>
    /// Called for every <c>POST /fapi/v1/order</c> with the order's symbol and the <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp taken when the request reached the REST endpoint (after Kestrel parsed it, before routing,
    /// authentication and matching). Runs on the request's thread: keep it short. Null (the default) costs one check.
    /// </summary>
    public Action<string, long>? OrderRequestArrived { get; set; }

    /// <summary>
    /// Called on a connection's send loop just before a frame of a book-data connection (<c>/public</c> or unrouted)
    /// is handed to its WebSocket, with the frame and the <see cref="System.Diagnostics.Stopwatch"/> timestamp: the
    /// moment the frame leaves the exchange. Runs on the send loop: keep it short. Null (the default) costs one check.
    /// </summary>
    public Action<byte[], long>? BookFrameSending { get; set; }
}
