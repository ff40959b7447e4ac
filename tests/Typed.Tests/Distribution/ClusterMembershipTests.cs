using System.Collections.Concurrent;
using Typed.Testing;

namespace Typed.Tests.Distribution;

public class ClusterMembershipTests
{
    [Fact]
    public async Task A_whole_node_that_loses_expected_nodes_detects_a_partition_and_heals_when_they_are_back()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        foreach (var name in cluster.Nodes.Select(n => n.Name))
        {
            a.Cluster.Expect(name);
        }

        await a.Cluster.WaitUntilWholeAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(a.Cluster.IsWhole);
        Assert.False(a.Cluster.IsPartitioned);
        Assert.Equal(new[] { b.Name, c.Name }.Order(StringComparer.Ordinal), a.Cluster.Expected);
        var changes = new ConcurrentQueue<ClusterChange>();
        using var _ = a.Cluster.Subscribe(changes.Enqueue);
        var watcher = a.Spawn<ClusterWatcher>();
        await watcher.Watch();

        await cluster.PartitionAsync([a], [b, c]);
        await Eventually.True(() => changes.OfType<PartitionDetected>().Any(p => p.Missing.Count == 2), "a sees b and c missing");
        Assert.True(a.Cluster.IsPartitioned);
        Assert.Equal(new[] { b.Name, c.Name }.Order(StringComparer.Ordinal), a.Cluster.Missing);
        Assert.Equal([a.Name], a.Cluster.Members);
        // Missing is read from the live connections, so the detection can be published before the second
        // NodeLeft: wait for both rather than assume their order.
        await Eventually.True(() => changes.OfType<NodeLeft>().Count() == 2, "a is told b and c left");

        // A name registered on each side while they are apart is settled when they heal, by itself.
        Assert.True(await b.Global.RegisterAsync("leader", b.Spawn<Behaviours.Worker>().Pid));
        Assert.True(await a.Global.RegisterAsync("leader", a.Spawn<Behaviours.Worker>().Pid));

        cluster.Heal();

        await cluster.ConnectAllAsync();
        await Eventually.True(() => changes.OfType<PartitionHealed>().Any(), "the partition heals");
        Assert.False(a.Cluster.IsPartitioned);
        await Eventually.True(() => changes.OfType<NodeJoined>().Count() == 2, "a is told b and c joined");

        // A process subscribed with Context.MonitorCluster got the same changes as messages.
        await Eventually.True(async () => (await watcher.Changes()).Contains("healed"), "the watcher hears of the heal");
        var seen = await watcher.Changes();
        Assert.Contains($"partition:{b.Name},{c.Name}", seen);
        Assert.Equal(2, seen.Count(s => s.StartsWith("left:", StringComparison.Ordinal)));
        await Eventually.True(
            () => cluster.Nodes.Select(n => n.Global.WhereIs("leader")).Distinct().Count() == 1 && a.Global.WhereIs("leader") is not null,
            "every node agrees on one leader");
    }

    [Fact]
    public async Task Expecting_a_name_that_is_not_a_node_name_is_refused_and_changes_nothing()
    {
        await using var cluster = await Clusters.StartAsync(1, inMemory: true);
        var a = cluster.Nodes[0];
        var error = Assert.Throws<ArgumentException>(() => a.Cluster.Expect("b@127.0.0.1", "nohost"));
        Assert.Contains("'nohost' is not a node name", error.Message, StringComparison.Ordinal);
        Assert.Empty(a.Cluster.Expected);
        Assert.True(a.Cluster.IsWhole);
    }

    [Fact]
    public async Task A_node_still_joining_is_incomplete_not_partitioned()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        a.Cluster.Expect(b.Name);
        var changes = new ConcurrentQueue<ClusterChange>();
        using var _ = a.Cluster.Subscribe(changes.Enqueue);
        var whole = a.Cluster.WaitUntilWholeAsync();

        Assert.False(a.Cluster.IsWhole);
        Assert.False(a.Cluster.IsPartitioned);
        Assert.False(whole.IsCompleted);

        Assert.True(await a.ConnectAsync(b.Name));
        await whole.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(changes.OfType<PartitionDetected>());
        Assert.Empty(changes.OfType<PartitionHealed>());
    }
}
