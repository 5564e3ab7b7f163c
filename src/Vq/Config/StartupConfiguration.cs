using Vq.Cli;
using Vq.Core.Config;

namespace Vq.Config;

/// <summary>
/// The configuration step of <c>vq run</c> / <c>vq flatten</c> (SPEC §1.1): load <c>.env</c> (never overriding the
/// environment), load and validate the file, then require the secrets (Binance always; Telegram when enabled).
/// Every problem is collected; the exit code says which kind failed first (66 missing file, 78 invalid config or
/// missing secret).
/// </summary>
internal static class StartupConfiguration
{
    public static StartupConfigResult Load(
        string path, IEnvironmentVariables environment, string workingDirectory, bool requireBinanceSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(environment);
        var dotEnv = DotEnvFile.LoadFromDirectory(workingDirectory, environment);
        var result = ConfigLoader.LoadFile(Path.Combine(workingDirectory, path));
        if (result.FileMissing)
        {
            return new StartupConfigResult(null, ExitCodes.NoInput, [$"{path}: {result.Errors[0].Message}"], dotEnv.Warnings);
        }

        var secrets = Secrets.FromEnvironment(environment);
        var errors = new List<string>();
        foreach (var error in result.Errors)
        {
            errors.Add(error.ToString());
        }

        // Without a valid file we still know whether Binance secrets are missing; Telegram needs the file.
        errors.AddRange(secrets.Check(result.Config?.Global.Telegram ?? new TelegramSettings(), requireBinanceSecrets));
        if (errors.Count > 0 || result.Config is not { } config)
        {
            return new StartupConfigResult(null, ExitCodes.Config, errors, dotEnv.Warnings);
        }

        var loaded = new LoadedConfiguration(config, secrets, HostEnvironment.ResolveLogDir(config.Global.Logging, environment));
        return new StartupConfigResult(loaded, ExitCodes.Ok, [], dotEnv.Warnings);
    }
}

/// <summary>A valid configuration with everything the host needs from the environment.</summary>
internal sealed record LoadedConfiguration(VqConfig Config, Secrets Secrets, string LogDir);

/// <summary><see cref="Loaded"/> when <see cref="ExitCode"/> is 0; otherwise every error, ready to print.</summary>
internal sealed record StartupConfigResult(
    LoadedConfiguration? Loaded, int ExitCode, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
