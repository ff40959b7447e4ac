using MemoryPack;
using Typed;

namespace Typed.Benchmarks;

[MemoryPackable]
public partial record Tick(int N, string Text);

/// <summary>An idle process that says when it has started.</summary>
[Process]
public partial class Sleeper
{
    public static int Started;

    [Init]
    public void Init() => Interlocked.Increment(ref Started);

    [Cast]
    public void Stop() => Context.Stop();
}

/// <summary>Answers calls.</summary>
[Process]
public partial class Echo
{
    [Call]
    public int Ping(int n) => n;
}

/// <summary>Counts messages and completes a task when the expected number arrived.</summary>
[Process]
public partial class Tally
{
    static int s_expected;
    static TaskCompletionSource? s_done;
    int _count;

    public static void Expect(int count, TaskCompletionSource done)
    {
        s_expected = count;
        s_done = done;
    }

    [Info]
    public void On(Tick tick)
    {
        if (++_count == s_expected)
        {
            _count = 0;
            s_done!.TrySetResult();
        }
    }
}
