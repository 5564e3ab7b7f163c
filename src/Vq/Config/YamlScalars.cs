using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Vq.Config;

/// <summary>
/// Typed reading of YAML scalars under the YAML 1.2 core schema, strictly: numbers and booleans must be plain
/// (unquoted) scalars, decimals are parsed invariantly straight into <see cref="decimal"/> (never via double), and
/// YAML 1.1 spellings such as <c>yes</c>/<c>on</c> are rejected with a hint. Each method returns an error message
/// or null.
/// </summary>
internal static class YamlScalars
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsQuoted(s) => $"the quoted string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };

    public static string? TryInt(YamlNode node, out int value)
    {
        value = 0;
        if (node is not YamlScalarNode scalar || IsQuoted(scalar))
        {
            return $"expected a whole number, got {Describe(node)}";
        }

        var text = scalar.Value ?? string.Empty;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
        {
            return d == decimal.Truncate(d) ? $"{text} is out of range for a whole number" : $"expected a whole number, got {text}";
        }

        return $"expected a whole number, got {Describe(node)}";
    }

    public static string? TryDecimal(YamlNode node, out decimal value)
    {
        value = 0m;
        if (node is not YamlScalarNode scalar || IsQuoted(scalar))
        {
            return $"expected a number, got {Describe(node)}";
        }

        var text = scalar.Value ?? string.Empty;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            ? null
            : $"expected a number, got {Describe(node)}";
    }

    public static string? TryBool(YamlNode node, out bool value)
    {
        value = false;
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    value = true;
                    return null;
                case "false" or "False" or "FALSE":
                    return null;
                case "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "n":
                    return $"expected true or false, got '{scalar.Value}' (YAML 1.1 booleans are not accepted)";
            }
        }

        return $"expected true or false, got {Describe(node)}";
    }

    /// <summary>Any scalar as text (quoted or not); a plain null reads as null.</summary>
    public static string? TryString(YamlNode node, out string? value)
    {
        value = null;
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            return $"expected a string, got {Describe(node)}";
        }

        value = scalar.Value ?? string.Empty;
        return null;
    }

    public static string? TryEnum<T>(YamlNode node, IReadOnlyList<KeyValuePair<string, T>> table, out T value)
        where T : struct, Enum
    {
        value = default;
        var choices = Core.Config.ConfigEnums.Choices(table);
        if (node is not YamlScalarNode scalar)
        {
            return $"expected one of {choices}, got {Describe(node)}";
        }

        var text = scalar.Value ?? string.Empty;
        if (Core.Config.ConfigEnums.TryParse(table, text, out value))
        {
            return null;
        }

        var names = new List<string>(table.Count);
        foreach (var entry in table)
        {
            names.Add(entry.Key);
        }

        var closest = KeySuggester.Closest(text, names);
        return closest is null
            ? $"expected one of {choices}, got '{text}'"
            : $"expected one of {choices}, got '{text}'; did you mean '{closest}'?";
    }

    // Quoted and block scalars are strings in the core schema: "500" is not a number.
    private static bool IsQuoted(YamlScalarNode s) =>
        s.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any);
}
