using MemoryPack;
using Typed.Benchmarks.Harness;

namespace Typed.Benchmarks.Frameworks;

/// <summary>The small message of the throughput workloads: <c>(int, short string)</c>.</summary>
[MemoryPackable]
public partial record Tick(int N, string Text);

/// <summary>An idle process that says when it has started and when it has stopped.</summary>
[Process]
public partial class Sleeper
{
    internal static readonly Countdown Started = new();

    [Init]
    public void Init() => Started.Signal();

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

/// <summary>Counts messages; a call asks how many so far.</summary>
[Process]
public partial class Tally
{
    long _count;

    [Info]
    public void On(Tick tick) => _count++;

    [Call]
    public long Count() => _count;
}
