using System.Diagnostics;
using Typed;

namespace Typed.TestNode.Shared;

/// <summary>
/// A sender of the load figures that is a process, so a busy connection suspends it (Erlang's
/// <c>busy_dist_port</c>): it casts a batch of numbered casts per message it takes, then casts itself
/// the next step, so the runtime can hold it between batches. Progress goes to <see cref="LoadProgress"/>.
/// </summary>
[Process]
public partial class LoadSender(LoadProgress progress)
{
    ProcessRef<LoadSink> _sink;
    int _sender;
    int _total;
    int _batch;
    int _next = 1;
    long _lastStep;

    /// <summary>Starts sending <paramref name="total"/> casts numbered from 1 to <paramref name="sink"/>, <paramref name="batch"/> per step.</summary>
    [Cast]
    public void Start(Pid sink, int sender, int total, int batch)
    {
        _sink = Context.Node.Ref<LoadSink>(sink);
        (_sender, _total, _batch) = (sender, total, Math.Max(1, batch));
        _lastStep = Stopwatch.GetTimestamp();
        Step();
    }

    /// <summary>Sends the next batch.</summary>
    [Cast]
    public void Step()
    {
        var now = Stopwatch.GetTimestamp();
        progress.Stepped(Stopwatch.GetElapsedTime(_lastStep, now));
        _lastStep = now;
        var first = _next;
        var end = Math.Min(_total, _next + _batch - 1);
        for (; _next <= end; _next++)
        {
            _sink.Take(_sender, _next);
        }

        progress.Sent(end - first + 1);
        if (_next > _total)
        {
            progress.Finished();
            return;
        }

        Self.Step();
    }
}

/// <summary>What the <see cref="LoadSender"/>s of one run report: casts sent, the longest pause between two batches of one sender, and their end.</summary>
public sealed class LoadProgress
{
    TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _running;
    long _sent;
    long _longestPauseTicks;

    /// <summary>Starts a run: expects <paramref name="senders"/> senders to finish, with nothing counted yet.</summary>
    public LoadProgress Expect(int senders)
    {
        Volatile.Write(ref _done, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _sent, 0);
        Volatile.Write(ref _longestPauseTicks, 0);
        Volatile.Write(ref _running, senders);
        return this;
    }

    /// <summary>Completes when every sender of the run has sent everything.</summary>
    public Task Completion => Volatile.Read(ref _done).Task;

    /// <summary>Casts sent so far (counted per batch).</summary>
    public long SentSoFar => Volatile.Read(ref _sent);

    /// <summary>The longest time one sender waited between two of its batches (a suspended sender waits here).</summary>
    public TimeSpan LongestPause => TimeSpan.FromTicks(Volatile.Read(ref _longestPauseTicks));

    internal void Sent(int count) => Interlocked.Add(ref _sent, count);

    internal void Stepped(TimeSpan pause)
    {
        var ticks = pause.Ticks;
        var seen = Volatile.Read(ref _longestPauseTicks);
        while (ticks > seen && Interlocked.CompareExchange(ref _longestPauseTicks, ticks, seen) is var was && was != seen)
        {
            seen = was;
        }
    }

    internal void Finished()
    {
        if (Interlocked.Decrement(ref _running) == 0)
        {
            Volatile.Read(ref _done).TrySetResult();
        }
    }
}
