using MemoryPack;
using Typed;

namespace TypedCluster;

/// <summary>A job for a counter: a plain message, handled by its [Info] handler.</summary>
[MemoryPackable]
public partial record Job(int Id, string Payload);

/// <summary>A process (a gen_server): its state lives in its fields, one message at a time.</summary>
[Process]
public partial class Counter
{
    int _n;

    [Call] public int Get() => _n;
    [Call] public int Add(int k) => _n += k;
    [Cast] public void Reset() => _n = 0;
    [Info] public void Handle(Job job) => _n += job.Id;
}

/// <summary>The node's root supervisor: restarts the counter if it crashes.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 10)]
[Child<Counter>("counter", Restart.Permanent)]
public partial class AppSupervisor;

/// <summary>Functions other nodes can call (rpc:call, rpc:multicall).</summary>
[Rpc]
public static partial class Cluster
{
    public static string Hello(string from) => $"hello {from}, this is {ProcessContext.Current?.Node.Name}";

    public static async Task<int> CounterValue()
    {
        var node = ProcessContext.Current!.Node;
        return await (await node.At<AppSupervisor>("app").Counter()).Get();
    }
}
