using System.Text;
using Vq.Config;
using Vq.Core.Config;

namespace Vq.Tests.Config;

/// <summary>
/// The catalogue of keys (<see cref="SettingsDescriber"/>) and the YAML readers must agree: printing every resolved
/// value back as YAML and loading it gives the same values, written by the expected layer.
/// </summary>
public class ConfigRoundTripTests
{
    [Fact]
    public void Every_global_key_printed_back_as_yaml_loads_to_the_same_values()
    {
        var original = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
        var yaml = "global:\n" + ToYaml(original.DescribeGlobal(), "  ");

        var reloaded = ConfigLoaderScenarioTests.LoadValid(yaml);

        Assert.Equal(Flatten(original.DescribeGlobal()), Flatten(reloaded.DescribeGlobal()));
        Assert.All(reloaded.DescribeGlobal(), v => Assert.Equal(v.Value is null ? ValueSource.Default : ValueSource.Global, v.Source));
    }

    [Fact]
    public void Every_symbol_key_printed_back_under_a_symbol_loads_as_that_symbols_override()
    {
        var original = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
        var btc = original.DescribeSymbol("BTCUSDT");
        // BTC's merged values, every key written explicitly under another symbol.
        var yaml = "symbols:\n  SOLUSDT:\n" + ToYaml(btc, "    ");

        var reloaded = ConfigLoaderScenarioTests.LoadValid(yaml);

        Assert.Equal(Flatten(btc), Flatten(reloaded.DescribeSymbol("SOLUSDT")));
        Assert.All(reloaded.DescribeSymbol("SOLUSDT"), v => Assert.Equal(ValueSource.Symbol, v.Source));
    }

    private static List<(string, string)> Flatten(IReadOnlyList<ResolvedValue> values) =>
        values.Select(v => (v.Path, ConfigValueFormatter.Format(v.Value))).ToList();

    /// <summary>Nested block mappings from dotted paths; leaf values in their printed (flow) form.</summary>
    private static string ToYaml(IReadOnlyList<ResolvedValue> values, string indent)
    {
        var sb = new StringBuilder();
        var open = new List<string>();
        foreach (var value in values)
        {
            var segments = value.Path.Split('.');
            var common = 0;
            while (common < open.Count && common < segments.Length - 1 && open[common] == segments[common])
            {
                common++;
            }

            open.RemoveRange(common, open.Count - common);
            for (var i = common; i < segments.Length - 1; i++)
            {
                sb.Append(indent).Append(' ', 2 * i).Append(segments[i]).Append(":\n");
                open.Add(segments[i]);
            }

            var text = ConfigValueFormatter.Format(value.Value);
            sb.Append(indent).Append(' ', 2 * (segments.Length - 1)).Append(segments[^1]).Append(": ").Append(text).Append('\n');
        }

        return sb.ToString();
    }
}
