using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class SpawnTests
{
    [Fact]
    public async Task A_hundred_thousand_processes_spawn_and_stop_and_the_live_count_returns_to_zero()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount; // the kernel supervisor and its services
        const int count = 100_000;
        var refs = new ProcessRef<Idle>[count];
        for (var i = 0; i < count; i++)
        {
            refs[i] = node.Spawn<Idle>();
        }

        Assert.Equal(system + count, node.ProcessCount);
        Assert.Equal(count, refs.Select(r => r.Pid).Distinct().Count());

        for (var i = 0; i < count; i++)
        {
            refs[i].Stop();
        }

        await Eventually.True(() => node.ProcessCount == system, "every process stopped", 60_000);
        Assert.Equal(system, node.Processes.Count);
    }

    [Fact]
    public async Task Init_runs_before_any_message_with_its_start_arguments()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("first"));

        Assert.Equal("first", await store.Label());
        Assert.Equal("first:init", journal.Entries[0]);
    }

    [Fact]
    public async Task Spawning_without_required_start_arguments_fails_at_the_call_site()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        Assert.Throws<ArgumentException>(() => node.Spawn<Store>());
        Assert.Equal(system, node.ProcessCount);
    }

    [Fact]
    public async Task Link_and_monitor_need_a_spawning_process()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        Assert.Throws<InvalidOperationException>(() => node.Spawn<Idle>(new SpawnOptions { Link = true }));
        Assert.Equal(system, node.ProcessCount);
    }

    [Fact]
    public async Task Stop_runs_the_terminate_hook_and_exits_with_the_reason()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("s"));
        var exit = node.WaitForExitAsync(store.Pid);

        await store.StopWith("done");

        Assert.Equal(ExitReason.Custom("done"), await Eventually.Within(exit));
        Assert.Contains("s:terminate:done", journal.Entries);
    }

    [Fact]
    public async Task Pids_print_like_erlang_and_name_their_node()
    {
        var (node, _, _) = await TestNodes.StartAsync(o => o.Creation = 1);
        await using var _ = node;
        var idle = node.Spawn<Idle>();

        Assert.Equal(node.Name, idle.Pid.Node);
        Assert.Equal($"<{node.Name}.{idle.Pid.Id}.1>", idle.Pid.ToString());
    }

    [Fact]
    public async Task Stopping_the_node_stops_every_process()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        for (var i = 0; i < 100; i++)
        {
            node.Spawn<Worker>();
        }

        var trapping = node.Spawn<Linker>();
        await trapping.Trap(true);

        await node.StopAsync();

        Assert.Equal(0, node.ProcessCount);
        Assert.Throws<ObjectDisposedException>(() => node.Spawn<Idle>());
    }

    [Fact]
    public async Task Bad_node_names_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Node.StartAsync(new NodeOptions { Name = "no-at-sign" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Node.StartAsync(new NodeOptions { Name = "a@" }));
    }
}
