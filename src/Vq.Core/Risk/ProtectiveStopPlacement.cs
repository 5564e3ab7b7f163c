using Vq.Core.Primitives;

namespace Vq.Core.Risk;

/// <summary>
/// The exchange order behind a <see cref="StopAction.Place"/> decision (SPEC §4.4/§4.5, D17): an algo
/// <c>CONDITIONAL</c> <c>STOP_MARKET</c> with <c>closePosition=true</c>, <c>workingType=MARK_PRICE</c>, the leg's
/// <c>positionSide</c>, the closing side, <c>triggerPrice</c> and <c>clientAlgoId</c>; no quantity, no timeInForce and
/// never <c>reduceOnly</c>. It is a risk order: no rate limiter applies.
/// </summary>
public readonly record struct ProtectiveStopPlacement(
    string Symbol,
    PositionSide PositionSide,
    OrderSide Side,
    decimal TriggerPrice,
    ClientOrderId ClientAlgoId)
{
    /// <summary>Always <c>STOP_MARKET</c>.</summary>
    public const OrderKind Kind = OrderKind.StopMarket;

    public const bool ClosePosition = true;

    /// <summary>Trigger on the mark price, the price liquidation itself uses.</summary>
    public const string WorkingType = "MARK_PRICE";

    /// <summary>Risk order: never rate limited.</summary>
    public const bool IsRisk = true;

    /// <summary>Builds the order for a place decision with a fresh id from <see cref="ProtectiveStopIdentity.CreateId"/>.</summary>
    public static ProtectiveStopPlacement From(ProtectiveStopIdentity identity, in StopDecision decision, ClientOrderId clientAlgoId)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (decision.Action != StopAction.Place)
        {
            throw new ArgumentException($"decision {decision.Action} is not a placement", nameof(decision));
        }

        return new ProtectiveStopPlacement(identity.Symbol, identity.Side, identity.Side.CloseSide(), decision.TriggerPrice, clientAlgoId);
    }
}
