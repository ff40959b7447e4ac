using Microsoft.Extensions.Logging;

namespace Typed.LoadProbe;

/// <summary>
/// Reads the distribution's own log events of the probe's node: busy episodes of a connection (how long
/// senders were held), by event name.
/// </summary>
internal sealed class LogCapture : ILoggerProvider, ILogger
{
    long _busyEpisodes;
    long _busyMilliseconds;
    long _longestBusy;

    public long BusyEpisodes => Interlocked.Read(ref _busyEpisodes);

    public long BusyMilliseconds => Interlocked.Read(ref _busyMilliseconds);

    public long LongestBusyMilliseconds => Interlocked.Read(ref _longestBusy);

    public void Reset()
    {
        Interlocked.Exchange(ref _busyEpisodes, 0);
        Interlocked.Exchange(ref _busyMilliseconds, 0);
        Interlocked.Exchange(ref _longestBusy, 0);
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    bool ILogger.IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        switch (eventId.Name)
        {
            case "ConnectionNotBusy" when state is IReadOnlyList<KeyValuePair<string, object?>> values:
                var ms = values.FirstOrDefault(v => v.Key == "Milliseconds").Value is long m ? m : 0;
                Interlocked.Increment(ref _busyEpisodes);
                Interlocked.Add(ref _busyMilliseconds, ms);
                var longest = Interlocked.Read(ref _longestBusy);
                while (ms > longest && Interlocked.CompareExchange(ref _longestBusy, ms, longest) is var was && was != longest)
                {
                    longest = was;
                }

                break;
        }
    }
}
