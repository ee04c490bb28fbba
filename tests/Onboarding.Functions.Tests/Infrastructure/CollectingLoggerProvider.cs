using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Keeps what an app under test logs (Information and up, the last 5,000 lines), for assertions and failure messages.</summary>
public sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            while (lines.Count > 5000 && lines.TryDequeue(out _))
            {
            }
        }
    }
}
