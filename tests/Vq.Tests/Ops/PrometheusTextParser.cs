using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vq.Tests.Ops;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line is a HELP, a TYPE or a
/// sample; families declare HELP and TYPE once, before their samples, and are not interleaved; names and label names
/// are valid; label values use only the three legal escapes; values parse as Go floats; histograms have ascending
/// <c>le</c> buckets ending in +Inf, cumulative counts, and <c>+Inf == _count</c>, plus <c>_sum</c>.
/// Throws with the line number on any violation.
/// </summary>
internal static partial class PrometheusTextParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Family(string Name, string Type, string Help, List<Sample> Samples);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static Dictionary<string, Family> Parse(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("exposition must end with a line feed");
        }

        var families = new Dictionary<string, Family>();
        var helps = new Dictionary<string, string>();
        Family? current = null;
        var lines = text[..^1].Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            string Where() => $"line {n + 1}: '{line}'";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ');
                var name = space < 0 ? rest : rest[..space];
                Require(MetricName().IsMatch(name), "bad metric name in HELP", Where());
                Require(helps.TryAdd(name, space < 0 ? "" : rest[(space + 1)..]), "duplicate HELP", Where());
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Require(parts.Length == 2 && MetricName().IsMatch(parts[0]), "bad TYPE line", Where());
                Require(parts[1] is "counter" or "gauge" or "histogram" or "summary" or "untyped", "unknown type", Where());
                Require(!families.ContainsKey(parts[0]), "duplicate TYPE (or family split)", Where());
                Require(helps.ContainsKey(parts[0]), "HELP must precede TYPE", Where());
                current = new Family(parts[0], parts[1], helps[parts[0]], []);
                families.Add(parts[0], current);
            }
            else
            {
                Require(!line.StartsWith('#') && line.Length > 0, "unexpected comment or blank line", Where());
                var sample = ParseSample(line, Where());
                Require(current is not null && BelongsTo(sample.Name, current), "sample outside its family", Where());
                if (current!.Type == "counter")
                {
                    Require(sample.Value >= 0, "negative counter", Where());
                }

                current.Samples.Add(sample);
            }
        }

        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return families;
    }

    private static bool BelongsTo(string sampleName, Family family) => family.Type == "histogram"
        ? sampleName == family.Name + "_bucket" || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count"
        : sampleName == family.Name;

    private static Sample ParseSample(string line, string where)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        Require(MetricName().IsMatch(name), "bad metric name", where);
        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                Require(eq > i, "label without '='", where);
                var labelName = line[i..eq];
                Require(LabelName().IsMatch(labelName), "bad label name", where);
                Require(line[eq + 1] == '"', "label value must be quoted", where);
                var value = new StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"illegal escape \\{line[j]} at {where}"),
                        });
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }

                Require(labels.TryAdd(labelName, value.ToString()), "duplicate label", where);
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
                else
                {
                    Require(line[i] == '}', "expected ',' or '}'", where);
                }
            }

            i++;
        }

        Require(i < line.Length && line[i] == ' ', "expected a space before the value", where);
        var valueText = line[(i + 1)..];
        Require(!valueText.Contains(' '), "timestamps are not expected", where);
        return new Sample(name, labels, ParseFloat(valueText, where));
    }

    private static double ParseFloat(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"bad value '{text}' at {where}"),
    };

    private static void CheckHistogram(Family family)
    {
        var buckets = family.Samples.Where(s => s.Name == family.Name + "_bucket").ToList();
        var count = family.Samples.Single(s => s.Name == family.Name + "_count").Value;
        _ = family.Samples.Single(s => s.Name == family.Name + "_sum");
        Require(buckets.Count > 0 && buckets[^1].Labels["le"] == "+Inf", "histogram must end with le=+Inf", family.Name);
        var previousBound = double.NegativeInfinity;
        var previousCount = 0.0;
        foreach (var bucket in buckets)
        {
            var bound = ParseFloat(bucket.Labels["le"], family.Name);
            Require(bound > previousBound, "le bounds must ascend", family.Name);
            Require(bucket.Value >= previousCount, "buckets must be cumulative", family.Name);
            previousBound = bound;
            previousCount = bucket.Value;
        }

        Require(buckets[^1].Value == count, "+Inf bucket must equal _count", family.Name);
    }

    private static void Require(bool condition, string message, string where)
    {
        if (!condition)
        {
            throw new FormatException(message + " at " + where);
        }
    }
}
