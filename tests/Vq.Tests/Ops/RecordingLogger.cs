using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vq.Tests.Ops;

/// <summary>Keeps every formatted line (level, event name, text) in memory.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string EventName, string Text)> Lines { get; } = new();

    public string AllText => string.Join("\n", Lines.Select(l => l.Text));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, eventId.Name ?? "", formatter(state, exception) + (exception is null ? "" : " " + exception)));
}
