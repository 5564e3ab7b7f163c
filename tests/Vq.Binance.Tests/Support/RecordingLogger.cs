using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vq.Binance.Tests.Support;

/// <summary>Keeps every log line (event id, name, level, rendered text) for assertions.</summary>
public sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(int Id, string? Name, LogLevel Level, string Text)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue((eventId.Id, eventId.Name, logLevel, formatter(state, exception)));
    }

    public string[] Names => [.. Lines.Select(l => l.Name ?? "")];

    public string AllText => string.Join("\n", Lines.Select(l => l.Text));
}
