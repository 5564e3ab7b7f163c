using System.Globalization;
using Vq.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vq.Config;

/// <summary>
/// Reads one YAML mapping at a dotted path. Every typed getter names a known key; <see cref="Finish"/> then reports
/// each key the file wrote that no getter asked for as unknown, with the closest known key. An absent or null
/// value reads as null (inherit). Type errors are recorded with the value's line:column and read as null.
/// </summary>
internal sealed class YamlSection
{
    private readonly ConfigReadContext _context;
    private readonly List<KeyValuePair<YamlScalarNode, YamlNode>> _entries = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rejected = new(StringComparer.Ordinal);

    private YamlSection(ConfigReadContext context, string path, Mark start)
    {
        _context = context;
        Path = path;
        Start = start;
    }

    public string Path { get; }

    public Mark Start { get; }

    /// <summary>A reader over <paramref name="node"/>: a mapping, or null/absent (an empty section).</summary>
    public static YamlSection Open(ConfigReadContext context, string path, YamlNode? node, Mark fallback)
    {
        var section = new YamlSection(context, path, node?.Start ?? fallback);
        if (node is null || YamlScalars.IsNull(node))
        {
            return section;
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(path, node.Start, $"expected a mapping of keys, got {YamlScalars.Describe(node)}");
            return section;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode scalarKey || scalarKey.Value is null)
            {
                context.Error(path, key.Start, $"keys must be plain names, got {YamlScalars.Describe(key)}");
                continue;
            }

            section._entries.Add(new(scalarKey, value));
        }

        return section;
    }

    /// <summary>The keys as written, in file order (for maps keyed by data, such as <c>symbols</c>).</summary>
    public IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNode>> Entries => _entries;

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Declares <paramref name="key"/> known and returns its value node, or null when absent or null.</summary>
    public YamlNode? Value(string key)
    {
        _known.Add(key);
        foreach (var (k, v) in _entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                var path = Child(key);
                _context.Position(path, v.Start);
                if (YamlScalars.IsNull(v))
                {
                    return null;
                }

                _context.Written.Add(path);
                return v;
            }
        }

        return null;
    }

    public YamlSection Section(string key) => Open(_context, Child(key), Value(key), Start);

    public int? Int(string key) => Read(key, static n => (YamlScalars.TryInt(n, out var v), (int?)v));

    public decimal? Decimal(string key) => Read(key, static n => (YamlScalars.TryDecimal(n, out var v), (decimal?)v));

    public bool? Bool(string key) => Read(key, static n => (YamlScalars.TryBool(n, out var v), (bool?)v));

    public T? Enum<T>(string key, IReadOnlyList<KeyValuePair<string, T>> table)
        where T : struct, System.Enum
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        var error = YamlScalars.TryEnum(node, table, out var value);
        return Fail(key, node, error) ? null : value;
    }

    /// <summary>A string key; absent and null both read as null.</summary>
    public string? String(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        var error = YamlScalars.TryString(node, out var value);
        return Fail(key, node, error) ? null : value;
    }

    /// <summary>
    /// A list of mappings (tiers). Null when absent or null (inherit); an empty list when written as <c>[]</c>.
    /// Items with errors are still returned (with placeholder fields) so indices in later messages stay right.
    /// </summary>
    public IReadOnlyList<T>? List<T>(string key, Func<YamlSection, T> readItem)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Fail(key, node, $"expected a list, got {YamlScalars.Describe(node)}");
            return null;
        }

        var items = new List<T>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemNode = sequence.Children[i];
            var itemPath = $"{Child(key)}[{i.ToString(CultureInfo.InvariantCulture)}]";
            _context.Position(itemPath, itemNode.Start);
            if (YamlScalars.IsNull(itemNode) || itemNode is not YamlMappingNode)
            {
                _context.Error(itemPath, itemNode.Start, $"expected a mapping, got {(YamlScalars.IsNull(itemNode) ? "null" : YamlScalars.Describe(itemNode))}");
            }

            var item = Open(_context, itemPath, itemNode is YamlMappingNode ? itemNode : null, itemNode.Start);
            items.Add(readItem(item));
            item.Finish();
        }

        return items;
    }

    /// <summary>Records "missing required key" at this mapping when <paramref name="value"/> is null.</summary>
    public TValue Required<TValue>(string key, TValue? value, TValue placeholder)
        where TValue : struct
    {
        if (value is { } v)
        {
            return v;
        }

        // No "missing" noise when the value or the whole item already failed to parse; either way the placeholder
        // must not draw a range error later.
        if (!_context.FailedPaths.Contains(Child(key)) && !_context.FailedPaths.Contains(Path))
        {
            _context.Error(Child(key), Start, $"missing required key '{key}'");
        }

        _context.FailedPaths.Add(Child(key));
        return placeholder;
    }

    /// <summary>A key that is understood here but not allowed; reported with <paramref name="message"/>.</summary>
    public void Reject(string key, string message) => _rejected[key] = message;

    /// <summary>Reports every written key that no getter asked for.</summary>
    public void Finish(IReadOnlyList<string>? fallbackCatalogue = null, string fallbackPrefix = "")
    {
        foreach (var (keyNode, _) in _entries)
        {
            var key = keyNode.Value!;
            if (_known.Contains(key))
            {
                continue;
            }

            var path = Child(key);
            if (_rejected.TryGetValue(key, out var reason))
            {
                _context.Error(path, keyNode.Start, reason);
                continue;
            }

            _context.Error(path, keyNode.Start, UnknownKeyMessage(key, fallbackCatalogue, fallbackPrefix));
        }
    }

    private string UnknownKeyMessage(string key, IReadOnlyList<string>? catalogue, string prefix)
    {
        var closest = KeySuggester.Closest(key, _known);
        if (closest is not null)
        {
            return $"unknown key '{key}'; did you mean '{closest}'?";
        }

        // A key written at the wrong level, e.g. `global.order_ttl_ms`: look for it by its last segment.
        if (catalogue is not null)
        {
            foreach (var candidate in catalogue)
            {
                // Every prefix of a known path is a candidate too: `executon` at the top → `global.execution`.
                for (var end = candidate.IndexOf('.'); ; end = candidate.IndexOf('.', end + 1))
                {
                    var knownPath = end < 0 ? candidate : candidate[..end];
                    var segment = knownPath[(knownPath.LastIndexOf('.') + 1)..];
                    if (KeySuggester.Distance(segment, key) <= 1)
                    {
                        return $"unknown key '{key}'; did you mean '{prefix}{knownPath}'?";
                    }

                    if (end < 0)
                    {
                        break;
                    }
                }
            }
        }

        var known = new List<string>(_known);
        known.Sort(StringComparer.Ordinal);
        return known.Count == 0
            ? $"unknown key '{key}'"
            : $"unknown key '{key}' (known keys here: {string.Join(", ", known)})";
    }

    private T? Read<T>(string key, Func<YamlNode, (string? Error, T? Value)> parse)
        where T : struct
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        var (error, value) = parse(node);
        return Fail(key, node, error) ? null : value;
    }

    private bool Fail(string key, YamlNode node, string? error)
    {
        if (error is null)
        {
            return false;
        }

        _context.Written.Remove(Child(key));
        _context.Error(Child(key), node.Start, error);
        return true;
    }
}
