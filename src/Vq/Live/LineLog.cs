using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Vq.Live;

/// <summary>
/// Plain structured log lines (<c>time event k=v …</c>) written to a <see cref="TextWriter"/> by a background task, so
/// the engine thread never blocks on the console. A stopgap until the ZLogger setup (issue 6). Never given secrets.
/// Thread-safe.
/// </summary>
internal sealed class LineLog : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _writer;
    private readonly Task _pump;

    public LineLog(TextWriter writer, bool clearProgressLine = false)
    {
        _writer = writer;
        ClearProgressLine = clearProgressLine;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>On a terminal with a live progress line: erase it before each log line.</summary>
    public bool ClearProgressLine { get; }

    public static string Timestamp() => DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public void Line(string eventName, string fields) => _lines.Writer.TryWrite(Timestamp() + " " + eventName + " " + fields);

    /// <summary>A line without the time/event prefix (summaries, reports).</summary>
    public void Raw(string text) => _lines.Writer.TryWrite(text);

    /// <summary>Waits until everything written so far is on the writer.</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lines.Writer.TryWrite("\u0000" + RegisterFlush(done));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private readonly Dictionary<string, TaskCompletionSource> _flushes = [];
    private readonly Lock _flushLock = new();
    private int _flushId;

    private string RegisterFlush(TaskCompletionSource done)
    {
        lock (_flushLock)
        {
            var id = (++_flushId).ToString(CultureInfo.InvariantCulture);
            _flushes[id] = done;
            return id;
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
