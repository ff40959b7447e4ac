using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class ReportTests
{
    [Fact]
    public async Task Starts_crashes_and_restarts_are_reported_with_their_reasons()
    {
        var logs = new Capture();
        var (node, _, _) = await TestNodes.StartAsync(o => o.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs)));
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before["b"]).Crash();
        await Trees.Restarted(tree, before, "b");

        // The tree's own reports: the kernel supervisor reports its services' starts too.
        var mine = logs.Events.Where(e => e.Text.StartsWith($"Supervisor {tree.Pid}", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, mine.Count(e => e.Id == 1200));
        var crash = Assert.Single(mine, e => e.Id == 1201);
        Assert.Equal(LogLevel.Error, crash.Level);
        Assert.Contains("child b", crash.Text, StringComparison.Ordinal);
        Assert.Contains("member crashed", crash.Text, StringComparison.Ordinal);
        Assert.Contains(logs.Events, e => e.Id == 1203 && e.Text.Contains("restarting child b", StringComparison.Ordinal));
    }

    sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<(int Id, LogLevel Level, string Text)> Events { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        sealed class Logger(Capture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Events.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
