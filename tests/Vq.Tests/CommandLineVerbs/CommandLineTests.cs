using Vq.Cli;

namespace Vq.Tests.CommandLineVerbs;

/// <summary>The verb dispatcher: version, help, and usage errors (exit 64). Runs in-process with captured output.</summary>
[Collection(ConsoleCollection.Name)]
public class CommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var originalOut = Console.Out;
        var originalErr = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CommandLine.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (code, output, _) = await Run("--version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("vq ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var (code, output, _) = await Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("check-config", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    public async Task Unknown_or_missing_verbs_print_usage_and_exit_64(params string[] args)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Usage:", err, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
