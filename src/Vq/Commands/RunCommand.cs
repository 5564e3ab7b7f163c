using System.Runtime.InteropServices;
using Vq.Cli;
using Vq.Config;
using Vq.Core.Config;
using Vq.Core.Engine;
using Vq.Live;

namespace Vq.Commands;

/// <summary>
/// <c>vq run [--config PATH]</c>: the service. Legs are closed on signals (<see cref="ExitGate.Signals"/>); streams
/// reconnect and recalibrate by themselves; positions refresh periodically; SIGHUP reloads the configuration (valid →
/// applied at each leg's next decision, changes logged; invalid → keep running, every error logged); SIGINT/SIGTERM
/// shut down cleanly (this run's orders cancelled, stops untouched) and exit 0.
/// </summary>
internal static class RunCommand
{
    public const string UsageLine = "  vq run [--config PATH] [--report FILE]";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var configPath = CheckConfigCommand.DefaultPath;
        string? reportPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                configPath = args[++i];
                continue;
            }

            if (args[i] == "--report" && i + 1 < args.Length)
            {
                reportPath = args[++i];
                continue;
            }

            Console.Error.WriteLine($"vq run: bad or incomplete argument '{args[i]}'");
            Console.Error.WriteLine(UsageLine);
            return ExitCodes.Usage;
        }

        var loaded = StartupConfiguration.Load(configPath, ProcessEnvironment.Instance, Environment.CurrentDirectory);
        if (loaded.Loaded is not { } config)
        {
            foreach (var e in loaded.Errors)
            {
                Console.Error.WriteLine("vq run: " + e);
            }

            return loaded.ExitCode;
        }

        if (config.Config.Symbols.Count == 0)
        {
            Console.Error.WriteLine("vq run: the config lists no symbols (symbols: …); at least one is required (SPEC §5.1)");
            return ExitCodes.Config;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Signals.OnSignal(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Signals.OnSignal(context, stop));
        await using var ops = Operations.Create(OperationsOptions.ForCommand("run", config, ProcessEnvironment.Instance, console: null, interactive: false));
        var log = ops.Log;
        var started = await LiveSession.StartAsync(new SessionRequest
        {
            Config = config.Config,
            ApiKey = config.Secrets.BinanceApiKey!,
            ApiSecret = config.Secrets.BinanceApiSecret!,
            DefaultGate = ExitGate.Signals,
            BeforeStart = ops.Prepare,
        }, log, stop.Token).ConfigureAwait(false);
        if (started.Session is not { } session)
        {
            log.Raw("vq run: startup failed: " + started.Error);
            await log.FlushAsync().ConfigureAwait(false);
            return started.ExitCode;
        }

        await using (session.ConfigureAwait(false))
        {
            await ops.AttachAsync(session).ConfigureAwait(false);
            var current = config.Config;
            using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                current = Reload(configPath, current, next => session.Loop.Inbox.Invoke(loop => loop.Engine.Reload(next.Global, next.For)), log);
            });
            try
            {
                await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token), session.Loop.Completion).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            ops.Stopping();
            await session.StopAsync(stop.IsCancellationRequested ? "signal" : "engine_stopped").ConfigureAwait(false);
            await RunReport.WriteAsync(session, log, reportPath).ConfigureAwait(false);
            await log.FlushAsync().ConfigureAwait(false);
            return session.Loop.Completion.IsFaulted ? ExitCodes.Failure : ExitCodes.Ok;
        }
    }

    /// <summary>SIGHUP: re-read and validate; apply when valid (logging what changed), else keep the old config.</summary>
    internal static VqConfig Reload(string path, VqConfig current, Action<VqConfig> apply, LineLog log)
    {
        var result = ConfigLoader.LoadFile(Path.Combine(Environment.CurrentDirectory, path));
        if (result.Config is not { } next)
        {
            log.Line("config_reload", $"outcome=rejected errors={result.Errors.Count} (still running on the previous config)");
            foreach (var error in result.Errors)
            {
                log.Line("config_reload_error", error.ToString());
            }

            return current;
        }

        foreach (var change in Diff(current, next))
        {
            log.Line("config_change", change);
        }

        apply(next);
        log.Line("config_reload", "outcome=applied (working orders keep the parameters they were sent with)");
        return next;
    }

    /// <summary>Changed global keys and per-symbol keys of the managed symbols, as <c>path old → new</c>.</summary>
    internal static List<string> Diff(VqConfig before, VqConfig after)
    {
        var changes = new List<string>();
        Compare(before.DescribeGlobal(), after.DescribeGlobal(), "global.", changes);
        foreach (var symbol in before.Symbols.Union(after.Symbols))
        {
            Compare(before.DescribeSymbol(symbol), after.DescribeSymbol(symbol), "symbols." + symbol + ".", changes);
        }

        return changes;
    }

    private static void Compare(IReadOnlyList<ResolvedValue> before, IReadOnlyList<ResolvedValue> after, string prefix, List<string> changes)
    {
        var old = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in before)
        {
            old[v.Path] = ConfigValueFormatter.Format(v.Value);
        }

        foreach (var v in after)
        {
            var text = ConfigValueFormatter.Format(v.Value);
            if (!old.TryGetValue(v.Path, out var was) || was != text)
            {
                changes.Add($"key={prefix}{v.Path} old={was ?? "-"} new={text}");
            }
        }
    }
}
