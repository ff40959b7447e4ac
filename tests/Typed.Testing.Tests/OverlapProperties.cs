using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// A property over random cuts, simulated: with <see cref="ClusterOptions.PreventOverlappingPartitions"/>
/// on, once the cuts are acted on no node is connected to two nodes that cannot reach each other, and
/// it stays so (nothing the cluster services send dials a lost node back); healed, the mesh is whole.
/// </summary>
public class OverlapProperties(ITestOutputHelper output)
{
    [Fact]
    public async Task With_the_option_no_node_stays_in_both_halves_of_any_cut()
    {
        await Properties.ExploreAsync(output, 30, async simulation =>
        {
            var random = new Random(simulation.Seed);
            var size = random.Next(3, 6);
            await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
            {
                Nodes = size,
                ConfigureNode = (_, o) => o.Cluster.PreventOverlappingPartitions = true,
            });
            foreach (var from in cluster.Nodes)
            {
                foreach (var to in cluster.Nodes.Where(to => to != from && random.Next(2) == 0))
                {
                    cluster.SetLatency(from, to, TimeSpan.FromMilliseconds(random.Next(0, 5)), TimeSpan.FromMilliseconds(random.Next(0, 3)));
                }
            }

            // On a settled mesh: a peer's list still in flight from when the mesh formed may join the
            // halves again after the cut, as a send or a ConnectAsync may (the option reacts to lost
            // connections, as OTP's does; it does not stop new ones).
            await Task.Delay(TimeSpan.FromSeconds(1), simulation.Time);
            var cuts = random.Next(1, 3);
            for (var i = 0; i < cuts; i++)
            {
                var a = cluster[random.Next(size)];
                var b = cluster[random.Next(size)];
                if (a != b)
                {
                    cluster.Partition([a], [b]);
                    simulation.Log($"cut {a.Name} | {b.Name}");
                }
            }

            // Quiet, and long after: an overlap undone by a late message would show by then.
            await cluster.WaitUntilAsync(() => Overlap(cluster) is null, "no node in both halves");
            await Task.Delay(TimeSpan.FromSeconds(5), simulation.Time);
            Assert.Null(Overlap(cluster));

            cluster.Heal();
            await cluster.ConnectAllAsync();
            Assert.All(cluster.Nodes, n => Assert.Equal(size - 1, n.Nodes.Count));
        });
    }

    /// <summary>A node connected to two nodes that are not connected to each other, described; null when there is none.</summary>
    static string? Overlap(TestCluster cluster)
    {
        foreach (var middle in cluster.Nodes)
        {
            var seen = middle.Nodes;
            foreach (var x in cluster.Nodes.Where(n => seen.Contains(n.Name)))
            {
                foreach (var z in cluster.Nodes.Where(n => n != x && seen.Contains(n.Name) && !x.Nodes.Contains(n.Name)))
                {
                    return $"{middle.Name} sees {x.Name} and {z.Name}, which do not see each other";
                }
            }
        }

        return null;
    }
}
