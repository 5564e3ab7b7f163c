using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vq.Logging;

namespace Vq.Live;

/// <summary>
/// The human console of <c>flatten</c> and <c>demo</c> (and of tests): each log line as <c>HH:mm:ss.fff [LEVEL]
/// message</c> (the level only from WARN up), reports as given, written to a <see cref="TextWriter"/> by a
/// background task so the engine thread never blocks on the terminal. On a terminal with a live progress line, that
/// line is erased before each log line. Known secrets are masked. Thread-safe.
/// </summary>
internal sealed class ConsoleLineLogger : ILogger, IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly SecretScrubber _scrubber;
    private readonly Task _pump;
    private readonly Dictionary<string, TaskCompletionSource> _flushes = [];
    private readonly Lock _flushLock = new();
    private int _flushId;

    public ConsoleLineLogger(TextWriter writer, bool clearProgressLine, LogLevel minimum, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(scrubber);
        _writer = writer;
        ClearProgressLine = clearProgressLine;
        _minimum = minimum;
        _scrubber = scrubber;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>On a terminal with a live progress line: erase it before each log line.</summary>
    public bool ClearProgressLine { get; }

    public static string Timestamp() => DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var line = eventId.Id == Vq.Logging.Log.ReportEventId
            ? message
            : logLevel >= LogLevel.Warning
                ? Timestamp() + " " + Level(logLevel) + " " + message
                : Timestamp() + " " + message;
        _lines.Writer.TryWrite(_scrubber.IsEmpty ? line : _scrubber.Scrub(line));
    }

    /// <summary>Waits (at most 5 s) until everything written so far is on the writer.</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string id;
        lock (_flushLock)
        {
            id = (++_flushId).ToString(CultureInfo.InvariantCulture);
            _flushes[id] = done;
        }

        // A NUL-prefixed marker never comes from a log line (messages are printable text).
        if (!_lines.Writer.TryWrite("\u0000" + id))
        {
            return;
        }

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A stuck terminal must not hang shutdown; the lines stay queued.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "CRIT",
    };

    private async Task PumpAsync()
    {
        var text = new StringBuilder();
        await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (line.Length > 0 && line[0] == '\u0000')
            {
                await _writer.FlushAsync().ConfigureAwait(false);
                lock (_flushLock)
                {
                    if (_flushes.Remove(line[1..], out var done))
                    {
                        done.TrySetResult();
                    }
                }

                continue;
            }

            text.Clear();
            if (ClearProgressLine)
            {
                text.Append("\r\u001b[K");
            }

            text.Append(line);
            await _writer.WriteLineAsync(text.ToString()).ConfigureAwait(false);
        }

        await _writer.FlushAsync().ConfigureAwait(false);
    }
}
