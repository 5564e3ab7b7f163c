using Microsoft.Extensions.Logging;

namespace Vq.Logging;

/// <summary>
/// Gives one provider its own minimum level (console INFO, main file DEBUG, error file ERROR) without the
/// type-keyed filter rules of <c>LoggerFilterOptions</c>, which cannot tell two providers of the same type apart.
/// </summary>
internal sealed class MinimumLevelProvider(ILoggerProvider inner, LogLevel minimum) : ILoggerProvider, IAsyncDisposable
{
    /// <summary>ZLogger providers flush their background queue on async disposal.</summary>
    public ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        inner.Dispose();
        return ValueTask.CompletedTask;
    }

    public ILogger CreateLogger(string categoryName) => new FilteredLogger(inner.CreateLogger(categoryName), minimum);

    public void Dispose() => inner.Dispose();

    private sealed class FilteredLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= minimum)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
