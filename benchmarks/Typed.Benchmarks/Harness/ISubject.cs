namespace Typed.Benchmarks.Harness;

/// <summary>
/// One framework's side of the message workloads, local or remote: a sink that counts small
/// <c>(int, string)</c> messages and an echo that answers requests. Every framework runs the same
/// protocol, so the drivers in <see cref="Drivers"/> time them all alike.
/// </summary>
internal interface ISubject : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="count"/> messages to the sink fire-and-forget, then asks the sink how many it
    /// has counted in all. Messages from one sender arrive in order in every framework here, so the answer
    /// comes once all of them are counted.
    /// </summary>
    Task<long> SendAndCountAsync(int count);

    /// <summary>One request/response round trip to the echo; returns the echoed number.</summary>
    ValueTask<int> CallAsync(int n);
}

/// <summary>One framework's side of the spawn workload.</summary>
internal interface ISpawnSubject : IAsyncDisposable
{
    /// <summary>Spawns <paramref name="count"/> idle processes and completes once every one has started; keeps their refs.</summary>
    Task SpawnAsync(int count);

    /// <summary>Stops the processes of the last <see cref="SpawnAsync"/> and completes once all have stopped.</summary>
    Task StopAllAsync();
}

/// <summary>Completes a task when a counter shared by many processes reaches its target.</summary>
internal sealed class Countdown
{
    int _count;
    int _target = int.MaxValue;
    TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reset(int target)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _target, target);
        return _done.Task;
    }

    public void Signal()
    {
        if (Interlocked.Increment(ref _count) == Volatile.Read(ref _target))
        {
            _done.TrySetResult();
        }
    }
}
