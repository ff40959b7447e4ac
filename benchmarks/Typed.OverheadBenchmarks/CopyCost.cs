using BenchmarkDotNet.Attributes;
using Typed.Messaging;

namespace Typed.OverheadBenchmarks;

/// <summary>
/// The local copy on its own (what isolation adds to each delivery of a value that is not known
/// immutable), without the scheduling noise of a call around it.
/// </summary>
[MemoryDiagnoser]
public class CopyCost
{
    Node _node = null!;
    readonly Payload _payload = new(7, "a payload of some thirty chars");
    readonly List<int> _small = [.. Enumerable.Range(0, 16)];
    readonly List<int> _large = [.. Enumerable.Range(0, 1000)];
    readonly Typed.CompilerServices.Args<Payload> _message = new(new Payload(7, "a payload of some thirty chars"));

    [GlobalSetup]
    public async Task Setup() => _node = await Node.StartAsync(new NodeOptions { Name = "copy@127.0.0.1" });

    [GlobalCleanup]
    public ValueTask Cleanup() => _node.DisposeAsync();

    /// <summary>An int: no copy (the decision is a static flag).</summary>
    [Benchmark(Baseline = true)]
    public int Int() => LocalCopy<int>.Of(42, _node);

    /// <summary>A record of an int and a 30-char string.</summary>
    [Benchmark]
    public Payload Record() => LocalCopy<Payload>.Of(_payload, _node);

    /// <summary>A generated message record holding that record (a call's argument).</summary>
    [Benchmark]
    public Typed.CompilerServices.Args<Payload> MessageRecord() => LocalCopy<Typed.CompilerServices.Args<Payload>>.Of(_message, _node);

    /// <summary>A list of 16 ints.</summary>
    [Benchmark]
    public List<int> List16() => LocalCopy<List<int>>.Of(_small, _node);

    /// <summary>A list of 1,000 ints.</summary>
    [Benchmark]
    public List<int> List1000() => LocalCopy<List<int>>.Of(_large, _node);
}
