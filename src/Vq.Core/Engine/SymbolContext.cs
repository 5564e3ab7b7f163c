using Vq.Core.Config;
using Vq.Core.Market;
using Vq.Core.Primitives;

namespace Vq.Core.Engine;

/// <summary>One managed symbol: rules, merged settings, market state and its two legs. Owned by the engine thread.</summary>
public sealed class SymbolContext
{
    internal SymbolContext(int index, SymbolRules rules, SymbolSettings settings, LegContext longLeg, LegContext shortLeg)
    {
        Index = index;
        Rules = rules;
        Settings = settings;
        Market = new MarketState(rules.Symbol);
        Long = longLeg;
        Short = shortLeg;
    }

    public int Index { get; }
    public string Name => Rules.Symbol;
    public SymbolRules Rules { get; internal set; }
    public SymbolSettings Settings { get; internal set; }
    public MarketState Market { get; }
    public LegContext Long { get; }
    public LegContext Short { get; }

    public LegContext Leg(PositionSide side) => side == PositionSide.Long ? Long : Short;
}
