using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Supervision;

/// <summary>Keep-majority: a singleton stops on the minority side of a partition and starts again once healed.</summary>
public class SplitBrainTests
{
    [Fact]
    public async Task A_keep_majority_child_stops_on_the_minority_side_and_starts_again_when_healed()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        foreach (var node in cluster.Nodes)
        {
            node.Cluster.Expect(cluster.Nodes.Select(n => n.Name));
        }

        await cluster.ConnectAllAsync();
        Assert.All(cluster.Nodes, n => Assert.True(n.Cluster.HasMajority));
        var onA = a.Spawn<Dispatcher>();
        var onB = b.Spawn<Dispatcher>();
        var first = await onA.StartChild(ChildSpec.Of<Member>("singleton").With(SplitBrain.KeepMajority));
        var onBFirst = await onB.StartChild(ChildSpec.Of<Member>("singleton").With(SplitBrain.KeepMajority));
        Assert.Equal(a.Name, first.Node);

        await cluster.PartitionAsync([a], [b, c]);

        // a is a minority of one: its singleton stops, and it is not an exit the supervisor restarts.
        Assert.False(a.Cluster.HasMajority);
        Assert.True(b.Cluster.HasMajority);
        await Eventually.True(async () => (await onA.WhichChildren()).Single().Status == ChildStatus.Suspended, "a's singleton is suspended");
        await Eventually.True(() => a.FindLocal(first) is null, "a's singleton has exited");
        Assert.Equal(new ChildCounts(1, 0, 0, 1), await onA.CountChildren());
        var onBNow = (await onB.WhichChildren()).Single();
        Assert.Equal((ChildStatus.Running, onBFirst), (onBNow.Status, onBNow.Pid));

        cluster.Heal();

        await cluster.ConnectAllAsync();

        await Eventually.True(async () => (await onA.WhichChildren()).Single() is { Status: ChildStatus.Running } x && x.Pid != first, "a's singleton runs again");
        Assert.Equal(1, await a.Ref<Member>((await onA.WhichChildren()).Single().Pid).Ping());
    }

    [Fact]
    public async Task A_keep_majority_child_added_in_a_minority_waits_for_a_majority()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        a.Cluster.Expect(cluster.Nodes.Select(n => n.Name));
        var tree = a.Spawn<Dispatcher>();

        // Not yet connected to b or c: one of three is no majority, so the child waits, suspended.
        var pid = await tree.StartChild(ChildSpec.Of<Member>("late").With(SplitBrain.KeepMajority));
        Assert.True(pid.IsEmpty);
        Assert.Equal(ChildStatus.Suspended, (await tree.WhichChildren()).Single().Status);

        Assert.True(await a.ConnectAsync(b.Name));
        await Eventually.True(async () => (await tree.WhichChildren()).Single().Status == ChildStatus.Running, "the child starts once a and b are a majority");
        _ = c;
    }
}
