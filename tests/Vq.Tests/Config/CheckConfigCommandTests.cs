using System.Text.Json;
using Vq.Commands;
using Vq.Config;

namespace Vq.Tests.Config;

/// <summary><c>vq check-config</c> run in-process with captured output and an in-memory environment.</summary>
public class CheckConfigCommandTests
{
    private const string KnownApiKey = "vqtest-API-KEY-7f3a9c";
    private const string KnownApiSecret = "vqtest-API-SECRET-e81b27";
    private const string KnownBotToken = "123456:vqtest-BOT-TOKEN-55d0";
    private const string KnownChatId = "-100987654321";

    private static (int Exit, string Out, string Err) Run(TestEnvironment env, string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CheckConfigCommand.Run(args, stdout, stderr, env, workingDirectory);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => Run(new TestEnvironment(), RepoPaths.Root, args);

    [Fact]
    public void The_example_config_is_valid_exit_0_and_prints_provenance()
    {
        var (exit, output, error) = Run("config/config.example.yaml");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("config/config.example.yaml: valid", output, StringComparison.Ordinal);
        Assert.Contains("symbols.BTCUSDT (BTC/USDT:USDT):", output, StringComparison.Ordinal);
        Assert.Contains("symbols.ETHUSDT (ETH/USDT:USDT):", output, StringComparison.Ordinal);
        Assert.Matches(@"execution\.order_ttl_ms\s+1500\s+\(symbol\)", output);
        Assert.Matches(@"execution\.order_ttl_ms\s+4000\s+\(global\)", output);
        Assert.Matches(@"endpoints\.rest\s+null\s+\(default\)", output);
        Assert.Matches(@"BINANCE_API_KEY\s+missing", output);
    }

    [Fact]
    public void An_invalid_config_exits_78_and_lists_every_error_with_path_and_position()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.yaml", "global:\n  execution:\n    maker_safety_ticks: 0\n    order_tll_ms: 5\nsymbols:\n  BTCUSDT:\n");

        var (exit, output, error) = Run(new TestEnvironment(), dir.Path, "bad.yaml");

        Assert.Equal(78, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("bad.yaml: invalid configuration (3 errors)", lines[0]);
        Assert.StartsWith("global.execution.maker_safety_ticks (3:25): must be between 1 and 10000 (got 0)", lines[1], StringComparison.Ordinal);
        Assert.Equal("global.execution.order_tll_ms (4:5): unknown key 'order_tll_ms'; did you mean 'order_ttl_ms'?", lines[2]);
        Assert.Equal("symbols.BTCUSDT (6:11): a symbol entry must be a mapping; write {} for no overrides", lines[3]);
    }

    [Fact]
    public void A_missing_file_exits_66()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = Run(new TestEnvironment(), dir.Path, "nope.yaml");

        Assert.Equal(66, exit);
        Assert.Contains("nope.yaml", error, StringComparison.Ordinal);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_path_is_config_config_yaml()
    {
        using var dir = new TempDirectory();
        Assert.Equal(66, Run(new TestEnvironment(), dir.Path).Exit);

        dir.Write("config/config.yaml", "global: {}\n");
        var (exit, output, _) = Run(new TestEnvironment(), dir.Path);

        Assert.Equal(0, exit);
        Assert.StartsWith("config/config.yaml: valid", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("config/config.example.yaml", "--jsn")]
    [InlineData("a.yaml", "b.yaml")]
    [InlineData("-x", "config/config.example.yaml")]
    public void Usage_errors_exit_64(params string[] args)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(64, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Usage: vq check-config", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_one_parseable_document_with_values_and_sources()
    {
        var (exit, output, _) = Run("config/config.example.yaml", "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        Assert.Equal("missing", root.GetProperty("environment").GetProperty("BINANCE_API_KEY").GetString());
        var ttl = root.GetProperty("global").GetProperty("execution.order_ttl_ms");
        Assert.Equal(4000, ttl.GetProperty("value").GetInt32());
        Assert.Equal("global", ttl.GetProperty("source").GetString());
        var btc = root.GetProperty("symbols").GetProperty("BTCUSDT");
        Assert.Equal("BTC/USDT:USDT", btc.GetProperty("unified").GetString());
        var notional = btc.GetProperty("settings").GetProperty("execution.max_order_notional");
        Assert.Equal(1000m, notional.GetProperty("value").GetDecimal());
        Assert.Equal("symbol", notional.GetProperty("source").GetString());
        var tiers = btc.GetProperty("settings").GetProperty("accel.tiers").GetProperty("value");
        Assert.Equal(2, tiers[1].GetProperty("mult").GetInt32());
        Assert.Equal(0.003m, tiers[1].GetProperty("ret").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("global").GetProperty("proxy").GetProperty("value").ValueKind);
    }

    [Fact]
    public void Json_output_for_an_invalid_config_carries_the_errors_and_exits_78()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.yaml", "global:\n  testnet: maybe\n");

        var (exit, output, _) = Run(new TestEnvironment(), dir.Path, "bad.yaml", "--json");

        Assert.Equal(78, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("global.testnet", error.GetProperty("path").GetString());
        Assert.Equal((2, 12), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.False(doc.RootElement.TryGetProperty("global", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Secret_values_never_appear_in_the_output(bool json)
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global:\n  telegram: { enabled: true }\nsymbols:\n  BTCUSDT: {}\n");
        var env = new TestEnvironment(
            ("BINANCE_API_KEY", KnownApiKey), ("BINANCE_API_SECRET", KnownApiSecret),
            ("TELEGRAM_BOT_TOKEN", KnownBotToken), ("TELEGRAM_CHAT_ID", KnownChatId));

        var (exit, output, error) = json ? Run(env, dir.Path, "c.yaml", "--json") : Run(env, dir.Path, "c.yaml");

        Assert.Equal(0, exit);
        var all = output + error;
        foreach (var secret in new[] { KnownApiKey, KnownApiSecret, KnownBotToken, KnownChatId, "vqtest" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        if (json)
        {
            using var doc = JsonDocument.Parse(output);
            Assert.Equal(0, doc.RootElement.GetProperty("warnings").GetArrayLength());
            Assert.Equal("set", doc.RootElement.GetProperty("environment").GetProperty("TELEGRAM_BOT_TOKEN").GetString());
        }
        else
        {
            Assert.DoesNotContain("warning", all, StringComparison.Ordinal);
            Assert.Matches(@"BINANCE_API_KEY\s+set", output);
            Assert.Matches(@"TELEGRAM_CHAT_ID\s+set", output);
        }
    }

    [Fact]
    public void Secrets_loaded_from_dotenv_are_shown_as_set_but_never_printed()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global: {}\n");
        dir.Write(".env", $"BINANCE_API_KEY={KnownApiKey}\nBINANCE_API_SECRET=\"{KnownApiSecret}\"\n");
        var env = new TestEnvironment(("BINANCE_API_SECRET", "already-set"));

        var (exit, output, error) = Run(env, dir.Path, "c.yaml");

        Assert.Equal(0, exit);
        Assert.Equal(KnownApiKey, env.Get("BINANCE_API_KEY"));
        Assert.Equal("already-set", env.Get("BINANCE_API_SECRET"));
        Assert.Matches(@"BINANCE_API_KEY\s+set", output);
        Assert.DoesNotContain(KnownApiKey, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(KnownApiSecret, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Telegram_enabled_without_token_is_a_warning_not_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global:\n  telegram:\n    enabled: true\n");

        var (exit, output, _) = Run(new TestEnvironment(("TELEGRAM_CHAT_ID", "42")), dir.Path, "c.yaml");

        Assert.Equal(0, exit);
        Assert.Contains("warning: environment variable TELEGRAM_BOT_TOKEN is missing or empty: global.telegram.enabled is true; vq run would refuse to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TELEGRAM_CHAT_ID is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_binance_secrets_are_not_an_error_for_check_config()
    {
        var (exit, output, _) = Run(new TestEnvironment(), RepoPaths.Root, "config/config.example.yaml");

        Assert.Equal(0, exit);
        Assert.Matches(@"BINANCE_API_SECRET\s+missing", output);
        Assert.DoesNotContain("warning", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_usage_and_exits_0()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage: vq check-config [PATH] [--json]", output, StringComparison.Ordinal);
    }
}

public class CheckConfigVerbTests
{
    [Fact]
    public async Task The_check_config_verb_is_dispatched()
    {
        // --help only succeeds if the verb reached CheckConfigCommand (an unknown verb exits 64).
        Assert.Equal(0, await Cli.CommandLine.RunAsync(["check-config", "--help"]));
        Assert.Equal(64, await Cli.CommandLine.RunAsync(["check-config", "--no-such-flag"]));
    }
}
