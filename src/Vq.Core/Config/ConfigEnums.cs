using Vq.Core.Primitives;

namespace Vq.Core.Config;

/// <summary>
/// The snake_case spelling of every enum that appears in the config file, one table per enum, used both to parse
/// and to print. Explicit tables rather than reflection: AOT-clean, and renaming a C# member cannot change the file
/// format.
/// </summary>
public static class ConfigEnums
{
    public static readonly IReadOnlyList<KeyValuePair<string, MakerPriceMode>> MakerPriceModes =
    [
        new("at_touch", MakerPriceMode.AtTouch),
        new("inside_spread_1tick", MakerPriceMode.InsideSpread1Tick),
        new("custom_ticks", MakerPriceMode.CustomTicks),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, UniverseMode>> UniverseModes =
    [
        new("all_positions", UniverseMode.AllPositions),
        new("configured", UniverseMode.Configured),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, MessageLanguage>> Languages =
    [
        new("en", MessageLanguage.En),
        new("zh", MessageLanguage.Zh),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, LogLevelSetting>> LogLevels =
    [
        new("trace", LogLevelSetting.Trace),
        new("debug", LogLevelSetting.Debug),
        new("information", LogLevelSetting.Information),
        new("warning", LogLevelSetting.Warning),
        new("error", LogLevelSetting.Error),
    ];

    public static string Name(MakerPriceMode value) => NameOf(MakerPriceModes, value);

    public static string Name(UniverseMode value) => NameOf(UniverseModes, value);

    public static string Name(MessageLanguage value) => NameOf(Languages, value);

    public static string Name(LogLevelSetting value) => NameOf(LogLevels, value);

    /// <summary>Exact, case-sensitive lookup of a file spelling.</summary>
    public static bool TryParse<T>(IReadOnlyList<KeyValuePair<string, T>> table, string text, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var entry in table)
        {
            if (string.Equals(entry.Key, text, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The spellings of a table, for "expected one of …" messages.</summary>
    public static string Choices<T>(IReadOnlyList<KeyValuePair<string, T>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = new string[table.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = table[i].Key;
        }

        return string.Join(", ", names);
    }

    private static string NameOf<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct, Enum
    {
        foreach (var entry in table)
        {
            if (EqualityComparer<T>.Default.Equals(entry.Value, value))
            {
                return entry.Key;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "no config spelling for this value");
    }
}
