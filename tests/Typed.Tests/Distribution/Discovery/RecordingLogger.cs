using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>Keeps every log entry, so a test can assert that something was logged and why.</summary>
internal sealed class RecordingLogger : ILogger
{
    readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Entries => [.. _entries];

    public bool Has(int eventId, string? containing = null) =>
        _entries.Any(e => e.EventId == eventId && (containing is null || e.Message.Contains(containing, StringComparison.Ordinal)));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
}
