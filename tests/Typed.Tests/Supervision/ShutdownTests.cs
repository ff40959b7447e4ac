using Microsoft.Extensions.DependencyInjection;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_node_stops_a_tree_in_reverse_start_order()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        var tree = node.Spawn<OrderedTree>();
        var before = await Trees.Pids(tree);

        await node.StopAsync();

        var stops = journal.Entries.Where(e => e.StartsWith("stop:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"stop:{before["third"]}:shutdown", $"stop:{before["second"]}:shutdown", $"stop:{before["first"]}:shutdown"],
            stops);
    }

    [Fact]
    public async Task A_child_that_does_not_stop_in_time_is_killed()
    {
        var (node, journal, gate) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<ShutdownTree>();
        var stubborn = (await Trees.Pids(tree))["stubborn"];
        var exit = node.WaitForExitAsync(stubborn);

        await tree.TerminateChild("stubborn");

        Assert.Equal(ExitReason.Killed, await Eventually.Within(exit));
        Assert.Contains("stubborn-stopping:shutdown", journal.Entries);
        Assert.DoesNotContain("stubborn-stopped", journal.Entries);
        var child = (await tree.WhichChildren()).Single(c => c.Id == "stubborn");
        Assert.Equal(ChildStatus.Terminated, child.Status);
        gate.Open();
    }

    [Fact]
    public async Task Brutal_kill_gives_the_child_no_terminate_hook()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<ShutdownTree>();
        var brutal = (await Trees.Pids(tree))["brutal"];
        var exit = node.WaitForExitAsync(brutal);

        await tree.TerminateChild("brutal");

        Assert.Equal(ExitReason.Killed, await Eventually.Within(exit));
        Assert.DoesNotContain(journal.Entries, e => e.StartsWith($"stop:{brutal}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Terminate_restart_and_delete_child_follow_otp()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();
        var before = await Trees.Pids(tree);

        var running = await Assert.ThrowsAsync<SupervisorException>(() => tree.DeleteChild("b").AsTask());
        Assert.Equal(SupervisorError.Running, running.Error);
        var restartRunning = await Assert.ThrowsAsync<SupervisorException>(() => tree.RestartChild("b").AsTask());
        Assert.Equal(SupervisorError.Running, restartRunning.Error);

        await tree.TerminateChild("b");
        Assert.Equal(new ChildCounts(3, 2, 0, 3), await tree.CountChildren());
        var notRunning = await Assert.ThrowsAsync<SupervisorException>(() => tree.B().AsTask());
        Assert.Equal(SupervisorError.NotRunning, notRunning.Error);

        var pid = await tree.RestartChild("b");
        Assert.NotEqual(before["b"], pid);
        Assert.Equal(pid, (await tree.B()).Pid);

        await tree.TerminateChild("b");
        await tree.DeleteChild("b");
        Assert.Equal(["a", "c"], (await tree.WhichChildren()).Select(c => c.Id));

        var missing = await Assert.ThrowsAsync<SupervisorException>(() => tree.TerminateChild("b").AsTask());
        Assert.Equal(SupervisorError.NotFound, missing.Error);
    }

    [Fact]
    public async Task A_child_added_at_run_time_starts_last_and_its_id_must_be_new()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();

        var pid = await tree.StartChild(ChildSpec.Of<Member>("d", Restart.Transient));

        Assert.Equal(["a", "b", "c", "d"], (await tree.WhichChildren()).Select(c => c.Id));
        Assert.Equal(1, await node.Ref<Member>(pid).Ping());
        var taken = await Assert.ThrowsAsync<SupervisorException>(() => tree.StartChild(ChildSpec.Of<Member>("a")).AsTask());
        Assert.Equal(SupervisorError.AlreadyPresent, taken.Error);
        var broken = await Assert.ThrowsAsync<SupervisorException>(() => tree.StartChild(ChildSpec.Of<Broken>("e")).AsTask());
        Assert.Equal(SupervisorError.StartFailed, broken.Error);
        Assert.Equal("cannot start", broken.Reason!.Message);
        Assert.Equal(4, (await tree.CountChildren()).Specs);
    }

    [Fact]
    public async Task A_child_that_cannot_start_fails_the_supervisor_start_and_stops_the_others()
    {
        var journal = new Journal();
        var services = new ServiceCollection()
            .AddSingleton(journal)
            .BuildServiceProvider();
        var options = new NodeOptions { Name = "failing@127.0.0.1", Services = services }.Supervise<FailingTree>("root");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Node.StartAsync(options));

        Assert.Contains("{shutdown,{failed_to_start_child,broken,", failure.Message);
        Assert.Contains("cannot start", failure.Message);
        Assert.Single(journal.Entries, e => e.StartsWith("start:", StringComparison.Ordinal));
    }
}
