using System.Runtime.InteropServices;
using Vq.Cli;
using Vq.Core.Config;
using Vq.Core.Primitives;
using Vq.Live;
using Vq.Sim;
using Vq.Sim.Matching;
using Vq.Sim.Scenario;

namespace Vq.Commands;

/// <summary>
/// <c>vq demo [--report FILE]</c>: the simulator in-process on loopback (port 0) with a built-in calm scenario — a
/// LONG leg in BTCUSDT and a SHORT leg in ETHUSDT — flattened through the real wire client with the documented test
/// key. No keys, no internet, nothing read from disk. Exit 0 when both legs are flat.
/// </summary>
internal static class DemoCommand
{
    public const string UsageLine = "  vq demo [--report FILE]             flatten two legs against the built-in simulator";

    public static readonly TimeSpan DemoDeadline = TimeSpan.FromSeconds(50);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? reportPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--report" && i + 1 < args.Length)
            {
                reportPath = args[++i];
                continue;
            }

            Console.Error.WriteLine($"vq demo: bad or incomplete argument '{args[i]}'");
            Console.Error.WriteLine(UsageLine);
            return ExitCodes.Usage;
        }

        using var interrupt = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupt(context, interrupt));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupt(context, interrupt));
        var interactive = !Console.IsOutputRedirected;
        // Log files only when VQ_LOG_DIR asks for them: the demo leaves nothing behind by default.
        var logDir = Environment.GetEnvironmentVariable(Vq.Config.HostEnvironment.LogDirVariable);
        await using var ops = Operations.Create(new OperationsOptions
        {
            Command = "demo",
            Global = new GlobalSettings(),
            LogDir = string.IsNullOrWhiteSpace(logDir) ? null : logDir.Trim(),
            Secrets = [SimOptions.DefaultApiKey, SimOptions.DefaultApiSecret],
            Console = output,
            Interactive = interactive,
        });
        var result = await RunAsync(reportPath, output, interactive, interrupt.Token, ops).ConfigureAwait(false);
        return result.ExitCode;
    }

    /// <summary>The demo itself (tests call this); <paramref name="operations"/> null = a console-only log.</summary>
    public static async Task<FlattenResult> RunAsync(
        string? reportPath, TextWriter output, bool interactive, CancellationToken interrupt, Operations? operations = null)
    {
        await using var host = await SimHost.StartAsync(Scenario(), port: 0, interrupt).ConfigureAwait(false);
        await output.WriteLineAsync($"vq demo: simulator on {host.RestUri} (calm synthetic market); flattening BTCUSDT LONG 0.1 and ETHUSDT SHORT 2").ConfigureAwait(false);
        var request = new FlattenRequest
        {
            Config = Config(host.RestUri, host.WsUri),
            ApiKey = SimOptions.DefaultApiKey,
            ApiSecret = SimOptions.DefaultApiSecret,
            Targets = [("BTCUSDT", PositionSide.Long), ("ETHUSDT", PositionSide.Short)],
            GiveUpAfter = DemoDeadline,
            ReportPath = reportPath,
            Interactive = interactive,
            Operations = operations,
        };
        return await FlattenRunner.RunAsync(request, output, interrupt).ConfigureAwait(false);
    }

    /// <summary>Calm market, default filters, a LONG and a SHORT leg at 10× (built in code; no files).</summary>
    public static SimOptions Scenario() => new()
    {
        Name = "demo",
        Seed = 7,
        Positions =
        [
            new PositionSeed("BTCUSDT", LegSide.Long, 0.1m, 60000m, 10, MarginMode.Cross),
            new PositionSeed("ETHUSDT", LegSide.Short, 2m, 3000m, 10, MarginMode.Cross),
        ],
    };

    /// <summary>
    /// Endpoints of the simulator; slices of up to 1,200 USDT (base lot 400 × minQty, capped by notional) so each leg
    /// takes a handful of slices; the rest is the default configuration.
    /// </summary>
    public static VqConfig Config(Uri rest, Uri ws) => new(new GlobalSettings
    {
        Endpoints = new EndpointSettings { Rest = rest.ToString().TrimEnd('/'), Ws = ws.ToString().TrimEnd('/') },
        Execution = new ExecutionSettings { BaseLotMult = 400, MaxMult = 1000, MaxOrderNotional = 1200m },
    });

    private static void Interrupt(PosixSignalContext context, CancellationTokenSource interrupt)
    {
        context.Cancel = true;
        interrupt.Cancel();
    }
}
