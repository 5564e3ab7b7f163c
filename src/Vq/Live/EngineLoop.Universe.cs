namespace Vq.Live;

// D9 at run time: a position in a symbol not managed yet (the host decides whether and how the universe grows).
internal sealed partial class EngineLoop
{
    private readonly HashSet<string> _unmanagedReported = new(StringComparer.Ordinal);

    /// <summary>
    /// Engine thread: adds a symbol to the engine (rules, streams, inspection) and returns true when it is managed
    /// afterwards. Null: the universe does not grow (<c>flatten</c>, <c>universe: configured</c>).
    /// </summary>
    public Func<EngineLoop, string, string, bool>? UniverseGrowth { get; set; }

    /// <summary>Engine thread: a non-zero position in <paramref name="symbol"/>; true with its index once it is managed.</summary>
    internal bool TryGrowUniverse(string symbol, string source, out int index)
    {
        if (Engine.TryGetSymbol(symbol, out index))
        {
            return true;
        }

        if (UniverseGrowth is { } grow && grow(this, symbol, source) && Engine.TryGetSymbol(symbol, out index))
        {
            return true;
        }

        if (_unmanagedReported.Add(symbol))
        {
            _log.Line("universe_unmanaged_position", $"symbol={symbol} source={source} reason={(UniverseGrowth is null ? "universe_fixed" : "not_listed_or_no_capacity")}");
        }

        index = -1;
        return false;
    }
}
