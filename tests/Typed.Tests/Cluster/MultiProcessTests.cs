using System.Diagnostics;
using Typed.TestNode.Shared;

namespace Typed.Tests.Cluster;

/// <summary>
/// Nodes in other OS processes (the kit's TestNodeProcess): typed calls and casts over real sockets, and
/// what a killed process looks like from here. One class, so its tests run one after another.
/// </summary>
public class MultiProcessTests
{
    static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Typed_calls_casts_and_spawns_reach_a_node_in_another_os_process()
    {
        await using var cluster = await MultiProcessCluster.StartAsync(s_tick);
        var child = await cluster.StartChildAsync("echo");
        var node = cluster.Node;
        Assert.Contains(child.Name, node.Nodes);

        var echo = node.At<EchoWorker>("echo", child.Name);
        Assert.Equal($"hi from {child.Name}", await echo.Ping("hi"));
        var pid = await echo.Whoami();
        Assert.Equal(child.Name, pid.Node);

        // Casts travel in order on the one connection, ahead of the call that follows them.
        for (var i = 0; i < 50; i++)
        {
            echo.Note($"n{i}");
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"n{i}"), await node.Ref<EchoWorker>(pid).Notes());

        // A process spawned there by behaviour id; a cast crashes it and a monitor from here sees why.
        var spawned = await node.SpawnOn<EchoWorker>(child.Name);
        Assert.Equal(child.Name, spawned.Pid.Node);
        Assert.Equal($"again from {child.Name}", await spawned.Ping("again"));
        var observer = node.Spawn<Observer>();
        await observer.Watch(spawned.Pid);
        spawned.Crash("remote crash");

        await Eventually.True(async () => (await observer.Events()).Count == 1, "the monitor reports the crash", 5_000);
        Assert.Equal([$"down:{spawned.Pid}:Exception"], await observer.Events());
        await Assert.ThrowsAsync<ProcessExitedException>(() => spawned.Ping("gone").AsTask());
    }

    [Fact]
    public async Task Killing_the_process_brings_its_node_down_within_two_ticks_and_fires_remote_monitors_with_noconnection()
    {
        await using var cluster = await MultiProcessCluster.StartAsync(s_tick);
        var child = await cluster.StartChildAsync("doomed");
        var node = cluster.Node;
        var nodeDown = new TaskCompletionSource<NodeDown>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = node.MonitorNodes(null, down =>
        {
            if (down.Node == child.Name)
            {
                nodeDown.TrySetResult(down);
            }
        });

        var echo = node.At<EchoWorker>("echo", child.Name);
        var pid = await echo.Whoami();
        var observer = node.Spawn<Observer>();
        await observer.Watch(pid);
        await observer.WatchNodes();

        var clock = Stopwatch.StartNew();
        child.Kill();

        var down = await nodeDown.Task.WaitAsync(2 * s_tick + TimeSpan.FromSeconds(1));
        var seenAfter = clock.Elapsed;
        Assert.Equal(child.Name, down.Node);
        Assert.True(seenAfter < 2 * s_tick, $"NodeDown after {seenAfter.TotalMilliseconds:F0} ms ({down.Reason})");

        await Eventually.True(async () => (await observer.Events()).Count == 2, "the monitor and the node monitor fire", 2_000);
        Assert.Equal([$"down:{pid}:NoConnection", $"nodedown:{child.Name}"], (await observer.Events()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(child.Name, node.Nodes);
        await Assert.ThrowsAsync<NodeDownException>(() => echo.Ping("anyone?").AsTask());
    }

    [Fact]
    public async Task A_frozen_process_is_found_out_by_missing_ticks_within_two_tick_intervals()
    {
        if (OperatingSystem.IsWindows())
        {
            return;     // no SIGSTOP
        }

        await using var cluster = await MultiProcessCluster.StartAsync(s_tick);
        var child = await cluster.StartChildAsync("frozen");
        var node = cluster.Node;
        var nodeDown = new TaskCompletionSource<NodeDown>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = node.MonitorNodes(null, down =>
        {
            if (down.Node == child.Name)
            {
                nodeDown.TrySetResult(down);
            }
        });
        var pid = await node.At<EchoWorker>("echo", child.Name).Whoami();
        var observer = node.Spawn<Observer>();
        await observer.Watch(pid);

        var clock = Stopwatch.StartNew();
        await child.FreezeAsync();

        // The connection stays open: only the tick timeout can bring the node down.
        var down = await nodeDown.Task.WaitAsync(2 * s_tick + TimeSpan.FromSeconds(1));
        var seenAfter = clock.Elapsed;
        Assert.StartsWith("net_tick_timeout", down.Reason, StringComparison.Ordinal);
        Assert.True(seenAfter < 2 * s_tick + TimeSpan.FromMilliseconds(500), $"NodeDown after {seenAfter.TotalMilliseconds:F0} ms");
        await Eventually.True(async () => (await observer.Events()).Count == 1, "the monitor fires", 2_000);
        Assert.Equal([$"down:{pid}:NoConnection"], await observer.Events());
    }
}
