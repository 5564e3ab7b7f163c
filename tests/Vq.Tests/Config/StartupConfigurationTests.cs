using Vq.Config;

namespace Vq.Tests.Config;

public class StartupConfigurationTests
{
    [Fact]
    public void A_valid_file_with_secrets_loads()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global:\n  logging: { dir: /tmp/vq-logs }\nsymbols:\n  BTCUSDT: {}\n");
        var env = new TestEnvironment(("BINANCE_API_KEY", "k"), ("BINANCE_API_SECRET", "s"));

        var result = StartupConfiguration.Load("c.yaml", env, dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Errors);
        Assert.Equal(["BTCUSDT"], result.Loaded!.Config.Symbols);
        Assert.Equal("k", result.Loaded.Secrets.BinanceApiKey);
        Assert.Equal("/tmp/vq-logs", result.Loaded.LogDir);
    }

    [Fact]
    public void Missing_binance_secrets_fail_with_one_message_per_variable()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global: {}\n");

        var result = StartupConfiguration.Load("c.yaml", new TestEnvironment(), dir.Path);

        Assert.Equal(78, result.ExitCode);
        Assert.Null(result.Loaded);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("BINANCE_API_KEY", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("BINANCE_API_SECRET", result.Errors[1], StringComparison.Ordinal);
    }

    // SPEC §9.1 #10: startup fails when Telegram is enabled and the token is empty.
    [Fact]
    public void Scenario_9_1_10_telegram_enabled_with_an_empty_token_fails_startup()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global:\n  telegram: { enabled: true }\n");
        dir.Write(".env", "BINANCE_API_KEY=k\nBINANCE_API_SECRET=s\nTELEGRAM_BOT_TOKEN=\nTELEGRAM_CHAT_ID=42\n");

        var result = StartupConfiguration.Load("c.yaml", new TestEnvironment(), dir.Path);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("TELEGRAM_BOT_TOKEN", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Config_errors_and_secret_errors_are_reported_together()
    {
        using var dir = new TempDirectory();
        dir.Write("c.yaml", "global:\n  execution: { maker_safety_ticks: 0 }\n");

        var result = StartupConfiguration.Load("c.yaml", new TestEnvironment(("BINANCE_API_KEY", "k")), dir.Path);

        Assert.Equal(78, result.ExitCode);
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("global.execution.maker_safety_ticks (2:36):", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("BINANCE_API_SECRET", result.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_exit_66()
    {
        using var dir = new TempDirectory();

        Assert.Equal(66, StartupConfiguration.Load("nope.yaml", new TestEnvironment(), dir.Path).ExitCode);
    }
}
