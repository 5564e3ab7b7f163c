using Vq.Config;
using Vq.Core.Config;

namespace Vq.Tests.Config;

public class SecretsTests
{
    private static readonly TelegramSettings s_telegramOn = new() { Enabled = true };

    [Fact]
    public void Values_are_trimmed_and_empty_means_missing()
    {
        var secrets = Secrets.FromEnvironment(new TestEnvironment(
            ("BINANCE_API_KEY", "  key-1 \n"), ("BINANCE_API_SECRET", "   "), ("TELEGRAM_BOT_TOKEN", "\ttok\t")));

        Assert.Equal("key-1", secrets.BinanceApiKey);
        Assert.Null(secrets.BinanceApiSecret);
        Assert.Equal("tok", secrets.TelegramBotToken);
        Assert.Null(secrets.TelegramChatId);
        Assert.True(secrets.IsSet(Secrets.BinanceApiKeyVariable));
        Assert.False(secrets.IsSet(Secrets.BinanceApiSecretVariable));
    }

    [Fact]
    public void Binance_key_and_secret_are_required_each_with_its_own_message()
    {
        var errors = Secrets.FromEnvironment(new TestEnvironment()).Check(new TelegramSettings());

        Assert.Equal(2, errors.Count);
        Assert.Contains("BINANCE_API_KEY", errors[0], StringComparison.Ordinal);
        Assert.Contains("BINANCE_API_SECRET", errors[1], StringComparison.Ordinal);
        Assert.Empty(Secrets.FromEnvironment(new TestEnvironment()).Check(new TelegramSettings(), requireBinance: false));
    }

    // SPEC §9.1 #10
    [Fact]
    public void Scenario_9_1_10_telegram_enabled_with_an_empty_token_fails_the_check()
    {
        var env = new TestEnvironment(("BINANCE_API_KEY", "k"), ("BINANCE_API_SECRET", "s"), ("TELEGRAM_BOT_TOKEN", ""), ("TELEGRAM_CHAT_ID", "42"));

        var error = Assert.Single(Secrets.FromEnvironment(env).Check(s_telegramOn));

        Assert.Equal("environment variable TELEGRAM_BOT_TOKEN is missing or empty: global.telegram.enabled is true", error);
    }

    [Fact]
    public void Telegram_chat_id_is_required_when_enabled_and_nothing_is_required_when_disabled()
    {
        var env = new TestEnvironment(("BINANCE_API_KEY", "k"), ("BINANCE_API_SECRET", "s"), ("TELEGRAM_BOT_TOKEN", "t"));

        Assert.Contains("TELEGRAM_CHAT_ID", Assert.Single(Secrets.FromEnvironment(env).Check(s_telegramOn)), StringComparison.Ordinal);
        Assert.Empty(Secrets.FromEnvironment(env).Check(new TelegramSettings { Enabled = false }));
    }

    [Fact]
    public void ToString_never_shows_a_value()
    {
        var secrets = Secrets.FromEnvironment(new TestEnvironment(
            ("BINANCE_API_KEY", "AKIA-very-secret"), ("BINANCE_API_SECRET", "s3cr3t-value"), ("TELEGRAM_BOT_TOKEN", "123:abc-token")));

        var text = secrets.ToString();

        Assert.DoesNotContain("AKIA-very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123:abc-token", text, StringComparison.Ordinal);
        Assert.Equal("Secrets(BINANCE_API_KEY=set, BINANCE_API_SECRET=set, TELEGRAM_BOT_TOKEN=set, TELEGRAM_CHAT_ID=missing)", text);
    }

    [Fact]
    public void Log_dir_comes_from_config_then_VQ_LOG_DIR_then_logs()
    {
        var env = new TestEnvironment(("VQ_LOG_DIR", " /var/log/vq "));

        Assert.Equal("/srv/vq-logs", HostEnvironment.ResolveLogDir(new LoggingSettings { Dir = "/srv/vq-logs" }, env));
        Assert.Equal("/var/log/vq", HostEnvironment.ResolveLogDir(new LoggingSettings(), env));
        Assert.Equal("logs", HostEnvironment.ResolveLogDir(new LoggingSettings(), new TestEnvironment()));
        Assert.Equal("logs", HostEnvironment.ResolveLogDir(new LoggingSettings(), new TestEnvironment(("VQ_LOG_DIR", ""))));
    }

    [Fact]
    public void Proxy_variables_of_the_environment_are_never_consulted()
    {
        var env = new RecordingEnvironment();

        _ = Secrets.FromEnvironment(env);
        _ = HostEnvironment.ResolveLogDir(new LoggingSettings(), env);

        Assert.DoesNotContain(env.Reads, n => n.Contains("PROXY", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class RecordingEnvironment : IEnvironmentVariables
    {
        public List<string> Reads { get; } = [];

        public string? Get(string name)
        {
            Reads.Add(name);
            return null;
        }

        public void Set(string name, string value) => throw new InvalidOperationException("read only");
    }
}
