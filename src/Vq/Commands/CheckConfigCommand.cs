using Vq.Cli;
using Vq.Config;

namespace Vq.Commands;

/// <summary>
/// <c>vq check-config [PATH] [--json]</c>: load and validate a config, print the resolved settings with their
/// provenance. Exit 0 valid, 78 invalid (every error listed), 66 file missing, 64 usage. Missing Binance secrets are
/// not an error here (CI checks the example config without secrets); they are shown as missing.
/// </summary>
internal static class CheckConfigCommand
{
    public const string DefaultPath = "config/config.yaml";

    public const string Usage = """
        Usage: vq check-config [PATH] [--json]
          PATH     the config file (default config/config.yaml)
          --json   print the result as one JSON document
        Exit codes: 0 valid, 64 usage, 66 file missing, 78 invalid.
        """;

    public static int Run(ReadOnlySpan<string> args) =>
        Run(args, Console.Out, Console.Error, ProcessEnvironment.Instance, Environment.CurrentDirectory);

    public static int Run(
        ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr, IEnvironmentVariables environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? path = null;
        var json = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--json":
                    json = true;
                    break;
                case "--help" or "-h":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Ok;
                case var flag when flag.StartsWith('-') && flag.Length > 1:
                    stderr.WriteLine($"vq check-config: unknown option '{flag}'");
                    stderr.WriteLine(Usage);
                    return ExitCodes.Usage;
                default:
                    if (path is not null)
                    {
                        stderr.WriteLine($"vq check-config: one config path expected, got '{path}' and '{arg}'");
                        stderr.WriteLine(Usage);
                        return ExitCodes.Usage;
                    }

                    path = arg;
                    break;
            }
        }

        path ??= DefaultPath;
        // SPEC §1.1: .env is loaded before anything else; variables already set are kept.
        var dotEnv = DotEnvFile.LoadFromDirectory(workingDirectory, environment);
        var result = ConfigLoader.LoadFile(Path.Combine(workingDirectory, path));
        if (result.FileMissing)
        {
            stderr.WriteLine($"vq check-config: {path}: {result.Errors[0].Message}");
            return ExitCodes.NoInput;
        }

        var secrets = Secrets.FromEnvironment(environment);
        var warnings = new List<string>(dotEnv.Warnings);
        if (result.Config is { } config)
        {
            // Only the Telegram part: the Binance key and secret are shown as set/missing, not judged (see above).
            foreach (var missing in secrets.Check(config.Global.Telegram, requireBinance: false))
            {
                warnings.Add($"{missing}; vq run would refuse to start");
            }

            if (config.Global.Universe == Core.Config.UniverseMode.Configured && config.Symbols.Count == 0)
            {
                warnings.Add("global.universe is configured but no symbols are configured: vq would manage nothing");
            }
        }

        var logDirVariable = environment.Get(HostEnvironment.LogDirVariable);
        var report = new CheckConfigReport(
            path, result, secrets,
            HostEnvironment.ResolveLogDir(result.Config?.Global.Logging ?? new Core.Config.LoggingSettings(), environment),
            logDirVariable, warnings);
        if (json)
        {
            stdout.WriteLine(report.ToJson());
        }
        else if (result.IsValid)
        {
            report.WriteText(stdout);
        }
        else
        {
            CheckConfigReport.WriteErrors(stderr, path, result.Errors);
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.Config;
    }
}
