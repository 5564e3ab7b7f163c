using System.Diagnostics;
using System.Text.RegularExpressions;
using Vq.Cli;

namespace Vq.Tests.CommandLineVerbs;

/// <summary><c>vq sim</c> as an operator runs it: a real process, the listening line first, answers on loopback, SIGTERM.</summary>
[Collection(ConsoleCollection.Name)]
public partial class SimVerbTests
{
    [GeneratedRegex(@"^vq-sim listening rest=http://127\.0\.0\.1:(\d+) ws=ws://127\.0\.0\.1:\1 admin=http://127\.0\.0\.1:\1/_sim$")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task Sim_prints_the_listening_line_serves_binance_time_and_stops_on_sigterm()
    {
        var root = RepoRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "vq.dll"), "sim", "--scenario", Path.Combine(root, "config", "scenarios", "calm.yaml"), "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var match = ListeningLine().Match(first ?? string.Empty);
            Assert.True(match.Success, $"first line was: {first}");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{match.Groups[1].Value}") };
            var time = await http.GetStringAsync(new Uri("/fapi/v1/time", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.StartsWith("{\"serverTime\":", time, StringComparison.Ordinal);

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Sim_without_a_scenario_is_a_usage_error_and_a_missing_file_is_66()
    {
        var err = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["sim"]));
            Assert.Equal(ExitCodes.NoInput, await CommandLine.RunAsync(["sim", "--scenario", "/nonexistent/scenario.yaml"]));
        }
        finally
        {
            Console.SetError(err);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "vq.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("vq.sln not found");
    }
}
