using MemoryPack;
using Typed;

namespace Typed.OverheadBenchmarks;

/// <summary>A record of immutable members, copied on local delivery (nothing tells the runtime it is immutable).</summary>
[MemoryPackable]
public partial record Payload(int Id, string Name);

/// <summary>The same shape, registered immutable (<c>Formatters.RegisterImmutable</c>): passed as it is.</summary>
[MemoryPackable]
public partial record FrozenPayload(int Id, string Name);

/// <summary>The process the benchmarks call and cast to.</summary>
[Process]
public partial class Echo
{
    static readonly Payload s_payload = new(7, "a payload of some thirty chars");
    static readonly FrozenPayload s_frozen = new(7, "a payload of some thirty chars");
    readonly List<int> _small = [.. Enumerable.Range(0, 16)];
    readonly List<int> _large = [.. Enumerable.Range(0, 1000)];
    int _n;

    [Call]
    public int Get() => _n;

    [Cast]
    public void Bump() => _n++;

    [Call]
    public Payload GetPayload() => s_payload;

    [Call]
    public FrozenPayload GetFrozen() => s_frozen;

    [Call]
    public List<int> GetSmallList() => _small;

    [Call]
    public List<int> GetLargeList() => _large;

    [Call]
    public int Take(Payload payload) => payload.Id;
}
