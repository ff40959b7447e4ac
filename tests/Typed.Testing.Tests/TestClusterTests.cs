using System.Diagnostics;
using Typed;

namespace Typed.Testing.Tests;

public class TestClusterTests
{
    [Fact]
    public async Task Starts_a_connected_cluster_whose_nodes_call_each_other()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        Assert.Equal(["node1@127.0.0.1", "node2@127.0.0.1", "node3@127.0.0.1"], cluster.Nodes.Select(n => n.Name));
        Assert.All(cluster.Nodes, n => Assert.Equal(2, n.Nodes.Count));

        var counter = cluster[0].Ref<Counter>(cluster[2].Spawn<Counter>().Pid);
        Assert.Equal(5, await counter.Add(5));
    }

    [Fact]
    public async Task A_partition_holds_against_auto_connect_until_healed()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);
        var onB = a.Ref<Counter>(b.Spawn<Counter>().Pid).WithTimeout(TimeSpan.FromSeconds(1));

        cluster.Partition([a], [b, c]);
        await cluster.WaitUntilAsync(() => !a.Nodes.Contains(b.Name) && !b.Nodes.Contains(a.Name) && !c.Nodes.Contains(a.Name), "a is cut off");

        // Everything that would reconnect is refused: a connect, a call, and c's mesh (c still sees b).
        Assert.False(await a.ConnectAsync(b.Name));
        await Assert.ThrowsAnyAsync<TypedException>(async () => await onB.Add(1));
        Assert.Contains(b.Name, c.Nodes);
        Assert.DoesNotContain(b.Name, a.Nodes);

        cluster.Heal();
        await cluster.ConnectAllAsync();
        Assert.Equal(1, await onB.Add(1));
    }

    [Fact]
    public async Task A_killed_node_looks_crashed_and_its_restart_is_a_new_incarnation()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, c) = (cluster[0], cluster[1]);
        var counter = c.Spawn<Counter>();
        var watcher = a.Spawn<Watcher>();
        await watcher.Watch(counter.Pid);

        await cluster.KillAsync(c);
        await cluster.WaitForNodeDownAsync(c.Name);
        await cluster.WaitUntilAsync(async () => (await watcher.Downs()).Count == 1, "the monitor fires");
        Assert.Equal([$"{counter.Pid}:{ExitReasonKind.NoConnection}"], await watcher.Downs());
        Assert.Throws<InvalidOperationException>(() => cluster[1]);

        var c2 = await cluster.RestartAsync(c);
        Assert.Equal(c.Name, c2.Name);
        Assert.NotEqual(c.Creation, c2.Creation);
        Assert.Same(c2, cluster[1]);
        await cluster.WaitForMeshAsync();

        // The old incarnation's pid reaches no process of the new one.
        var gone = await Assert.ThrowsAsync<ProcessExitedException>(async () => await a.Ref<Counter>(counter.Pid).Add(1));
        Assert.Equal(ExitReason.NoProc, gone.Reason);
    }

    [Fact]
    public async Task A_one_way_cut_takes_the_connection_down_at_the_tick_and_heals()
    {
        await using var cluster = await TestCluster.StartAsync(2, (_, o) => o.Distribution.TickTime = TimeSpan.FromSeconds(1));
        var (a, b) = (cluster[0], cluster[1]);
        var downs = 0;
        using var _ = b.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        cluster.CutOneWay(a, b);   // b hears nothing from a
        await cluster.WaitUntilAsync(() => Volatile.Read(ref downs) > 0, "b takes a down (net_tick_timeout)", TimeSpan.FromSeconds(20));

        cluster.Heal();
        await cluster.ConnectAllAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Latency_delays_a_call_by_at_least_the_delay_each_way()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster[0], cluster[1]);
        var counter = a.Ref<Counter>(b.Spawn<Counter>().Pid);
        await counter.Add(1);

        cluster.SetLatency(a, b, TimeSpan.FromMilliseconds(50));
        cluster.SetLatency(b, a, TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        await counter.Add(1);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(95), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Waits_for_a_global_name_and_a_group_to_agree_everywhere_and_say_what_each_node_sees_when_they_do_not()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var counter = cluster[1].Spawn<Counter>();
        Assert.True(await cluster[1].Global.RegisterAsync("counter", counter.Pid));
        Assert.Equal(counter.Pid, await cluster.WaitForGlobalNameAsync("counter"));

        var members = cluster.Nodes.Select(n => n.Spawn<Counter>().Pid).ToList();
        for (var i = 0; i < members.Count; i++)
        {
            await cluster[i].Groups.JoinAsync("workers", members[i]);
        }

        Assert.Equal(members, await cluster.WaitForGroupAsync("workers", 3));   // node1's, node2's, node3's

        var late = await cluster.AddNodeAsync();
        Assert.Equal("node4@127.0.0.1", late.Name);
        await cluster.WaitForMeshAsync();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => cluster.WaitForGroupAsync("workers", 4, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("node4@127.0.0.1 sees [node1@127.0.0.1, node2@127.0.0.1, node3@127.0.0.1]", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jitter_adds_up_to_its_amount_on_top_of_the_latency_and_keeps_order()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster[0], cluster[1]);
        var counter = a.Ref<Counter>(b.Spawn<Counter>().Pid);
        await counter.Add(0);

        cluster.SetLatency(a, b, TimeSpan.FromMilliseconds(5), jitter: TimeSpan.FromMilliseconds(20));
        var clock = Stopwatch.StartNew();
        var sums = await Task.WhenAll(Enumerable.Range(1, 20).Select(async _ => await counter.Add(1)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(5), $"took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(Enumerable.Range(1, 20), sums.Order());   // each call ran once
    }

    [Fact]
    public async Task A_flapping_link_keeps_dropping_until_stopped_and_then_holds()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster[0], cluster[1]);
        var counter = a.Ref<Counter>(b.Spawn<Counter>().Pid);
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        await using (var flapping = cluster.Flap(a, b, TimeSpan.FromMilliseconds(20)))
        {
            // Connected again and again, the link keeps being dropped.
            await cluster.WaitUntilAsync(
                async () =>
                {
                    await a.ConnectAsync(b.Name);
                    return flapping.Drops >= 3;
                },
                "three drops");
        }

        await cluster.ConnectAllAsync();
        await cluster.WaitUntilAsync(() => Volatile.Read(ref downs) >= 3, "a saw b down each time");
        Assert.Equal(1, await counter.Add(1));   // the link holds again
    }
}
