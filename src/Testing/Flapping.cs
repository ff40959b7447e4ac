namespace Typed.Testing;

/// <summary>A link that keeps dropping (<see cref="TestCluster.Flap"/>); disposing it stops the flapping.</summary>
public sealed class Flapping : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    int _drops;

    internal Flapping(Func<int> drop, TimeSpan interval) => _loop = RunAsync(drop, interval);

    /// <summary>How many live connections it has dropped so far.</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>Stops the flapping and waits for it to end; the link is left as it is.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop.ConfigureAwait(SimulationContext.Capture);
        _stop.Dispose();
    }

    internal void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already disposed
        }
    }

    async Task RunAsync(Func<int> drop, TimeSpan interval)
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                await Task.Delay(interval, SimulationContext.Clock, stop).ConfigureAwait(SimulationContext.Capture);
                Interlocked.Add(ref _drops, drop());
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped
        }
    }
}
