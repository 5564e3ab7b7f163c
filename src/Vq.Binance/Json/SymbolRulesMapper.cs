using Vq.Core.Primitives;

namespace Vq.Binance.Json;

/// <summary>exchangeInfo filters → Core <see cref="SymbolRules"/> (SPEC §6.1 [FIX f72cc33]: filters first, never precisions).</summary>
public static class SymbolRulesMapper
{
    public static SymbolRules ToRules(this SymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        decimal tick = 0, step = 0, minQty = 0, maxQty = 0, minNotional = 0;
        foreach (var filter in symbol.Filters)
        {
            switch (filter.FilterType)
            {
                case "PRICE_FILTER":
                    tick = filter.TickSize;
                    break;
                case "LOT_SIZE":
                    step = filter.StepSize;
                    minQty = filter.MinQty;
                    maxQty = filter.MaxQty;
                    break;
                case "MIN_NOTIONAL":
                    minNotional = filter.Notional;
                    break;
                default:
                    break;
            }
        }

        return new SymbolRules(symbol.Symbol, tick, step, minQty, minNotional, maxQty);
    }
}
