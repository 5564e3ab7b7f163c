using Vq.Core.Config;
using Vq.Core.Primitives;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vq.Config;

/// <summary>
/// Loads <c>config.yaml</c> (SPEC §1.1, D1) with YamlDotNet's representation model only (no serializer: it uses
/// reflection and is not AOT-clean). Top level <c>global</c> and <c>symbols</c>; unknown keys, type errors and the
/// Core validator's range errors are all collected and returned together, each with its dotted path and the YAML
/// line:column. Secrets never come from this file. Stateless and thread-safe.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>Keys of <c>global</c> that a symbol may not override (SPEC §1.2 "Sym?" = no).</summary>
    private static readonly string[] s_globalOnlyKeys =
        ["testnet", "proxy", "endpoints", "universe", "startup", "ws", "rest", "rate_limit", "account", "telegram", "logging", "metrics"];

    private static readonly string[] s_secretKeys = ["api_key", "api_secret", "secret", "key", "bot_token", "chat_id"];

    public static ConfigLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ConfigLoadResult.Missing(path, "config file not found");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return ConfigLoadResult.Missing(path, $"cannot read the config file: {ex.Message}");
        }

        return LoadText(text, path);
    }

    public static ConfigLoadResult LoadText(string yaml, string sourceName = "<config>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var context = new ConfigReadContext();
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                context.Error(string.Empty, second, "only one YAML document is allowed");
                return ConfigLoadResult.Invalid(sourceName, context.Errors);
            }

            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            context.Error(string.Empty, ex.Start, $"YAML syntax error: {ex.Message}");
            return ConfigLoadResult.Invalid(sourceName, context.Errors);
        }

        var top = YamlSection.Open(context, string.Empty, root, Mark.Empty);
        var globalSection = top.Section("global");
        var (global, globalWritten) = GlobalSectionReader.Read(globalSection);
        foreach (var key in s_secretKeys)
        {
            globalSection.Reject(key, "secrets come from the environment only (BINANCE_API_KEY, BINANCE_API_SECRET, TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_ID)");
        }

        globalSection.Finish(SettingsDescriber.GlobalKeys(), "global.");
        var symbols = ReadSymbols(context, top.Section("symbols"));
        top.Finish(SettingsDescriber.GlobalKeys(), "global.");

        var explicitGlobal = new List<string>();
        foreach (var written in context.Written)
        {
            if (written.StartsWith("global.", StringComparison.Ordinal))
            {
                explicitGlobal.Add(written["global.".Length..]);
            }
        }

        foreach (var error in ConfigValidator.Validate(global, symbols, globalWritten))
        {
            if (!context.FailedPaths.Contains(error.Path))
            {
                context.Errors.Add(context.Locate(error.Path, error.Message));
            }
        }

        if (context.Errors.Count > 0)
        {
            return ConfigLoadResult.Invalid(sourceName, context.Errors);
        }

        return ConfigLoadResult.Valid(sourceName, new VqConfig(global, explicitGlobal, symbols));
    }

    private static List<KeyValuePair<string, SymbolOverrides>> ReadSymbols(ConfigReadContext context, YamlSection symbols)
    {
        var result = new List<KeyValuePair<string, SymbolOverrides>>();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in symbols.Entries)
        {
            var written = keyNode.Value!;
            if (!Symbols.TryNormalize(written, out var symbol))
            {
                context.Error(symbols.Child(written), keyNode.Start,
                    $"'{written}' is not a USDT-margined perpetual symbol; write it as BTCUSDT, btcusdt or BTC/USDT:USDT");
                continue;
            }

            var path = symbols.Child(symbol);
            if (seen.TryGetValue(symbol, out var first))
            {
                context.Error(path, keyNode.Start,
                    $"'{written}' names the same symbol as '{first.Value}' at line {first.Start.Line}; configure each symbol once");
                continue;
            }

            seen.Add(symbol, keyNode);
            context.Position(path, value.Start);
            if (YamlScalars.IsNull(value))
            {
                context.Error(path, value.Start, "a symbol entry must be a mapping; write {} for no overrides");
                continue;
            }

            var section = YamlSection.Open(context, path, value, value.Start);
            var overrides = SectionReaders.ReadOverridable(section, isSymbol: true);
            foreach (var key in s_globalOnlyKeys)
            {
                section.Reject(key, $"'{key}' cannot be overridden per symbol; set it under global.{key}");
            }

            section.Finish(SettingsDescriber.SymbolKeys(), string.Empty);
            if (value is YamlMappingNode)
            {
                result.Add(new(symbol, overrides));
            }
        }

        return result;
    }
}

/// <summary>The outcome of loading a config file: a valid <see cref="VqConfig"/>, or every error, or a missing file.</summary>
internal sealed record ConfigLoadResult(string Source, VqConfig? Config, IReadOnlyList<ConfigDiagnostic> Errors, bool FileMissing)
{
    public bool IsValid => Config is not null;

    public static ConfigLoadResult Valid(string source, VqConfig config) => new(source, config, [], false);

    /// <summary>Errors sorted by position in the file; errors without a position last.</summary>
    public static ConfigLoadResult Invalid(string source, List<ConfigDiagnostic> errors)
    {
        var sorted = new List<ConfigDiagnostic>(errors);
        // List.Sort is not stable: break ties by the original index so equal positions keep discovery order.
        var order = new Dictionary<ConfigDiagnostic, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < errors.Count; i++)
        {
            order[errors[i]] = i;
        }

        sorted.Sort((a, b) =>
        {
            var byPosition = (a.HasPosition, b.HasPosition) switch
            {
                (true, false) => -1,
                (false, true) => 1,
                _ => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column),
            };
            return byPosition != 0 ? byPosition : order[a].CompareTo(order[b]);
        });
        return new(source, null, sorted, false);
    }

    public static ConfigLoadResult Missing(string source, string message) =>
        new(source, null, [new ConfigDiagnostic(string.Empty, 0, 0, message)], true);
}
