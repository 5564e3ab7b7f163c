using System.Globalization;
using System.Runtime.InteropServices;
using Vq.Cli;
using Vq.Config;
using Vq.Core.Primitives;
using Vq.Live;

namespace Vq.Commands;

/// <summary>
/// <c>vq flatten --symbol SYM [--side long|short|both] [--deadline DURATION] [--max-slippage-bps N] [--yes]
/// [--config PATH] [--report FILE]</c>: closes the named legs to zero with the engine (maker first, usual escalation),
/// other legs untouched. Exit 0 flat, 1 with a reason, 130 after cleanup on SIGINT.
/// </summary>
internal static class FlattenCommand
{
    public const string UsageLine =
        "  vq flatten --symbol SYM [--side long|short|both] [--deadline DURATION] [--max-slippage-bps N] [--yes] [--config PATH] [--report FILE]";

    /// <summary>Parsed flags, or an error message.</summary>
    internal sealed record FlattenArgs(
        string Symbol, PositionSide[] Sides, TimeSpan? Deadline, decimal? MaxSlippageBps, bool Yes, string ConfigPath, string? ReportPath);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (!TryParse(args, out var parsed, out var error))
        {
            Console.Error.WriteLine("vq flatten: " + error);
            Console.Error.WriteLine(UsageLine);
            return ExitCodes.Usage;
        }

        var loaded = StartupConfiguration.Load(parsed.ConfigPath, ProcessEnvironment.Instance, Environment.CurrentDirectory);
        foreach (var warning in loaded.Warnings)
        {
            Console.Error.WriteLine("vq flatten: warning: " + warning);
        }

        if (loaded.Loaded is not { } config)
        {
            foreach (var e in loaded.Errors)
            {
                Console.Error.WriteLine("vq flatten: " + e);
            }

            return loaded.ExitCode;
        }

        var interactive = !Console.IsOutputRedirected && !Console.IsInputRedirected;
        var sides = string.Join(" and ", parsed.Sides.Select(s => s == PositionSide.Long ? "LONG" : "SHORT"));
        if (interactive && !parsed.Yes)
        {
            await output.WriteAsync($"Close {parsed.Symbol} {sides} to zero now? [y/N] ").ConfigureAwait(false);
            var answer = Console.ReadLine();
            if (answer is null || !answer.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) && !answer.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase))
            {
                await output.WriteLineAsync("vq flatten: not confirmed; nothing done").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        using var interrupt = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Signals.OnSignal(context, interrupt));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Signals.OnSignal(context, interrupt));
        await using var ops = Operations.Create(OperationsOptions.ForCommand("flatten", config, ProcessEnvironment.Instance, output, interactive));
        var result = await FlattenRunner.RunAsync(new FlattenRequest
        {
            Config = config.Config,
            ApiKey = config.Secrets.BinanceApiKey!,
            ApiSecret = config.Secrets.BinanceApiSecret!,
            Targets = [.. parsed.Sides.Select(side => (parsed.Symbol, side))],
            Deadline = parsed.Deadline,
            MaxSlippageBps = parsed.MaxSlippageBps,
            ReportPath = parsed.ReportPath,
            Interactive = interactive,
            Operations = ops,
        }, output, interrupt.Token).ConfigureAwait(false);
        return result.ExitCode;
    }

    internal static bool TryParse(string[] args, out FlattenArgs parsed, out string error)
    {
        parsed = null!;
        string? symbol = null, configPath = null, reportPath = null;
        PositionSide[] sides = [PositionSide.Long, PositionSide.Short];
        TimeSpan? deadline = null;
        decimal? slippage = null;
        var yes = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--symbol" when value is not null:
                    if (!Symbols.TryNormalize(value, out var exchange))
                    {
                        error = $"'{value}' is not a USDT-M symbol (e.g. BTCUSDT or BTC/USDT:USDT)";
                        return false;
                    }

                    symbol = exchange;
                    i++;
                    break;
                case "--side" when value is not null:
                    sides = value.ToLowerInvariant() switch
                    {
                        "long" => [PositionSide.Long],
                        "short" => [PositionSide.Short],
                        "both" => [PositionSide.Long, PositionSide.Short],
                        _ => [],
                    };
                    if (sides.Length == 0)
                    {
                        error = $"--side must be long, short or both, not '{value}'";
                        return false;
                    }

                    i++;
                    break;
                case "--deadline" when value is not null:
                    if (!TryParseDuration(value, out var d))
                    {
                        error = $"--deadline '{value}' is not a duration (e.g. 90s, 10m, 1h)";
                        return false;
                    }

                    deadline = d;
                    i++;
                    break;
                case "--max-slippage-bps" when value is not null:
                    if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bps) || bps <= 0m)
                    {
                        error = $"--max-slippage-bps '{value}' must be a positive number";
                        return false;
                    }

                    if (bps >= 10_000m)
                    {
                        error = $"--max-slippage-bps '{value}' must be below 10000 (100 %)";
                        return false;
                    }

                    slippage = bps;
                    i++;
                    break;
                case "--config" when value is not null:
                    configPath = value;
                    i++;
                    break;
                case "--report" when value is not null:
                    reportPath = value;
                    i++;
                    break;
                case "--yes" or "-y":
                    yes = true;
                    break;
                default:
                    error = $"bad or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        if (symbol is null)
        {
            error = "--symbol SYM is required";
            return false;
        }

        parsed = new FlattenArgs(symbol, sides, deadline, slippage, yes, configPath ?? CheckConfigCommand.DefaultPath, reportPath);
        error = "";
        return true;
    }

    /// <summary><c>90</c> (seconds), <c>90s</c>, <c>10m</c>, <c>1h</c>; positive.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[^1] : 's';
        var number = char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0m)
        {
            return false;
        }

        var seconds = unit switch { 's' => n, 'm' => n * 60m, 'h' => n * 3600m, _ => -1m };
        if (seconds <= 0m)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds((double)seconds);
        return true;
    }
}

/// <summary>SIGINT/SIGTERM handling shared by the verbs: the first signal starts the cleanup, a second exits at once.</summary>
internal static class Signals
{
    private static int s_count;

    public static void OnSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (Interlocked.Increment(ref s_count) > 1)
        {
            // Second signal: exit now (§5.5), without waiting for the cleanup.
            context.Cancel = false;
            Environment.Exit(context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Failure);
            return;
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
