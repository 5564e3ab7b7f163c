using System.Globalization;

namespace Vq.Core.Config;

/// <summary>Range checks that append one specific message per violation. Null (not written) is always fine.</summary>
internal static class RangeChecks
{
    public static void Int(List<ConfigError> errors, string path, int? value, int min, int max, string? why = null)
    {
        if (value is not { } v || (v >= min && v <= max))
        {
            return;
        }

        var range = max == int.MaxValue
            ? $"must be at least {min.ToString(CultureInfo.InvariantCulture)}"
            : $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";
        errors.Add(new ConfigError(path, Compose(range, v.ToString(CultureInfo.InvariantCulture), why)));
    }

    /// <summary>Checks <c>min &lt; value</c> (or <c>≤</c>) and <c>value &lt; max</c> (or <c>≤</c>).</summary>
    public static void Decimal(
        List<ConfigError> errors, string path, decimal? value,
        decimal min, bool minInclusive, decimal max, bool maxInclusive, string? why = null)
    {
        if (value is not { } v)
        {
            return;
        }

        var aboveMin = minInclusive ? v >= min : v > min;
        var belowMax = maxInclusive ? v <= max : v < max;
        if (aboveMin && belowMax)
        {
            return;
        }

        var range = $"must be {(minInclusive ? ">=" : ">")} {ConfigValueFormatter.Format(min)} and " +
                    $"{(maxInclusive ? "<=" : "<")} {ConfigValueFormatter.Format(max)}";
        errors.Add(new ConfigError(path, Compose(range, ConfigValueFormatter.Format(v), why)));
    }

    public static void AtLeastZero(List<ConfigError> errors, string path, decimal? value, string why)
    {
        if (value is { } v && v < 0m)
        {
            errors.Add(new ConfigError(path, Compose("must be >= 0", ConfigValueFormatter.Format(v), why)));
        }
    }

    /// <summary>An absolute URL whose scheme is one of <paramref name="schemes"/>; null (not set) passes.</summary>
    public static void Url(List<ConfigError> errors, string path, string? value, params string[] schemes)
    {
        if (value is null)
        {
            return;
        }

        var expected = string.Join(" or ", schemes);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new ConfigError(path, $"must be an absolute {expected} URL such as {schemes[0]}://host:port (got \"{value}\")"));
            return;
        }

        foreach (var scheme in schemes)
        {
            if (string.Equals(uri.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        errors.Add(new ConfigError(path, $"URL scheme must be {expected} (got \"{uri.Scheme}\")"));
    }

    private static string Compose(string range, string got, string? why) =>
        why is null ? $"{range} (got {got})" : $"{range} (got {got}): {why}";
}
