using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>Nodes in their own OS processes, running this assembly's behaviours.</summary>
public class TestNodeProcessTests(ITestOutputHelper output)
{
    static int s_counter;

    async Task<(Node Here, NodeOptions Options, TestNodeProcess Child)> StartAsync(TimeSpan tick)
    {
        var n = Interlocked.Increment(ref s_counter);
        var child = await TestNodeProcess.StartAsync(new TestNodeOptions
        {
            Name = $"child{n}@127.0.0.1",
            Behaviours = typeof(TestNodeProcessTests).Assembly,
            TickTime = tick,
            Output = output.WriteLine,
        });
        var options = TcpNodes.Options($"here{n}@127.0.0.1", tick);
        child.AddressFor(options);
        var here = await Node.StartAsync(options);
        Assert.True(await here.ConnectAsync(child.Name));
        return (here, options, child);
    }

    [Fact]
    public async Task A_child_node_runs_this_assemblys_behaviours_and_a_kill_looks_like_a_crash()
    {
        var (here, _, child) = await StartAsync(TimeSpan.FromSeconds(60));
        await using var _ = here;
        await using var __ = child;

        var counter = await here.SpawnOn<Counter>(child.Name);
        Assert.Equal(3, await counter.Add(3));
        Assert.Equal(child.Name, (await counter.Whoami()).Node);
        var watcher = here.Spawn<Watcher>();
        await watcher.Watch(counter.Pid);

        child.Kill();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await watcher.Downs()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the monitor fires when the child is killed");
            await Task.Delay(20);
        }

        Assert.Equal([$"{counter.Pid}:{ExitReasonKind.NoConnection}"], await watcher.Downs());
    }

    [Fact]
    public async Task A_frozen_child_is_taken_down_at_the_tick_and_thawed_it_connects_again()
    {
        if (OperatingSystem.IsWindows())
        {
            return;   // no SIGSTOP
        }

        var (here, _, child) = await StartAsync(TimeSpan.FromSeconds(1));
        await using var _ = here;
        await using var __ = child;
        var downs = 0;
        using var watch = here.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        await child.FreezeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Volatile.Read(ref downs) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the frozen child is taken down at the tick");
            await Task.Delay(20);
        }

        await child.ThawAsync();
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(await here.ConnectAsync(child.Name) && here.Nodes.Contains(child.Name)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the thawed child connects again");
            await Task.Delay(50);
        }

        var counter = await here.SpawnOn<Counter>(child.Name);
        Assert.Equal(1, await counter.Add(1));
    }

    [Fact]
    public async Task A_startup_configures_the_child_node_and_registers_its_processes_before_it_is_ready()
    {
        var n = Interlocked.Increment(ref s_counter);
        await using var child = await TestNodeProcess.StartAsync(new TestNodeOptions
        {
            Name = $"child{n}@127.0.0.1",
            Behaviours = typeof(TestNodeProcessTests).Assembly,
            Startup = typeof(HiddenCounterStartup),
            Output = output.WriteLine,
        });
        var options = TcpNodes.Options($"here{n}@127.0.0.1", TimeSpan.FromSeconds(60));
        child.AddressFor(options);
        await using var here = await Node.StartAsync(options);

        // The name is there from the first message: the child reported ready after its startup ran.
        Assert.Equal(2, await here.At<Counter>("counter", child.Name).Add(2));
        Assert.Contains(child.Name, here.HiddenNodes);
        Assert.DoesNotContain(child.Name, here.Nodes);
    }

    [Fact]
    public async Task A_startup_that_is_not_one_is_refused_before_a_process_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestNodeProcess.StartAsync(new TestNodeOptions
        {
            Name = "never@127.0.0.1",
            Behaviours = typeof(TestNodeProcessTests).Assembly,
            Startup = typeof(Counter),
        }));
        Assert.Contains(nameof(ITestNodeStartup), error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The child of a startup test: a hidden node with a counter registered as "counter".</summary>
internal sealed class HiddenCounterStartup : ITestNodeStartup
{
    public void Configure(NodeOptions options) => options.Distribution.Hidden = true;

    public Task StartedAsync(Node node)
    {
        node.Spawn<Counter>(new SpawnOptions { Name = "counter" });
        return Task.CompletedTask;
    }
}
