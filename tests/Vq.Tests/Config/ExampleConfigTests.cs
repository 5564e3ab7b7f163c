using Vq.Config;
using Vq.Core.Config;
using YamlDotNet.RepresentationModel;

namespace Vq.Tests.Config;

/// <summary><c>config/config.example.yaml</c> validates and documents every key.</summary>
public class ExampleConfigTests
{
    [Fact]
    public void The_example_config_validates()
    {
        var result = ConfigLoader.LoadFile(RepoPaths.ExampleConfig);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], result.Config!.Symbols);
    }

    [Fact]
    public void The_example_writes_every_global_key_with_its_default_in_a_comment()
    {
        var text = File.ReadAllText(RepoPaths.ExampleConfig);
        var lines = text.Split('\n');
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var global = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("global")];

        foreach (var path in SettingsDescriber.GlobalKeys())
        {
            YamlNode node = global;
            YamlNode? key = null;
            foreach (var segment in path.Split('.'))
            {
                var mapping = Assert.IsType<YamlMappingNode>(node, exactMatch: false);
                key = new YamlScalarNode(segment);
                Assert.True(mapping.Children.ContainsKey(key), $"config.example.yaml does not write global.{path}");
                key = mapping.Children.Keys.First(k => k.Equals(key));
                node = mapping.Children[key];
            }

            // The comment is on the key's line or, for long values, on the next line.
            var line = (int)key!.Start.Line - 1;
            var comment = lines[line] + lines[line + 1];
            Assert.True(comment.Contains("default", StringComparison.Ordinal), $"global.{path} has no default in its comment (line {line + 1})");
        }
    }

    [Fact]
    public void The_example_shows_mult_percent_and_both_symbol_spellings()
    {
        var text = File.ReadAllText(RepoPaths.ExampleConfig);

        Assert.Contains("mult_percent:", text, StringComparison.Ordinal);
        Assert.Contains("  BTCUSDT:", text, StringComparison.Ordinal);
        Assert.Contains("  ETH/USDT:USDT:", text, StringComparison.Ordinal);
        foreach (var variable in Secrets.VariableNames)
        {
            Assert.Contains(variable, text, StringComparison.Ordinal);
        }
    }
}
