using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Vq.Sim.Scenario;

/// <summary>Thrown for a scenario file that cannot be used; the message names the YAML path and what was expected.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>
/// Typed access to a YAML mapping (YamlDotNet's representation model, no reflection). Every key read is recorded so
/// that unknown keys can be reported: a typo in a scenario must not silently fall back to a default.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string path)
    {
        _node = node;
        Path = path;
    }

    public string Path { get; }

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _node.Children)
            {
                yield return ((YamlScalarNode)entry.Key).Value ?? "";
            }
        }
    }

    public YamlNode? Node(string key)
    {
        _used.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlMap? Map(string key) => Node(key) switch
    {
        null => null,
        YamlMappingNode map => new YamlMap(map, Join(key)),
        _ => throw new ScenarioException($"{Join(key)}: expected a mapping"),
    };

    public YamlSequenceNode? Sequence(string key) => Node(key) switch
    {
        null => null,
        YamlSequenceNode sequence => sequence,
        _ => throw new ScenarioException($"{Join(key)}: expected a list"),
    };

    public string? String(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new ScenarioException($"{Join(key)}: expected a scalar"),
    };

    public decimal? Decimal(string key, decimal? min = null)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || (min is { } m && value < m))
        {
            throw new ScenarioException($"{Join(key)}: expected a number{(min is { } floor ? " ≥ " + floor.ToString(CultureInfo.InvariantCulture) : "")}, got '{text}'");
        }

        return value;
    }

    public double? Double(string key, double? min = null) => (double?)Decimal(key, (decimal?)min);

    public long? Long(string key, long? min = null)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || (min is { } m && value < m))
        {
            throw new ScenarioException($"{Join(key)}: expected an integer{(min is { } floor ? " ≥ " + floor.ToString(CultureInfo.InvariantCulture) : "")}, got '{text}'");
        }

        return value;
    }

    public int? Int(string key, int? min = null) => Long(key, min) is { } value
        ? value <= int.MaxValue ? (int)value : throw new ScenarioException($"{Join(key)}: too large")
        : null;

    public bool? Bool(string key) => String(key) switch
    {
        null => null,
        "true" or "True" or "yes" => true,
        "false" or "False" or "no" => false,
        var other => throw new ScenarioException($"{Join(key)}: expected true or false, got '{other}'"),
    };

    /// <summary>Fails on any key that was never read.</summary>
    public void RejectUnknown()
    {
        foreach (var key in Keys)
        {
            if (!_used.Contains(key))
            {
                throw new ScenarioException($"{Join(key)}: unknown key");
            }
        }
    }

    private string Join(string key) => Path.Length == 0 ? key : Path + "." + key;
}
