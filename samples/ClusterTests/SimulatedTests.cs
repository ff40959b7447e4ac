using Typed;
using Typed.Testing;

namespace ClusterTests;

/// <summary>
/// The same kind of scenario, simulated: one thread, a simulated clock, every choice from a seed. A
/// failure names its seed; <c>TYPED_SIMULATION_SEED=N dotnet test --filter Simulated</c> replays it.
/// </summary>
public class SimulatedTests
{
    /// <summary>A random schedule of partitions and heals while every node adds to the service; no add is lost or counted twice.</summary>
    static async Task AddsSurvivePartitions(Simulation simulation)
    {
        var random = new Random(simulation.Seed);
        await using var cluster = await TestCluster.StartAsync(3);
        var home = cluster[random.Next(3)];
        var inventory = home.Spawn<Inventory>();
        var acknowledged = 0;
        for (var step = 0; step < 10; step++)
        {
            var caller = cluster[random.Next(3)];
            if (random.Next(4) == 0 && caller != home)
            {
                cluster.Partition([caller], [home]);
                simulation.Log($"partition {caller.Name} from {home.Name}");
            }

            try
            {
                await caller.Ref<Inventory>(inventory.Pid).WithTimeout(TimeSpan.FromSeconds(1)).Add("bolts", 1);
                acknowledged++;
            }
            catch (TypedException ex)
            {
                simulation.Log($"{caller.Name}: {ex.GetType().Name}");   // not acknowledged: may or may not have been applied
            }

            cluster.Heal();
            await cluster.ConnectAllAsync();
        }

        var count = await inventory.Count("bolts");
        simulation.Log($"acknowledged {acknowledged}, counted {count}");
        Assert.InRange(count, acknowledged, 10);
    }

    [Fact]
    public async Task Simulated_adds_are_never_lost_whatever_the_partitions()
    {
        var summary = await Simulation.ExploreAsync(20, AddsSurvivePartitions);
        Assert.Equal(20, summary.Runs);
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_run()
    {
        var first = await Simulation.RunAsync(7, AddsSurvivePartitions);
        var again = await Simulation.RunAsync(7, AddsSurvivePartitions);
        Assert.Equal(first.TraceHash, again.TraceHash);
        Assert.Equal(first.Trace, again.Trace);
    }
}
