using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

public class SimulationTests(ITestOutputHelper output)
{
    /// <summary>Three nodes: calls from every node at once, a partition, a heal, a killed node.</summary>
    static async Task Scenario(Simulation simulation)
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);
        simulation.Log($"meshed: {string.Join(", ", cluster.Nodes.Select(n => $"{n.Name}/{n.Creation}"))}");

        var counter = b.Spawn<Counter>();
        var calls = cluster.Nodes.SelectMany(n => Enumerable.Range(0, 5).Select(_ => n.Ref<Counter>(counter.Pid).Add(1).AsTask())).ToList();
        simulation.Log($"adds: {string.Join(' ', await Task.WhenAll(calls))}");

        cluster.Partition([a], [b, c]);
        await cluster.WaitUntilAsync(() => !a.Nodes.Contains(b.Name) && !c.Nodes.Contains(a.Name), "a is cut off");
        simulation.Log($"cut: a sees [{string.Join(' ', a.Nodes)}]");

        cluster.Heal();
        await cluster.ConnectAllAsync();
        simulation.Log($"healed: {await a.Ref<Counter>(counter.Pid).Add(100)}");

        await cluster.KillAsync(c);
        await cluster.WaitForNodeDownAsync(c.Name);
        simulation.Log("c is down everywhere");
    }

    [Fact]
    public async Task The_same_seed_gives_a_byte_identical_trace()
    {
        var first = await Simulation.RunAsync(42, Scenario);
        var second = await Simulation.RunAsync(42, Scenario);
        var other = await Simulation.RunAsync(43, Scenario);
        output.WriteLine($"seed 42: trace hash {first.TraceHash:x16}, {first.Steps:N0} steps, {first.Simulated.TotalMilliseconds:0.#} ms simulated in {first.Wall.TotalMilliseconds:0.#} ms; seed 43: {other.Steps:N0} steps");
        foreach (var line in first.Trace.Where(l => l.Contains(" | ", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        output.WriteLine("the first steps:");
        foreach (var line in first.Trace.Where(l => l.Contains(" post ", StringComparison.Ordinal)).Take(12))
        {
            output.WriteLine(line);
        }

        Assert.Equal(first.TraceText, second.TraceText);
        Assert.Equal(first.TraceHash, second.TraceHash);
        Assert.NotEqual(first.TraceHash, other.TraceHash);
    }

    /// <summary>Two clients on two nodes read a register, add one and write it back: some interleavings lose an update.</summary>
    static async Task TwoIncrements(Simulation simulation)
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var register = cluster[1].Spawn<Register>();
        async Task Increment(Node from)
        {
            var remote = from.Ref<Register>(register.Pid);
            var read = await remote.Get();
            simulation.Log($"{from.Name} read {read}");
            await remote.Set(read + 1);
        }

        await Task.WhenAll(Increment(cluster[0]), Increment(cluster[2]));
        var final = await register.Get();
        simulation.Log($"final {final}");
        if (final != 2)
        {
            throw new InvalidOperationException($"lost update: two increments left {final}");
        }
    }

    [Fact]
    public async Task A_failing_seed_replays_its_failure()
    {
        var failure = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.ExploreAsync(200, TwoIncrements));
        output.WriteLine(failure.Message);
        Assert.Contains($"seed {failure.Seed}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("lost update", failure.Message, StringComparison.Ordinal);

        // The seed alone replays the same run to the same failure; the seeds before it passed.
        var replay = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(failure.Seed, TwoIncrements));
        Assert.Equal(failure.Trace, replay.Trace);
        Assert.Equal(failure.InnerException!.Message, replay.InnerException!.Message);
        if (failure.Seed > 1)
        {
            await Simulation.RunAsync(failure.Seed - 1, TwoIncrements);
        }
    }

    [Fact]
    public async Task A_scenario_that_waits_on_the_system_clock_is_reported_not_simulated()
    {
        // Task.Delay without the simulation's clock completes on a pool thread: nothing the simulation
        // runs, and its continuation arrives from outside. Either way the run fails and says why.
        var failure = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(5, async _ => await Task.Delay(20)));
        Assert.Equal(5, failure.Seed);
        Assert.True(
            failure.Message.Contains("stuck: nothing to run", StringComparison.Ordinal) || failure.Message.Contains("from outside the simulation", StringComparison.Ordinal),
            failure.Message);
    }

    [Fact]
    public async Task A_run_that_fails_before_its_scenario_cleans_up_stops_the_clusters_it_started()
    {
        Node[] nodes = [];
        var failure = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(8, async simulation =>
        {
            var cluster = await TestCluster.StartAsync(2);   // never disposed by the scenario
            nodes = [.. cluster.Nodes];
            await Task.Delay(TimeSpan.FromHours(1), simulation.Time);
        }, limit: TimeSpan.FromMinutes(1)));
        Assert.Contains("ran past its limit", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, nodes.Length);
        Assert.All(nodes, node =>
        {
            Assert.Empty(node.Nodes);
            Assert.Throws<ObjectDisposedException>(() => node.Spawn<Counter>());
        });
    }

    [Fact]
    public async Task Work_posted_from_another_thread_fails_the_run_with_its_stack()
    {
        var failure = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(6, async simulation =>
        {
            var outside = new Thread(() => simulation.Post(_ => { }, null));
            outside.Start();
            outside.Join();
            await Task.Delay(TimeSpan.FromSeconds(1), simulation.Time);
        }));
        Assert.Contains("work arrived from outside the simulation", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Work_posted_from_another_thread_fails_the_run_with_its_stack), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_its_simulated_limit_or_steps_is_stopped()
    {
        static async Task Forever(Simulation simulation)
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), simulation.Time);
            }
        }

        var late = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(1, Forever, limit: TimeSpan.FromMinutes(5)));
        Assert.Contains("ran past its limit", late.Message, StringComparison.Ordinal);

        var busy = await Assert.ThrowsAsync<SimulationFailedException>(() => Simulation.RunAsync(1, Forever, maxSteps: 100));
        Assert.Contains("more than 100 steps", busy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_time_runs_faster_than_real_time()
    {
        var result = await Simulation.RunAsync(3, async simulation =>
        {
            await using var cluster = await TestCluster.StartAsync(2, (_, o) => o.Distribution.TickTime = TimeSpan.FromSeconds(4));
            await Task.Delay(TimeSpan.FromMinutes(2), simulation.Time);   // two minutes of ticks on an idle connection
            Assert.Contains(cluster[1].Name, cluster[0].Nodes);
        });
        output.WriteLine($"{result.Simulated.TotalSeconds:0} s simulated in {result.Wall.TotalMilliseconds:0} ms, {result.Steps:N0} steps");
        Assert.True(result.Simulated >= TimeSpan.FromMinutes(2));
        Assert.True(result.Wall < result.Simulated / 4, $"{result.Wall} of real time for {result.Simulated} simulated");
    }
}
