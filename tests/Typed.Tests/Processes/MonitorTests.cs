using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class MonitorTests
{
    [Fact]
    public async Task A_monitor_delivers_one_down_with_the_exit_reason()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var watcher = node.Spawn<Worker>();
        var target = node.Spawn<Linker>();
        await watcher.Watch(target.Pid);

        target.Die("done");

        await Eventually.True(async () => (await watcher.Seen()).Contains($"down:{target.Pid.Id}:done"), "Down");
        Assert.Single(await watcher.Seen());
    }

    [Fact]
    public async Task Monitoring_a_dead_process_delivers_noproc_at_once()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var watcher = node.Spawn<Worker>();
        var gone = node.Spawn<Idle>();
        gone.Stop();
        await node.WaitForExitAsync(gone.Pid);

        await watcher.Watch(gone.Pid);

        await Eventually.True(async () => (await watcher.Seen()).Contains($"down:{gone.Pid.Id}:noproc"), "noproc Down");
    }

    [Fact]
    public async Task Demonitor_means_no_down()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var watcher = node.Spawn<Worker>();
        var target = node.Spawn<Linker>();
        var monitor = await watcher.Watch(target.Pid);

        Assert.True(await watcher.Unwatch(monitor));
        var exit = node.WaitForExitAsync(target.Pid);
        target.Die("done");
        await Eventually.Within(exit);

        // A call is handled after any Down already queued (system messages go first), so none came.
        Assert.Empty(await watcher.Seen());
        Assert.False(await watcher.Unwatch(monitor));
    }

    [Fact]
    public async Task Spawn_with_monitor_delivers_down_to_the_spawner()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var parent = node.Spawn<Linker>();
        var child = await parent.SpawnMonitored();

        child.Fail("oops");

        await Eventually.True(
            async () => (await parent.Events()).Any(e => e.StartsWith($"down:{child.Pid.Id}:System.InvalidOperationException: oops", StringComparison.Ordinal)),
            "Down from spawn monitor");
        Assert.Equal(1, await parent.Ping());
    }

    [Fact]
    public async Task System_messages_are_served_before_queued_user_messages()
    {
        var (node, _, gate) = await TestNodes.StartAsync();
        await using var _ = node;
        var watcher = node.Spawn<Worker>();
        var target = node.Spawn<Idle>();
        await watcher.Watch(target.Pid);

        watcher.Block();
        for (var i = 0; i < 10; i++)
        {
            watcher.Note($"n{i}");
        }

        var exit = node.WaitForExitAsync(target.Pid);
        target.Stop();
        await Eventually.Within(exit);
        gate.Open();

        var seen = await watcher.Seen();
        Assert.Equal(11, seen.Count);
        Assert.Equal($"down:{target.Pid.Id}:normal", seen[0]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"n{i}"), seen.Skip(1));
    }
}
