using YamlDotNet.Core;

namespace Vq.Config;

/// <summary>
/// State shared by the readers of one file: the errors found so far, the position of every node by dotted path
/// (so range errors found later by the Core validator can name a line:column), and the paths the file wrote with a
/// non-null value (provenance). Single-threaded, one per load.
/// </summary>
internal sealed class ConfigReadContext
{
    private readonly Dictionary<string, Mark> _positions = new(StringComparer.Ordinal);

    public List<ConfigDiagnostic> Errors { get; } = [];

    /// <summary>Full dotted paths written with a non-null value.</summary>
    public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths that already have a loader error: the validator's errors for them would only repeat it.</summary>
    public HashSet<string> FailedPaths { get; } = new(StringComparer.Ordinal);

    public void Position(string path, Mark mark) => _positions[path] = mark;

    public void Error(string path, Mark mark, string message)
    {
        FailedPaths.Add(path);
        Errors.Add(new ConfigDiagnostic(path, ToInt(mark.Line), ToInt(mark.Column), message));
    }

    /// <summary>The position of <paramref name="path"/>, or of its nearest written ancestor.</summary>
    public ConfigDiagnostic Locate(string path, string message)
    {
        var probe = path;
        while (probe.Length > 0)
        {
            if (_positions.TryGetValue(probe, out var mark))
            {
                return new ConfigDiagnostic(path, ToInt(mark.Line), ToInt(mark.Column), message);
            }

            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut < 0 ? string.Empty : probe[..cut];
        }

        return new ConfigDiagnostic(path, 0, 0, message);
    }

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
