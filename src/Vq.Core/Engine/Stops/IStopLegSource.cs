using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Core.Risk;

namespace Vq.Core.Engine.Stops;

/// <summary>
/// What the <see cref="ProtectiveStopCoordinator"/> reads about a symbol, by engine symbol index. Read at the start of
/// each leg's plan, so a hot reload or a fresh liquidation price applies to the next sync. Called on the owner thread.
/// <see cref="EngineStopLegSource"/> implements it over an <see cref="ExitEngine"/>.
/// </summary>
public interface IStopLegSource
{
    /// <summary>Exchange form, e.g. <c>BTCUSDT</c>. Must stay the same for an index (it names the stop ids).</summary>
    string ExchangeSymbol(int symbol);

    /// <summary>The merged <c>risk.protective_stop</c> of the symbol (<c>SymbolSettings.Risk.ProtectiveStop</c>).</summary>
    ProtectiveStopSettings Settings(int symbol);

    /// <summary>The leg now: amount (0 = nothing to protect), liquidation and mark price (null or ≤ 0 = unknown), tick size.</summary>
    StopLeg Leg(int symbol, PositionSide side);
}
