using Vq.Cli;
using Vq.Tests.CommandLineVerbs;

namespace Vq.Tests.Live;

/// <summary>Usage errors of the live verbs exit 64 with a specific message, before any network access.</summary>
[Collection(ConsoleCollection.Name)]
public class LiveVerbTests
{
    private static async Task<(int Code, string Err)> Run(params string[] args)
    {
        var originalErr = Console.Error;
        using var stderr = new StringWriter();
        Console.SetError(stderr);
        try
        {
            return (await CommandLine.RunAsync(args), stderr.ToString());
        }
        finally
        {
            Console.SetError(originalErr);
        }
    }

    [Theory]
    [InlineData(new[] { "flatten" }, "--symbol SYM is required")]
    [InlineData(new[] { "flatten", "--symbol", "BTCUSDT", "--side", "sideways" }, "--side must be long, short or both")]
    [InlineData(new[] { "demo", "--fast" }, "bad or incomplete argument '--fast'")]
    [InlineData(new[] { "run", "--config" }, "bad or incomplete argument '--config'")]
    public async Task Bad_arguments_exit_64_and_say_why(string[] args, string message)
    {
        var (code, err) = await Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flatten_with_a_missing_config_file_exits_66()
    {
        var (code, err) = await Run("flatten", "--symbol", "BTCUSDT", "--yes", "--config", "no/such/config.yaml");

        Assert.Equal(ExitCodes.NoInput, code);
        Assert.Contains("no/such/config.yaml", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_lists_the_live_verbs()
    {
        Assert.Contains("vq flatten --symbol SYM", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("vq demo", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("vq run", CommandLine.Usage, StringComparison.Ordinal);
    }
}
