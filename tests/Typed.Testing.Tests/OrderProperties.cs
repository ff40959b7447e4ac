using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// A property over random network schedules, simulated: numbered casts from every node to one inbox
/// arrive in the order each sender sent them, none twice; and while no fault can drop the connection
/// (latency and jitter only), none is lost.
/// </summary>
public class OrderProperties(ITestOutputHelper output)
{
    [Fact]
    public async Task Messages_between_a_pair_are_never_reordered_or_duplicated_and_never_lost_while_the_connection_lives()
    {
        var lossy = new int[2];
        await Properties.ExploreAsync(output, 30, simulation => RunAsync(simulation, lossy));
        output.WriteLine($"schedules with only latency and jitter: {lossy[0]}; with cuts and partitions: {lossy[1]}");
    }

    static async Task RunAsync(Simulation simulation, int[] kinds)
    {
        var random = new Random(simulation.Seed);
        await using var cluster = await TestCluster.StartAsync(3);
        var home = cluster[random.Next(3)];
        var inbox = home.Spawn<Inbox>();
        var canDrop = random.Next(2) == 0;
        kinds[canDrop ? 1 : 0]++;
        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in cluster.Nodes)
        {
            sent[node.Name] = 0;
        }

        for (var round = 0; round < 8; round++)
        {
            var from = cluster[random.Next(3)];
            var to = cluster[random.Next(3)];
            if (from != to)
            {
                if (!canDrop || random.Next(3) > 0)
                {
                    cluster.SetLatency(from, to, TimeSpan.FromMilliseconds(random.Next(0, 50)), TimeSpan.FromMilliseconds(random.Next(0, 50)));
                    simulation.Log($"latency {from.Name} -> {to.Name}");
                }
                else if (random.Next(2) == 0)
                {
                    cluster.Partition([from], [to]);
                    simulation.Log($"partition {from.Name} | {to.Name}");
                }
                else
                {
                    cluster.CutOneWay(from, to);
                    simulation.Log($"cut {from.Name} -> {to.Name}");
                }
            }

            // A burst from every node, interleaved by the scheduler.
            foreach (var node in cluster.Nodes)
            {
                var target = node.Ref<Inbox>(inbox.Pid);
                for (var i = 0; i < random.Next(1, 20); i++)
                {
                    target.Take(node.Name, ++sent[node.Name]);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1, 200)), simulation.Time);
            if (canDrop && random.Next(2) == 0)
            {
                cluster.Heal();
                await cluster.ConnectAllAsync();
                simulation.Log("heal");
            }
        }

        cluster.Heal();
        await cluster.ConnectAllAsync();
        if (!canDrop)
        {
            await cluster.WaitUntilAsync(async () => (await inbox.Received()).Values.Sum(l => l.Count) == sent.Values.Sum(), "every message arrives");
        }

        var received = await inbox.Received();
        foreach (var (sender, numbers) in received)
        {
            for (var i = 1; i < numbers.Count; i++)
            {
                Assert.True(numbers[i] > numbers[i - 1], $"from {sender}: {numbers[i]} after {numbers[i - 1]}");
            }

            simulation.Log($"{sender}: {numbers.Count} of {sent[sender]}");
            if (!canDrop)
            {
                Assert.Equal(Enumerable.Range(1, sent[sender]), numbers);
            }
        }
    }
}
