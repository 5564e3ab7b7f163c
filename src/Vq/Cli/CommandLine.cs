using System.Reflection;
using Vq.Commands;

namespace Vq.Cli;

/// <summary>Verb dispatch. Each verb parses its own flags; anything unknown prints usage and exits 64.</summary>
internal static class CommandLine
{
    public const string Usage = """
        vq — Binance USDT-M hedge-mode exit executor

        Usage:
          vq run [--config PATH] [--report FILE]
                                              run the exit service (signal-driven)
          vq flatten --symbol SYM [--side long|short|both] [--deadline DURATION] [--max-slippage-bps N]
                     [--yes] [--config PATH] [--report FILE]
                                              close the named legs to zero now
          vq demo [--report FILE]             flatten two legs against the built-in simulator (no keys, no internet)
          vq check-config [PATH] [--json]     validate a config and print the resolved settings
          vq sim --scenario FILE [--port N] [--speed X]   run the loopback Binance simulator
          vq status [--config PATH] [--json]  read-only snapshot: legs, protective stops, vq's open orders
          vq --version                        print the version
          vq --help                           print this help

        Exit codes: 0 ok, 1 failure, 64 usage, 66 file missing, 78 invalid config, 79 not in Hedge Mode,
        130 interrupted.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        await Task.Yield();
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var verb = args[0];
        var rest = args.AsSpan(1);
        switch (verb)
        {
            case "--version":
            case "-V":
            case "version":
                Console.Out.WriteLine($"vq {VersionText}");
                return ExitCodes.Ok;
            case "check-config":
                return CheckConfigCommand.Run(rest);
            case "--help":
            case "-h":
            case "help":
                Console.Out.WriteLine(Usage);
                return ExitCodes.Ok;
            case "demo":
                return await DemoCommand.RunAsync(rest.ToArray(), Console.Out).ConfigureAwait(false);
            case "flatten":
                return await FlattenCommand.RunAsync(rest.ToArray(), Console.Out).ConfigureAwait(false);
            case "run":
                return await RunCommand.RunAsync(rest.ToArray(), Console.Out).ConfigureAwait(false);
            case "status":
                return await StatusCommand.RunAsync(rest).ConfigureAwait(false);
            case "sim":
                return await Vq.Commands.SimCommand.RunAsync(rest.ToArray()).ConfigureAwait(false);
            default:
                Console.Error.WriteLine($"vq: unknown command '{verb}'");
                Console.Error.WriteLine(Usage);
                return ExitCodes.Usage;
        }
    }

    public static string VersionText =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
