using Vq.Core.Config;

namespace Vq.Config;

/// <summary>Environment-derived settings that are not secrets.</summary>
internal static class HostEnvironment
{
    public const string LogDirVariable = "VQ_LOG_DIR";
    public const string DefaultLogDir = "logs";

    /// <summary>
    /// <c>global.logging.dir</c> if set, else <c>VQ_LOG_DIR</c> (trimmed, if non-empty), else <c>logs</c>.
    /// <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c> are deliberately never read: only <c>global.proxy</c> is honoured.
    /// </summary>
    public static string ResolveLogDir(LoggingSettings logging, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(environment);
        if (logging.Dir is { } dir)
        {
            return dir;
        }

        var fromEnvironment = environment.Get(LogDirVariable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment) ? DefaultLogDir : fromEnvironment;
    }
}
