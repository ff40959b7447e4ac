using BenchmarkDotNet.Attributes;
using Typed.CompilerServices;

namespace Typed.OverheadBenchmarks;

/// <summary>
/// What copying on local delivery costs: local calls whose reply (or message) is copied, against the
/// same call whose value is passed as it is. The difference is the copy (a MemoryPack round trip).
/// </summary>
[MemoryDiagnoser]
public class IsolationCost
{
    Node _node = null!;
    ProcessRef<Echo> _echo;
    readonly Payload _payload = new(7, "a payload of some thirty chars");

    [GlobalSetup]
    public async Task Setup()
    {
        Formatters.RegisterImmutable<FrozenPayload>();
        _node = await Node.StartAsync(new NodeOptions { Name = "isolation@127.0.0.1" });
        _echo = _node.Spawn<Echo>();
        await _echo.Get();
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _node.DisposeAsync();

    /// <summary>Baseline: an int reply, nothing copied.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<int> IntReply() => _echo.Get();

    /// <summary>A record reply registered immutable: passed as it is.</summary>
    [Benchmark]
    public ValueTask<FrozenPayload> RecordReplyShared() => _echo.GetFrozen();

    /// <summary>The same record shape, not registered: copied.</summary>
    [Benchmark]
    public ValueTask<Payload> RecordReplyCopied() => _echo.GetPayload();

    /// <summary>A reply of a 16-int list: copied.</summary>
    [Benchmark]
    public ValueTask<List<int>> List16Copied() => _echo.GetSmallList();

    /// <summary>A reply of a 1,000-int list: copied.</summary>
    [Benchmark]
    public ValueTask<List<int>> List1000Copied() => _echo.GetLargeList();

    /// <summary>A call whose message record holds a record: the message is copied (the int reply is not).</summary>
    [Benchmark]
    public ValueTask<int> RecordArgumentCopied() => _echo.Take(_payload);
}
