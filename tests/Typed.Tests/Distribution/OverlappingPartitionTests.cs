using Typed.Testing;

namespace Typed.Tests.Distribution;

/// <summary>prevent_overlapping_partitions: a cut between a and b does not leave c in both halves.</summary>
public class OverlappingPartitionTests
{
    static async Task<TestCluster> CutBetweenAAndBAsync(bool prevent)
    {
        var cluster = await Clusters.StartAsync(3, (_, o) => o.Cluster.PreventOverlappingPartitions = prevent, inMemory: true);
        await cluster.ConnectAllAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await cluster.PartitionAsync([a], [b]);
        return cluster;
    }

    [Fact]
    public async Task Without_the_option_a_node_stays_in_both_halves()
    {
        await using var cluster = await CutBetweenAAndBAsync(prevent: false);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);

        // c still sees both sides of the cut: the overlap OTP 25's option exists to end.
        Assert.Contains(a.Name, c.Nodes);
        Assert.Contains(b.Name, c.Nodes);
    }

    [Fact]
    public async Task With_the_option_the_node_in_both_halves_lets_go_of_the_lost_nodes()
    {
        await using var cluster = await CutBetweenAAndBAsync(prevent: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);

        // a tells c it lost b, and b tells c it lost a: c disconnects each, so no node is in both halves.
        await Eventually.True(() => !(c.Nodes.Contains(a.Name) && c.Nodes.Contains(b.Name)), "c is no longer connected to both a and b");

        // Healed, the mesh forms again.
        cluster.Heal();
        await cluster.ConnectAllAsync();
        Assert.All(cluster.Nodes, n => Assert.Equal(2, n.Nodes.Count));
    }
}
