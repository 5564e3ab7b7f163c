using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>
/// <see cref="IStopLegSource"/> over an engine's public state: the symbol's rules and merged settings, the leg's
/// position and liquidation price, and the market's mark price. Owner thread only, like the engine.
/// </summary>
public sealed class EngineStopLegSource(ExitEngine engine) : IStopLegSource
{
    public string ExchangeSymbol(int symbol) => engine.Symbol(symbol).Name;

    public ProtectiveStopSettings Settings(int symbol) => engine.Symbol(symbol).Settings.Risk.ProtectiveStop;

    public StopLeg Leg(int symbol, PositionSide side)
    {
        var ctx = engine.Symbol(symbol);
        var position = ctx.Leg(side).Position;
        var liquidation = position.LiquidationPrice;
        var mark = ctx.Market.MarkPrice;
        return new StopLeg(
            side,
            position.Size,
            liquidation > 0m ? liquidation : null,
            mark > 0m ? mark : null,
            ctx.Rules.TickSize);
    }
}
