namespace Vq.Config;

/// <summary>
/// One configuration error as shown to the operator: dotted key path, YAML position (1-based; 0 when the value
/// was not written in the file, e.g. a cross-field check against a default) and a specific message.
/// </summary>
internal sealed record ConfigDiagnostic(string Path, int Line, int Column, string Message)
{
    public bool HasPosition => Line > 0;

    /// <summary><c>path (line:col): message</c>, the form <c>vq check-config</c> and the logs print.</summary>
    public override string ToString()
    {
        var where = HasPosition ? $" ({Line}:{Column})" : string.Empty;
        var path = Path.Length == 0 ? "<file>" : Path;
        return $"{path}{where}: {Message}";
    }
}
