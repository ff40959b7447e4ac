using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Registry;

/// <summary>Two partitions register one name for two processes; when they join, the resolve rule settles it.</summary>
public class GlobalConflictTests
{
    [Fact]
    public async Task By_default_one_process_keeps_the_name_and_the_other_is_killed()
    {
        var (cluster, left, right) = await SplitRegistrationAsync(null);
        await using var _ = cluster;
        var keep = Lower(left.Pid, right.Pid);
        var lose = keep == left.Pid ? right : left;
        var exited = lose.Node.WaitForExitAsync(lose.Pid);

        await HealAsync(cluster);
        await Eventually.True(() => cluster.Nodes.All(n => n.Global.WhereIs("x") == keep), "every node agrees on the lower pid");
        Assert.Equal(ExitReason.Killed, await exited.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Notify_all_unregisters_the_name_and_tells_both_processes_once()
    {
        var (cluster, left, right) = await SplitRegistrationAsync(GlobalResolve.NotifyAll);
        await using var _ = cluster;
        await HealAsync(cluster);

        var told = new[] { $"conflict x {left.Pid} other {right.Pid}", $"conflict x {right.Pid} other {left.Pid}" };
        await Eventually.True(() => told.All(cluster.Journal().Contains), "both processes told");
        await Eventually.True(() => cluster.Nodes.All(n => n.Global.WhereIs("x") is null), "the name gone everywhere");
        await cluster.Nodes[0].Global.SyncAsync();
        Assert.All(cluster.Nodes, n => Assert.Null(n.Global.WhereIs("x")));
        Assert.Equal(2, cluster.Journal().Entries.Count(e => e.StartsWith("conflict x", StringComparison.Ordinal)));
        Assert.NotNull(left.Node.FindLocal(left.Pid));
        Assert.NotNull(right.Node.FindLocal(right.Pid));
    }

    [Fact]
    public async Task Lower_node_keeps_the_process_on_the_node_whose_name_sorts_first_and_tells_the_other()
    {
        var (cluster, left, right) = await SplitRegistrationAsync(GlobalResolve.LowerNode);
        await using var _ = cluster;
        var (keep, lose) = string.CompareOrdinal(left.Pid.Node, right.Pid.Node) < 0 ? (left, right) : (right, left);
        await HealAsync(cluster);

        await Eventually.True(() => cluster.Nodes.All(n => n.Global.WhereIs("x") == keep.Pid), "every node agrees on the lower node's process");
        await Eventually.True(() => cluster.Journal().Contains($"conflict x {lose.Pid} other {keep.Pid}"), "the loser told");
        Assert.NotNull(lose.Node.FindLocal(lose.Pid));
    }

    [Fact]
    public async Task A_custom_resolver_configured_on_every_node_decides()
    {
        var (cluster, left, right) = await SplitRegistrationAsync(
            GlobalResolve.Custom("keep-higher"),
            options => options.GlobalResolvers["keep-higher"] = (_, _, second) => second);
        await using var _ = cluster;
        var keep = Lower(left.Pid, right.Pid) == left.Pid ? right : left;
        var lose = keep == left ? right : left;
        await HealAsync(cluster);

        await Eventually.True(() => cluster.Nodes.All(n => n.Global.WhereIs("x") == keep.Pid), "every node agrees on the higher pid");
        await Eventually.True(() => cluster.Journal().Contains($"conflict x {lose.Pid} other {keep.Pid}"), "the loser told");
        await cluster.Nodes[0].Global.SyncAsync();
        Assert.Single(cluster.Journal().Entries, e => e.StartsWith("conflict x", StringComparison.Ordinal));
    }

    /// <summary>
    /// Three nodes; node c is cut off; "x" is registered on both sides for a process of each side.
    /// Returns the two registrations; the test heals the partition.
    /// </summary>
    static async Task<(TestCluster Cluster, (Node Node, Pid Pid) Left, (Node Node, Pid Pid) Right)> SplitRegistrationAsync(
        GlobalResolve? resolve,
        Action<NodeOptions>? configure = null)
    {
        var cluster = await Clusters.StartAsync(3, (_, o) => configure?.Invoke(o), inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        await cluster.PartitionAsync([a, b], [c]);

        var onA = a.Spawn<Claimant>().Pid;
        var onC = c.Spawn<Claimant>().Pid;
        Assert.True(await b.Global.RegisterAsync("x", onA, resolve));
        Assert.True(await c.Global.RegisterAsync("x", onC, resolve));
        Assert.Equal(onA, a.Global.WhereIs("x"));
        Assert.Equal(onC, c.Global.WhereIs("x"));

        return (cluster, (a, onA), (c, onC));
    }

    static Task HealAsync(TestCluster cluster)
    {
        cluster.Heal();
        return cluster.ConnectAllAsync();
    }

    static Pid Lower(Pid x, Pid y) => string.CompareOrdinal(x.Node, y.Node) < 0 ? x : y;
}
