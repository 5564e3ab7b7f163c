namespace Vq.Sim.Wire;

/// <summary>
/// Request parameters from the query string and an x-www-form-urlencoded body. A key in both: the query wins
/// (BINANCE.md §0). Values are percent-decoded; the raw texts are kept for signature checks.
/// </summary>
public sealed class RequestParams
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public RequestParams(string rawQuery, string rawBody)
    {
        RawQuery = rawQuery;
        RawBody = rawBody;
        Add(rawBody);
        Add(rawQuery);
    }

    public string RawQuery { get; }
    public string RawBody { get; }

    public string? this[string key] => _values.GetValueOrDefault(key);

    public bool Has(string key) => _values.ContainsKey(key);

    public long? Long(string key) =>
        _values.TryGetValue(key, out var text) && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private void Add(string raw)
    {
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            _values[key] = value;
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
