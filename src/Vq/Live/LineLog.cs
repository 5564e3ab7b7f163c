using Microsoft.Extensions.Logging;
using Vq.Core.Engine;
using Vq.Logging;

namespace Vq.Live;

/// <summary>
/// The live host's log (§5.7): <see cref="Line"/> writes one structured line <c>event k=v …</c>, <see cref="Event"/>
/// one engine event through <see cref="Logging.EngineEventLog"/>, <see cref="Raw"/> a report for the operator. Lines
/// go to the ZLogger pipeline of <see cref="LoggingSetup"/> (journald-friendly console, daily rolling main and
/// error files, secret scrubbing) and/or to a human console (<see cref="ConsoleLineLogger"/>, flatten's terminal and
/// tests). Nothing here blocks: both destinations are queued. Never given secrets (and they are masked anyway).
/// <see cref="Line"/> and <see cref="Raw"/> are thread-safe; <see cref="Event"/> is called by the engine thread only.
/// </summary>
internal sealed class LineLog : IAsyncDisposable
{
    private readonly ConsoleLineLogger? _console;
    private readonly LogSinks? _sinks;
    private readonly Logging.EngineEventLog _events;

    /// <summary>Console only (tests, tools): every line at DEBUG and above to <paramref name="writer"/>.</summary>
    public LineLog(TextWriter writer, bool clearProgressLine = false)
        : this(new ConsoleLineLogger(writer, clearProgressLine, LogLevel.Debug, SecretScrubber.None), null)
    {
    }

    /// <summary>Either or both destinations; the log owns and disposes them.</summary>
    public LineLog(ConsoleLineLogger? console, LogSinks? sinks)
    {
        _console = console;
        _sinks = sinks;
        var files = sinks?.CreateLogger("vq");
        Logger = (console, files) switch
        {
            (not null, not null) => new TeeLogger(files, console),
            (not null, null) => console,
            (null, not null) => files,
            _ => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };
        _events = new Logging.EngineEventLog(Logger);
    }

    /// <summary>For components with their own source-generated lines (the Telegram notifier).</summary>
    public ILogger Logger { get; }

    /// <summary>On a terminal with a live progress line: log lines erase it first.</summary>
    public bool ClearProgressLine => _console?.ClearProgressLine ?? false;

    public static string Timestamp() => ConsoleLineLogger.Timestamp();

    /// <summary>One line: <paramref name="eventName"/> is a stable snake_case name, <paramref name="fields"/> <c>k=v</c> pairs.</summary>
    public void Line(string eventName, string fields) => Logger.Line(LevelOf(eventName), eventName, fields);

    /// <summary>A line without the time/event prefix on the console (summaries, reports); INFO in the files.</summary>
    public void Raw(string text) => Logger.Report(text);

    /// <summary>Engine thread: one engine event; <paramref name="symbolName"/> is the exchange name of its symbol.</summary>
    public void Event(in EngineEvent e, string symbolName) => _events.Write(e, symbolName);

    /// <summary>Waits until everything written so far is on the console writer (files flush at disposal).</summary>
    public Task FlushAsync() => _console?.FlushAsync() ?? Task.CompletedTask;

    /// <summary>The level of a host line, from its stable name: failures are errors, trouble is a warning.</summary>
    public static LogLevel LevelOf(string eventName) => eventName switch
    {
        "error" => LogLevel.Error,
        "ws_disconnect" or "ws_reconnect" or "universe_unmanaged_position" or "config_reload_error" => LogLevel.Warning,
        _ when eventName.EndsWith("_warning", StringComparison.Ordinal) || eventName.EndsWith("_failed", StringComparison.Ordinal) => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    public async ValueTask DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.DisposeAsync().ConfigureAwait(false);
        }

        if (_sinks is not null)
        {
            await _sinks.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Forwards every call to two loggers (files and the human console).</summary>
    private sealed class TeeLogger(ILogger first, ILogger second) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => first.IsEnabled(logLevel) || second.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (first.IsEnabled(logLevel))
            {
                first.Log(logLevel, eventId, state, exception, formatter);
            }

            if (second.IsEnabled(logLevel))
            {
                second.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
