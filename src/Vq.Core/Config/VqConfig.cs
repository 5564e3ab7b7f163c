using Vq.Core.Primitives;

namespace Vq.Core.Config;

/// <summary>
/// The validated, resolved configuration: global settings, the configured symbols (exchange form, file order) with
/// their override layers, and the per-symbol merge for any symbol (D9: an unconfigured symbol gets pure globals).
/// Immutable; safe to share between threads. A reload builds a new instance.
/// </summary>
public sealed class VqConfig
{
    private static readonly HashSet<string> s_noExplicitPaths = [];
    private readonly Dictionary<string, SymbolOverrides> _overrides;
    private readonly Dictionary<string, SymbolSettings> _merged;
    private readonly IReadOnlySet<string> _explicitGlobalPaths;

    /// <param name="global">Resolved global settings (defaults plus what <c>global</c> wrote).</param>
    /// <param name="explicitGlobalPaths">Paths relative to <c>global.</c> that the file wrote (provenance only).</param>
    /// <param name="symbols">Override layers keyed by symbol in any accepted form; each symbol at most once.</param>
    public VqConfig(
        GlobalSettings global,
        IEnumerable<string>? explicitGlobalPaths = null,
        IEnumerable<KeyValuePair<string, SymbolOverrides>>? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(global);
        Global = global;
        _explicitGlobalPaths = explicitGlobalPaths is null ? s_noExplicitPaths : new HashSet<string>(explicitGlobalPaths, StringComparer.Ordinal);
        _overrides = new Dictionary<string, SymbolOverrides>(StringComparer.Ordinal);
        _merged = new Dictionary<string, SymbolSettings>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, overrides) in symbols ?? [])
        {
            var symbol = Normalize(key);
            if (!_overrides.TryAdd(symbol, overrides ?? SymbolOverrides.None))
            {
                throw new ArgumentException($"symbol {symbol} is configured twice", nameof(symbols));
            }

            _merged[symbol] = SettingsMerger.Merge(symbol, global, overrides);
            order.Add(symbol);
        }

        Symbols = order;
    }

    /// <summary>All defaults, no symbols (what an empty file means).</summary>
    public static VqConfig Defaults { get; } = new(new GlobalSettings());

    public GlobalSettings Global { get; }

    /// <summary>The symbols under <c>symbols</c>, exchange form, in file order.</summary>
    public IReadOnlyList<string> Symbols { get; }

    public bool IsConfigured(string symbol) => _overrides.ContainsKey(Normalize(symbol));

    /// <summary>What <c>symbols.&lt;SYM&gt;</c> wrote; <see cref="SymbolOverrides.None"/> when it is not configured.</summary>
    public SymbolOverrides OverridesFor(string symbol) =>
        _overrides.TryGetValue(Normalize(symbol), out var o) ? o : SymbolOverrides.None;

    /// <summary>The merged settings of any symbol (any accepted spelling); unconfigured → pure globals.</summary>
    public SymbolSettings For(string exchangeSymbol)
    {
        var symbol = Normalize(exchangeSymbol);
        return _merged.TryGetValue(symbol, out var merged) ? merged : SettingsMerger.Merge(symbol, Global, null);
    }

    /// <summary>Every global key with value and provenance (default / global).</summary>
    public IReadOnlyList<ResolvedValue> DescribeGlobal() => SettingsDescriber.DescribeGlobal(Global, _explicitGlobalPaths);

    /// <summary>Every per-symbol key of one symbol with value and provenance (default / global / symbol).</summary>
    public IReadOnlyList<ResolvedValue> DescribeSymbol(string symbol) =>
        SettingsDescriber.DescribeSymbol(For(symbol), OverridesFor(symbol), _explicitGlobalPaths);

    private static string Normalize(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Primitives.Symbols.TryNormalize(symbol, out var exchange) ? exchange : symbol;
    }
}
