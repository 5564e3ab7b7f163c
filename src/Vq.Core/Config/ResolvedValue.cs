namespace Vq.Core.Config;

/// <summary>Where a resolved value came from (SPEC §1.3).</summary>
public enum ValueSource : byte
{
    /// <summary>Nobody wrote it: the built-in default.</summary>
    Default = 0,
    /// <summary>Written under <c>global</c>.</summary>
    Global = 1,
    /// <summary>Written (or derived, e.g. by <c>accel.mult_percent</c>) under <c>symbols.&lt;SYM&gt;</c>.</summary>
    Symbol = 2,
}

/// <summary>
/// One resolved key for display and diffs. <see cref="Path"/> is relative to <c>global.</c> or
/// <c>symbols.&lt;SYM&gt;.</c>; <see cref="Value"/> is null, bool, int, decimal, string (enums in their file
/// spelling) or a tier list.
/// </summary>
public sealed record ResolvedValue(string Path, object? Value, ValueSource Source)
{
    public string SourceName => Source switch
    {
        ValueSource.Global => "global",
        ValueSource.Symbol => "symbol",
        _ => "default",
    };
}
