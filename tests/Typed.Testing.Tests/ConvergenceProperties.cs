using System.Globalization;
using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// Properties over random fault schedules, simulated: whatever partitions, heals, kills and restarts
/// happen while names are registered and groups joined, once the cluster is whole again every node
/// agrees on every global name (at most one live process each) and every group (only live members).
/// Each schedule and its interleaving come from a seed; a failure prints the seed and the schedule,
/// <c>TYPED_SIMULATION_SEED</c> replays that one, <c>TYPED_SIMULATION_RUNS</c> sets how many seeds run.
/// </summary>
public class ConvergenceProperties(ITestOutputHelper output)
{
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Global_names_and_groups_converge_after_any_schedule_of_partitions_kills_and_heals()
    {
        await Properties.ExploreAsync(output, 30, RunAsync);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_leave_exactly_one_winner_that_every_node_sees()
    {
        await Properties.ExploreAsync(output, 30, async simulation =>
        {
            var random = new Random(simulation.Seed);
            await using var cluster = await TestCluster.StartAsync(random.Next(2, 7));
            foreach (var from in cluster.Nodes)
            {
                foreach (var to in cluster.Nodes.Where(to => to != from && random.Next(2) == 0))
                {
                    cluster.SetLatency(from, to, TimeSpan.FromMilliseconds(random.Next(0, 5)), TimeSpan.FromMilliseconds(random.Next(0, 3)));
                }
            }

            var contenders = cluster.Nodes.Select(node => (Node: node, Pid: node.Spawn<Counter>().Pid)).ToList();
            var won = await Task.WhenAll(contenders.Select(c => c.Node.Global.RegisterAsync("leader", c.Pid).AsTask()));
            simulation.Log($"{contenders.Count} contenders: {string.Join(' ', won)}");
            Assert.Equal(1, won.Count(w => w));
            var winner = contenders[Array.IndexOf(won, true)].Pid;
            await cluster.WaitUntilAsync(() => cluster.Nodes.All(n => n.Global.WhereIs("leader") == winner), "every node sees the one winner");
        });
    }

    static async Task RunAsync(Simulation simulation)
    {
        var random = new Random(simulation.Seed);
        var size = random.Next(3, 6);
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { Nodes = size, Timeout = Settle });
        var steps = random.Next(6, 12);
        simulation.Log($"{size} nodes, {steps} steps");
        for (var step = 0; step < steps; step++)
        {
            var nodes = cluster.Nodes;
            var node = nodes[random.Next(nodes.Count)];
            switch (random.Next(5))
            {
                case 0:
                {
                    var name = $"name{random.Next(3)}";
                    var pid = node.Spawn<Counter>().Pid;
                    bool registered;
                    try
                    {
                        registered = await node.Global.RegisterAsync(name, pid).AsTask().WaitAsync(Settle, simulation.Time);
                    }
                    catch (TypedException ex)
                    {
                        registered = false;
                        simulation.Log($"register {name}: {ex.GetType().Name}");
                    }

                    simulation.Log($"register {name} -> {pid} on {node.Name}: {registered}");
                    break;
                }

                case 1:
                {
                    var group = $"group{random.Next(2)}";
                    var pid = node.Spawn<Counter>().Pid;
                    await node.Groups.JoinAsync(group, pid);
                    simulation.Log($"join {group} <- {pid}");
                    break;
                }

                case 2 when nodes.Count > 1:
                {
                    var side = nodes.Where(_ => random.Next(2) == 0).ToList();
                    if (side.Count == 0 || side.Count == nodes.Count)
                    {
                        side = [node];
                    }

                    await cluster.PartitionAsync(side, nodes.Except(side));
                    simulation.Log($"partition [{string.Join(", ", side.Select(n => n.Name))}] from the rest");
                    break;
                }

                case 3:
                    cluster.Heal();
                    await cluster.ConnectAllAsync();
                    simulation.Log("heal");
                    break;
                default:
                    await cluster.KillAsync(node);
                    await cluster.RestartAsync(node);
                    simulation.Log($"kill and restart {node.Name}");
                    break;
            }
        }

        cluster.Heal();
        await cluster.ConnectAllAsync();
        simulation.Log("heal (end)");
        try
        {
            await cluster.WaitUntilAsync(() => Converged(cluster, out _), "names and groups converge", Settle);
        }
        catch (TimeoutException ex) when (!Converged(cluster, out var why))
        {
            throw new InvalidOperationException(why, ex);
        }

        // Every registered pid and every member is a live process.
        var live = cluster.Nodes.Select(n => n.Name).ToHashSet();
        var first = cluster[0];
        foreach (var name in first.Global.RegisteredNames)
        {
            var pid = first.Global.WhereIs(name)!.Value;
            Assert.Contains(pid.Node, live);
            Assert.Equal(pid, await first.Ref<Counter>(pid).WithTimeout(Settle).Whoami());
        }

        foreach (var group in first.Groups.WhichGroups())
        {
            foreach (var pid in first.Groups.GetMembers(group))
            {
                Assert.Contains(pid.Node, live);
                Assert.Equal(pid, await first.Ref<Counter>(pid).WithTimeout(Settle).Whoami());
            }
        }
    }

    /// <summary>Every node has the same global names for the same pids, and the same members of every group, none on a node that is gone.</summary>
    static bool Converged(TestCluster cluster, out string why)
    {
        var nodes = cluster.Nodes;
        var live = nodes.Select(n => n.Name).ToHashSet();
        string Names(Node n) => string.Join(", ", n.Global.RegisteredNames.Select(name => $"{name}={n.Global.WhereIs(name)}"));
        string Groups(Node n) => string.Join("; ", n.Groups.WhichGroups().Select(g => $"{g}: {string.Join(", ", n.Groups.GetMembers(g).Select(p => p.ToString()).Order(StringComparer.Ordinal))}"));
        var names = nodes.Select(Names).Distinct().ToList();
        var groups = nodes.Select(Groups).Distinct().ToList();
        var stale = nodes.SelectMany(n => n.Global.RegisteredNames.Select(name => n.Global.WhereIs(name)!.Value)
            .Concat(n.Groups.WhichGroups().SelectMany(g => n.Groups.GetMembers(g)))).Where(p => !live.Contains(p.Node)).ToList();
        why = $"names: [{string.Join(" | ", names)}]; groups: [{string.Join(" | ", groups)}]; on nodes gone: [{string.Join(", ", stale)}]";
        return names.Count == 1 && groups.Count == 1 && stale.Count == 0;
    }
}
