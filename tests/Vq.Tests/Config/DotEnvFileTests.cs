using Vq.Config;

namespace Vq.Tests.Config;

public class DotEnvFileTests
{
    [Fact]
    public void Loads_plain_exported_and_quoted_values()
    {
        var env = new TestEnvironment();

        var result = DotEnvFile.Load("""
            # comment
            BINANCE_API_KEY=plain-value
            export BINANCE_API_SECRET = spaced  # trailing comment
            TELEGRAM_BOT_TOKEN="123:abc # not a comment"
            TELEGRAM_CHAT_ID='-100 42'
            ESCAPED="a\"b\nc"
            EMPTY=

            """, env);

        Assert.Equal("plain-value", env.Get("BINANCE_API_KEY"));
        Assert.Equal("spaced", env.Get("BINANCE_API_SECRET"));
        Assert.Equal("123:abc # not a comment", env.Get("TELEGRAM_BOT_TOKEN"));
        Assert.Equal("-100 42", env.Get("TELEGRAM_CHAT_ID"));
        Assert.Equal("a\"b\nc", env.Get("ESCAPED"));
        Assert.Equal(string.Empty, env.Get("EMPTY"));
        Assert.Equal(6, result.Loaded.Count);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Variables_already_set_are_not_overridden()
    {
        var env = new TestEnvironment(("BINANCE_API_KEY", "from-systemd"));

        var result = DotEnvFile.Load("BINANCE_API_KEY=from-dotenv\nVQ_LOG_DIR=/tmp/x\n", env);

        Assert.Equal("from-systemd", env.Get("BINANCE_API_KEY"));
        Assert.Equal("/tmp/x", env.Get("VQ_LOG_DIR"));
        Assert.Equal(["BINANCE_API_KEY"], result.KeptFromEnvironment);
        Assert.Equal(["VQ_LOG_DIR"], result.Loaded);
    }

    [Fact]
    public void Malformed_lines_are_reported_by_number_without_their_text()
    {
        var env = new TestEnvironment();

        var result = DotEnvFile.Load("GOOD=1\nthis-is-a-secret-looking-line\n1BAD=x\nOPEN=\"never closed secret\n", env);

        Assert.Equal("1", env.Get("GOOD"));
        Assert.Equal(3, result.Warnings.Count);
        Assert.StartsWith(".env line 2:", result.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith(".env line 3:", result.Warnings[1], StringComparison.Ordinal);
        Assert.StartsWith(".env line 4:", result.Warnings[2], StringComparison.Ordinal);
        Assert.All(result.Warnings, w => Assert.DoesNotContain("secret", w, StringComparison.Ordinal));
        Assert.Null(env.Get("OPEN"));
    }

    [Fact]
    public void A_missing_file_loads_nothing()
    {
        using var dir = new TempDirectory();

        var result = DotEnvFile.LoadFromDirectory(dir.Path, new TestEnvironment());

        Assert.False(result.FileFound);
        Assert.Empty(result.Loaded);
    }

    [Fact]
    public void Windows_line_endings_are_handled()
    {
        var env = new TestEnvironment();

        DotEnvFile.Load("A=1\r\nB=two\r\n", env);

        Assert.Equal(("1", "two"), (env.Get("A"), env.Get("B")));
    }
}
