using System.Diagnostics;
using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>A supervisor here, its child on nodes in OS processes of their own: kill -9 the child's node and it comes back on another.</summary>
public class DistributedSupervisionTests(ITestOutputHelper output)
{
    static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_child_whose_node_is_killed_restarts_on_the_next_node_within_two_tick_intervals()
    {
        var suffix = Environment.ProcessId;
        await using var b = await StartChildNodeAsync($"sup_b{suffix}@127.0.0.1");
        await using var c = await StartChildNodeAsync($"sup_c{suffix}@127.0.0.1");
        var options = TcpNodes.Options($"sup_a{suffix}@127.0.0.1", Tick);
        b.AddressFor(options);
        c.AddressFor(options);
        await using var a = await Node.StartAsync(options);
        Assert.True(await a.ConnectAsync(b.Name));
        Assert.True(await a.ConnectAsync(c.Name));
        var tree = a.Spawn<Dispatcher>();

        var first = await tree.StartChild(ChildSpec.Of<Counter>("counter").On(Placement.Preferred([b.Name, c.Name])));
        Assert.Equal(b.Name, first.Node);
        Assert.Equal(2, await a.Ref<Counter>(first).Add(2));

        var killed = Stopwatch.StartNew();
        b.Kill();
        Pid moved = default;
        while (moved.IsEmpty || moved.Node != c.Name)
        {
            Assert.True(killed.Elapsed < 2 * Tick, $"the child came back on {c.Name} within two tick intervals ({2 * Tick})");
            moved = (await tree.WhichChildren()).Single().Pid;
            await Task.Delay(10);
        }

        output.WriteLine($"restarted on {c.Name} {killed.Elapsed.TotalMilliseconds:F0} ms after kill -9 of {b.Name}");
        Assert.Equal(3, await a.Ref<Counter>(moved).Add(3));
        Assert.Equal(c.Name, (await a.Ref<Counter>(moved).Whoami()).Node);
    }

    Task<TestNodeProcess> StartChildNodeAsync(string name) => TestNodeProcess.StartAsync(new TestNodeOptions
    {
        Name = name,
        Behaviours = typeof(DistributedSupervisionTests).Assembly,
        TickTime = Tick,
        Output = output.WriteLine,
    });
}
