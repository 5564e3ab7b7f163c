using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Tests.Risk;

/// <summary>Builders and a reference executor for the protective-stop tests.</summary>
internal static class StopTestKit
{
    public static readonly ProtectiveStopSettings Defaults = new();

    public static ProtectiveStopIdentity Identity(PositionSide side) => new("BTCUSDT", side);

    public static StopLeg Leg(PositionSide side, decimal amount, decimal? liq, decimal? mark = null, decimal tick = 0.1m) =>
        new(side, amount, liq, mark, tick);

    public static ScannedOrder Own(PositionSide side, long algoId, decimal? trigger, int counter = 1) =>
        new(OrderBook.Algo, algoId, Identity(side).CreateId(123_456, counter), OrderKind.StopMarket, side, true, false, trigger);

    public static ScannedOrder External(PositionSide side, long id, decimal? trigger, OrderKind kind = OrderKind.StopMarket,
        bool closePosition = true, bool reduceOnly = false, string clientId = "ios-abc", OrderBook book = OrderBook.Algo) =>
        new(book, id, ClientOrderId.Parse(clientId), kind, side, closePosition, reduceOnly, trigger);

    public static List<StopDecision> Plan(in StopLeg leg, ProtectiveStopMemory memory, ScannedOrder[] orders,
        ProtectiveStopSettings? settings = null, bool latched = false, long now = 0)
    {
        var decisions = new List<StopDecision>();
        ProtectiveStopPlanner.Plan(leg, Identity(leg.Side), settings ?? Defaults, orders, memory, latched, now, decisions);
        return decisions;
    }

    /// <summary>
    /// Executes a plan the way the contract says: in order, stopping after a failed cancel marked RequiredForNext,
    /// reporting every outcome to the memory. Returns the placements that went out.
    /// </summary>
    public static List<ProtectiveStopPlacement> Execute(List<StopDecision> plan, ProtectiveStopMemory memory, long now,
        Func<StopDecision, bool>? cancelSucceeds = null, long nextAlgoId = 900)
    {
        var placed = new List<ProtectiveStopPlacement>();
        foreach (var decision in plan)
        {
            switch (decision.Action)
            {
                case StopAction.Cancel:
                    var ok = cancelSucceeds?.Invoke(decision) ?? true;
                    memory.Apply(decision, ok);
                    if (!ok && decision.RequiredForNext)
                    {
                        return placed;
                    }

                    break;
                case StopAction.Place:
                    var identity = Identity(decision.Side);
                    var placement = ProtectiveStopPlacement.From(identity, decision, identity.CreateId(now * 1000, placed.Count + 7));
                    placed.Add(placement);
                    memory.OnPlaced(decision, placement.ClientAlgoId, nextAlgoId, now);
                    break;
                default:
                    memory.Apply(decision, true);
                    break;
            }
        }

        return placed;
    }

    public static ScannedOrder Listed(ProtectiveStopPlacement placement, long algoId) =>
        new(OrderBook.Algo, algoId, placement.ClientAlgoId, OrderKind.StopMarket, placement.PositionSide, true, false, placement.TriggerPrice);
}
