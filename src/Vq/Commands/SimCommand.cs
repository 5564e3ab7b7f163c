using System.Globalization;
using System.Runtime.InteropServices;
using Vq.Cli;
using Vq.Sim;
using Vq.Sim.Scenario;

namespace Vq.Commands;

/// <summary>
/// <c>vq sim --scenario FILE [--port N] [--speed X]</c>: runs the loopback Binance simulator (docs/sim.md) until
/// SIGINT/SIGTERM. The first stdout line is exactly the "vq-sim listening …" line, so scripts can read the port.
/// </summary>
internal static class SimCommand
{
    public const string UsageLine = "  vq sim --scenario FILE [--port N] [--speed X]   run the loopback Binance simulator";

    public static async Task<int> RunAsync(string[] args)
    {
        string? scenarioPath = null;
        var port = 0;
        double? speed = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scenario" when value is not null:
                    scenarioPath = value;
                    i++;
                    break;
                case "--port" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "--speed" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 10_000:
                    speed = s;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"vq sim: bad or incomplete argument '{args[i]}'");
                    Console.Error.WriteLine(UsageLine);
                    return ExitCodes.Usage;
            }
        }

        if (scenarioPath is null)
        {
            Console.Error.WriteLine("vq sim: --scenario FILE is required (examples in config/scenarios/)");
            return ExitCodes.Usage;
        }

        if (!File.Exists(scenarioPath))
        {
            Console.Error.WriteLine($"vq sim: scenario file not found: {scenarioPath}");
            return ExitCodes.NoInput;
        }

        SimOptions options;
        try
        {
            options = ScenarioLoader.LoadFile(scenarioPath);
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine($"vq sim: {scenarioPath}: {ex.Message}");
            return ExitCodes.Config;
        }

        if (speed is { } x)
        {
            options = options with { Speed = x };
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        SimHost host;
        try
        {
            host = await SimHost.StartAsync(options, port, stop.Token).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"vq sim: cannot listen on 127.0.0.1:{port}: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using (host.ConfigureAwait(false))
        {
            Console.Out.WriteLine(host.ListeningLine);
            Console.Out.Flush();
            var signalled = Task.Delay(Timeout.Infinite, stop.Token);
            var finished = await Task.WhenAny(signalled, host.Completion).ConfigureAwait(false);
            if (finished == host.Completion && !stop.IsCancellationRequested)
            {
                // The pump failed (reported on stderr); exit non-zero so scripts notice.
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Ok;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
