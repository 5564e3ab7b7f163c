using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine;

/// <summary>What the engine asks the outside world to do. Results come back as events.</summary>
public enum CommandKind : byte
{
    /// <summary>Send a LIMIT close order (never with reduceOnly; positionSide + close side + qty ≤ budget).</summary>
    PlaceOrder = 0,
    /// <summary>Cancel an execution order through the normal endpoint only (P22).</summary>
    CancelOrder = 1,
    /// <summary>Query an order by client id: resolves an unknown placement outcome (503, timeout).</summary>
    QueryOrder = 2,
    /// <summary>Fetch the symbol's positions and open orders and report them back (P9 inspection, recalibration).</summary>
    InspectSymbol = 3,
    /// <summary>Cancel an order the engine does not track any more (a late acknowledgement of an abandoned placement).</summary>
    CancelStray = 4,
    /// <summary>
    /// Protective-stop sync (Engine/Stops): fetch the symbol's open normal and algo orders as <see cref="ScannedOrder"/>s
    /// and hand them to <c>ProtectiveStopCoordinator.OnStopScan</c> (a failed normal fetch is reported, not hidden).
    /// </summary>
    ScanStops = 7,
    /// <summary>
    /// Place a protective stop: <c>POST /fapi/v1/algoOrder</c>, <c>algoType=CONDITIONAL</c>, <c>type=STOP_MARKET</c>,
    /// <c>closePosition=true</c>, <c>workingType=MARK_PRICE</c>, <see cref="EngineCommand.Side"/> as positionSide,
    /// <see cref="EngineCommand.OrderSide"/>, <see cref="EngineCommand.TriggerPrice"/>, <see cref="EngineCommand.ClientOrderId"/>
    /// as clientAlgoId; no quantity, no timeInForce, never reduceOnly; a risk order (no rate limit).
    /// </summary>
    PlaceStop = 8,
    /// <summary>
    /// Cancel a stop-like order on the endpoint of its <see cref="EngineCommand.Book"/> (P22): algo →
    /// <c>DELETE /fapi/v1/algoOrder</c> with algoId = <see cref="EngineCommand.OrderId"/>; normal → <c>DELETE /fapi/v1/order</c>.
    /// </summary>
    CancelStop = 9,
}

/// <summary>One command. A flat struct so the engine's output buffer never allocates.</summary>
public readonly record struct EngineCommand
{
    public required CommandKind Kind { get; init; }
    public required int Symbol { get; init; }
    public PositionSide Side { get; init; }
    public ClientOrderId ClientOrderId { get; init; }
    public long OrderId { get; init; }
    public OrderSide OrderSide { get; init; }
    public decimal Price { get; init; }
    public decimal Qty { get; init; }
    /// <summary><see cref="CommandKind.PlaceStop"/>: the tick-aligned trigger (mark price).</summary>
    public decimal TriggerPrice { get; init; }
    /// <summary><see cref="CommandKind.CancelStop"/>: which list the order is in, so which cancel endpoint (P22).</summary>
    public OrderBook Book { get; init; }
    public TimeInForce TimeInForce { get; init; }
    public bool IsRisk { get; init; }
    /// <summary>A stable reason literal (never formatted per call).</summary>
    public string Reason { get; init; }
}
