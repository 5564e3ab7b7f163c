using Microsoft.Extensions.Logging;
using Vq.Core.Config;
using ZLogger;
using ZLogger.Providers;

namespace Vq.Logging;

/// <summary>Where the host's logs go and how they look (§5.7, D12, D20).</summary>
internal sealed record LoggingOptions
{
    public required LoggingSettings Settings { get; init; }
    /// <summary>Resolved log directory (<c>HostEnvironment.ResolveLogDir</c>).</summary>
    public required string Directory { get; init; }
    /// <summary>Values that must never appear in any log byte (API key and secret, bot token, chat id).</summary>
    public IReadOnlyList<string?> Secrets { get; init; } = [];
    /// <summary>
    /// stdout is a journald stream (systemd sets <c>JOURNAL_STREAM</c>): lines get a <c>&lt;N&gt;</c> syslog priority
    /// prefix that journald turns into the entry's priority, and no timestamp (journald stamps every line).
    /// </summary>
    public bool Journald { get; init; }
    /// <summary>Console destination; null = stdout. Tests pass a memory stream.</summary>
    public Stream? Console { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// Builds the logger factory: console (journald-friendly), <c>vq_{date}.log</c> at <c>logging.file_level</c> and
/// <c>vq_error_{date}.log</c> at ERROR, daily rolling on the injected clock with retention, plain text
/// (<c>time | LEVEL | message</c>) or JSON lines (<c>logging.json</c>). Every destination scrubs known secrets.
/// Dispose the result at shutdown to flush. The returned factory is thread-safe.
/// </summary>
internal static class LoggingSetup
{
    public const string MainPrefix = "vq_";
    public const string ErrorPrefix = "vq_error_";

    public static LogSinks Create(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Settings;
        var scrubber = new SecretScrubber(options.Secrets);
        var consoleStream = new ScrubbingStream(
            options.Console ?? System.Console.OpenStandardOutput(), scrubber, ownsInner: options.Console is null);
        var mainFile = new DailyRollingFileStream(options.Directory, MainPrefix, options.Time, settings.RetentionDays, scrubber);
        var errorFile = new DailyRollingFileStream(options.Directory, ErrorPrefix, options.Time, settings.RetentionDays, scrubber);
        var consoleLevel = ToLogLevel(settings.ConsoleLevel);
        var fileLevel = ToLogLevel(settings.FileLevel);
        ILoggerProvider[] providers =
        [
            new MinimumLevelProvider(
                new ZLoggerStreamLoggerProvider(consoleStream, Options(options.Time, settings.Json, options.Journald)), consoleLevel),
            new MinimumLevelProvider(new ZLoggerStreamLoggerProvider(mainFile, Options(options.Time, settings.Json, false)), fileLevel),
            new MinimumLevelProvider(
                new ZLoggerStreamLoggerProvider(errorFile, Options(options.Time, settings.Json, false)), LogLevel.Error),
        ];
        var lowest = (LogLevel)Math.Min((int)consoleLevel, (int)fileLevel);
        return new LogSinks(new LoggerFactory(providers, new LoggerFilterOptions { MinLevel = lowest }), providers);
    }

    public static LogLevel ToLogLevel(LogLevelSetting level) => level switch
    {
        LogLevelSetting.Trace => LogLevel.Trace,
        LogLevelSetting.Debug => LogLevel.Debug,
        LogLevelSetting.Information => LogLevel.Information,
        LogLevelSetting.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };

    private static ZLoggerOptions Options(TimeProvider time, bool json, bool journald)
    {
        var options = new ZLoggerOptions
        {
            TimeProvider = time,
            // Never block the engine on a slow disk or a stalled journal: drop instead, ZLogger counts nothing, but
            // the buffer is large enough that only a wedged destination loses lines.
            FullMode = BackgroundBufferFullMode.Drop,
            BackgroundBufferCapacity = 65536,
        };
        if (json)
        {
            options.UseJsonFormatter();
        }
        else if (journald)
        {
            options.UsePlainTextFormatter(formatter => formatter.SetPrefixFormatter(
                $"<{0}>{1} ", (in MessageTemplate template, in LogInfo info) => template.Format(SyslogPriority(info.LogLevel), LevelName(info.LogLevel))));
        }
        else
        {
            options.UsePlainTextFormatter(formatter => formatter.SetPrefixFormatter(
                $"{0:yyyy-MM-dd HH:mm:ss.fff} | {1} | ",
                (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp.Local, LevelName(info.LogLevel))));
        }

        return options;
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "CRIT",
    };

    /// <summary>sd-daemon(3) priorities: 7 debug, 6 info, 4 warning, 3 err, 2 crit.</summary>
    private static int SyslogPriority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };
}

/// <summary>
/// The logger factory plus the providers it does not own (<see cref="LoggerFactory"/> never disposes providers given
/// to its constructor). Dispose at shutdown: it flushes every destination.
/// </summary>
internal sealed class LogSinks(ILoggerFactory factory, IReadOnlyList<ILoggerProvider> providers) : IAsyncDisposable
{
    public ILoggerFactory Factory { get; } = factory;

    public ILogger CreateLogger(string category) => Factory.CreateLogger(category);

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        foreach (var provider in providers)
        {
            if (provider is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                provider.Dispose();
            }
        }
    }
}
