using System.Globalization;

namespace Vq.Config;

/// <summary>
/// Loads <c>.env</c> from the working directory into the process environment before anything else (SPEC §1.1).
/// Variables already set win: the real environment (systemd <c>EnvironmentFile</c>, the shell) is never overridden.
/// Format: <c>KEY=VALUE</c> lines, optional <c>export </c>, <c>#</c> comments, values optionally in single quotes
/// (literal) or double quotes (<c>\n</c>, <c>\"</c>, <c>\\</c> escapes). Malformed lines are reported by line
/// number only: a line may hold a secret, so its text is never echoed.
/// </summary>
internal static class DotEnvFile
{
    public const string FileName = ".env";

    public static DotEnvResult LoadFromDirectory(string directory, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Load(File.ReadAllText(path), environment) : DotEnvResult.NoFile;
    }

    public static DotEnvResult Load(string text, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var loaded = new List<string>();
        var kept = new List<string>();
        var warnings = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var lineNumber = (i + 1).ToString(CultureInfo.InvariantCulture);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IsName(line.AsSpan(0, equals).TrimEnd()))
            {
                warnings.Add($".env line {lineNumber}: expected NAME=VALUE; line ignored");
                continue;
            }

            var name = line[..equals].TrimEnd();
            if (!TryValue(line[(equals + 1)..].Trim(), out var value))
            {
                warnings.Add($".env line {lineNumber}: unterminated quote in the value of {name}; line ignored");
                continue;
            }

            if (environment.Get(name) is not null)
            {
                kept.Add(name);
                continue;
            }

            environment.Set(name, value);
            loaded.Add(name);
        }

        return new DotEnvResult(true, loaded, kept, warnings);
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryValue(string raw, out string value)
    {
        value = raw;
        if (raw.Length == 0)
        {
            return true;
        }

        if (raw[0] == '\'')
        {
            var end = raw.IndexOf('\'', 1);
            if (end < 0)
            {
                return false;
            }

            value = raw[1..end];
            return true;
        }

        if (raw[0] == '"')
        {
            var sb = new System.Text.StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '"')
                {
                    value = sb.ToString();
                    return true;
                }

                if (c == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    sb.Append(raw[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                    continue;
                }

                sb.Append(c);
            }

            return false;
        }

        // Unquoted: an inline comment starts at " #".
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        value = comment < 0 ? raw : raw[..comment].TrimEnd();
        return true;
    }
}

/// <summary>What loading <c>.env</c> did: names only, never values.</summary>
internal sealed record DotEnvResult(
    bool FileFound, IReadOnlyList<string> Loaded, IReadOnlyList<string> KeptFromEnvironment, IReadOnlyList<string> Warnings)
{
    public static readonly DotEnvResult NoFile = new(false, [], [], []);
}
