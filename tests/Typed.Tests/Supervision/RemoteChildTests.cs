using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Supervision;

/// <summary>Children on other nodes: started there synchronously, restarted, stopped, failed over and taken over.</summary>
public class RemoteChildTests
{
    [Fact]
    public async Task A_child_on_another_node_has_run_its_init_there_when_StartChild_returns_and_restarts_there_when_it_crashes()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var tree = a.Spawn<Dispatcher>();

        var pid = await tree.StartChild(ChildSpec.Of<Member>("m").On(b.Name));

        Assert.Equal(b.Name, pid.Node);
        Assert.Contains($"start:{pid}", cluster.Journal().Entries);
        Assert.Equal(1, await a.Ref<Member>(pid).Ping());
        var before = await Trees.Pids(tree);

        a.Ref<Member>(pid).Crash();
        await Trees.Restarted(tree, before, "m");
        var now = await Trees.Pids(tree);
        Assert.Equal(b.Name, now["m"].Node);
        Assert.Equal(1, await a.Ref<Member>(now["m"]).Ping());
    }

    [Fact]
    public async Task A_remote_child_whose_init_fails_fails_its_start_with_the_reason()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var tree = a.Spawn<Dispatcher>();

        var failed = await Assert.ThrowsAsync<SupervisorException>(() => tree.StartChild(ChildSpec.Of<Broken>("broken").On(b.Name)).AsTask());

        Assert.Equal(SupervisorError.StartFailed, failed.Error);
        Assert.Contains("cannot start", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await tree.WhichChildren());
    }

    [Fact]
    public async Task A_remote_child_is_stopped_by_its_shutdown_rule_and_restarted_there()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var tree = a.Spawn<Dispatcher>();
        var pid = await tree.StartChild(ChildSpec.Of<Trapper>("t").On(b.Name));

        await tree.TerminateChild("t");

        // Its terminate hook ran, on b, with shutdown, before TerminateChild returned.
        Assert.Contains($"stop:{pid}:shutdown", cluster.Journal().Entries);
        Assert.Equal(ChildStatus.Terminated, (await tree.WhichChildren()).Single().Status);
        var again = await tree.RestartChild("t");
        Assert.Equal(b.Name, again.Node);
        Assert.NotEqual(pid, again);
    }

    [Fact]
    public async Task A_child_whose_node_is_cut_off_exits_with_noconnection_and_fails_over_then_moves_back_when_the_node_returns()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        var tree = a.Spawn<Dispatcher>();
        var first = await tree.StartChild(ChildSpec.Of<Member>("m").On(Placement.Preferred([b.Name, c.Name], takeover: true)));
        Assert.Equal(b.Name, first.Node);

        await cluster.PartitionAsync([a, c], [b]);

        await Eventually.True(async () => (await Trees.Pids(tree))["m"] is { IsEmpty: false } pid && pid.Node == c.Name, "the child fails over to c");
        Assert.Equal(1, await a.Ref<Member>((await Trees.Pids(tree))["m"]).Ping());

        // b returns: the child moves back to it (takeover), and the copy b kept while cut off has gone with its link.
        cluster.Heal();
        await cluster.ConnectAllAsync();
        await Eventually.True(async () => (await Trees.Pids(tree))["m"] is { IsEmpty: false } pid && pid.Node == b.Name, "the child moves back to b");
        await Eventually.True(() => b.FindLocal(first) is null, "the copy b kept while cut off has exited");
        Assert.Equal(1, await a.Ref<Member>((await Trees.Pids(tree))["m"]).Ping());
    }

    [Fact]
    public async Task Round_robin_spreads_children_over_the_live_nodes_and_least_loaded_fills_the_emptiest()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        var tree = a.Spawn<Dispatcher>();

        var spread = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            spread.Add((await tree.StartChild(ChildSpec.Of<Member>("rr" + i).On(Placement.LeastLoaded))).Node);
        }

        Assert.Equal(new[] { a.Name, b.Name, c.Name }.Order(StringComparer.Ordinal), spread.Order(StringComparer.Ordinal));

        // Round robin: each restart of one child goes to the next node after the one it ran on.
        var pid = await tree.StartChild(ChildSpec.Of<Member>("rr").On(Placement.RoundRobin(b.Name, c.Name)));
        var nodes = new List<string> { pid.Node };
        for (var i = 0; i < 2; i++)
        {
            var before = await Trees.Pids(tree);
            a.Ref<Member>(before["rr"]).Crash();
            await Trees.Restarted(tree, before, "rr");
            nodes.Add((await Trees.Pids(tree))["rr"].Node);
        }

        Assert.Equal([b.Name, c.Name, b.Name], nodes);

        // Over a process group: only the nodes where the group has members take the child.
        await b.Groups.JoinAsync("workers", b.Spawn<Member>().Pid);
        await c.Groups.JoinAsync("workers", c.Spawn<Member>().Pid);
        await Eventually.True(() => a.Groups.GetMembers("workers").Count == 2, "a sees the workers on b and c");
        var grouped = await tree.StartChild(ChildSpec.Of<Member>("g").On(Placement.RoundRobinOverGroup("workers")));
        Assert.Equal(b.Name, grouped.Node);
        var beforeGroup = await Trees.Pids(tree);
        a.Ref<Member>(grouped).Crash();
        await Trees.Restarted(tree, beforeGroup, "g");
        Assert.Equal(c.Name, (await Trees.Pids(tree))["g"].Node);
    }

    [Fact]
    public async Task Restarts_of_remote_children_count_toward_the_intensity_and_escalate()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var tree = a.Spawn<FragileDispatcher>();
        var exit = a.WaitForExitAsync(tree.Pid);
        var pid = await tree.StartChild(ChildSpec.Of<Member>("m").On(b.Name));

        a.Ref<Member>(pid).Crash();
        var before = new Dictionary<string, Pid> { ["m"] = pid };
        await Trees.Restarted(tree, before, "m");
        a.Ref<Member>((await Trees.Pids(tree))["m"]).Crash();

        Assert.Equal(ExitReasonKind.Shutdown, (await Eventually.Within(exit)).Kind);
    }

    [Fact]
    public async Task A_child_on_a_node_that_cannot_be_reached_fails_to_start()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var a = cluster.Nodes[0];
        var tree = a.Spawn<Dispatcher>();

        var failed = await Assert.ThrowsAsync<SupervisorException>(() => tree.StartChild(ChildSpec.Of<Member>("m").On("nowhere@127.0.0.1")).AsTask());

        Assert.Equal(SupervisorError.StartFailed, failed.Error);
        Assert.Throws<ArgumentException>(() => Placement.Preferred([]));
        Assert.Throws<ArgumentException>(() => ChildSpec.Of<Member>("m").On(""));
    }
}

/// <summary>A supervisor on another node, managed through its ref like a local one.</summary>
public class RemoteSupervisorTests
{
    [Fact]
    public async Task Every_supervisor_operation_works_on_a_supervisor_on_another_node()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var onB = a.Ref<Dispatcher>(b.Spawn<Dispatcher>().Pid);

        // A spec sent from a: a child of b's supervisor, placed on c.
        var pid = await onB.StartChild(ChildSpec.Of<Trapper>("t").On(c.Name));
        Assert.Equal(c.Name, pid.Node);
        await onB.StartChild(ChildSpec.Of<Member>("m", Restart.Transient, name: "remote-member"));
        var children = await onB.WhichChildren();
        Assert.Equal(["t", "m"], children.Select(x => x.Id));
        Assert.Equal(b.Name, children[1].Pid.Node);
        Assert.All(children, x => Assert.Equal(ChildStatus.Running, x.Status));
        Assert.Equal(typeof(Member).FullName, children[1].Behaviour);
        Assert.Equal(new ChildCounts(2, 2, 0, 2), await onB.CountChildren());

        var taken = await Assert.ThrowsAsync<SupervisorException>(() => onB.StartChild(ChildSpec.Of<Member>("m")).AsTask());
        Assert.Equal(SupervisorError.AlreadyPresent, taken.Error);

        await onB.TerminateChild("t");
        Assert.Contains($"stop:{pid}:shutdown", cluster.Journal().Entries);
        var again = await onB.RestartChild("t");
        Assert.Equal(c.Name, again.Node);
        await onB.TerminateChild("t");
        await onB.DeleteChild("t");
        var missing = await Assert.ThrowsAsync<SupervisorException>(() => onB.RestartChild("t").AsTask());
        Assert.Equal(SupervisorError.NotFound, missing.Error);
    }

    [Fact]
    public async Task Dynamic_children_start_with_their_arguments_on_a_supervisor_on_another_node()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var pool = a.Ref<JobPool>(b.Spawn<JobPool>().Pid);

        var job = await pool.StartChild(new Job.StartArgs("far"));

        Assert.Equal(b.Name, job.Pid.Node);
        Assert.Equal("far", await job.Name());
        Assert.Contains("job:far", cluster.Journal().Entries);
        await pool.TerminateChild(job.Pid);
        Assert.Empty(await pool.WhichChildren());
    }

    [Fact]
    public async Task A_spec_that_cannot_be_sent_fails_at_its_sender()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var onB = a.Ref<Dispatcher>(b.Spawn<Dispatcher>().Pid);

        // A custom placement is code on this node: it cannot travel, and nothing else is lost.
        var failed = await Assert.ThrowsAsync<MessageNotSentException>(() => onB.StartChild(ChildSpec.Of<Member>("x").On(Placement.Custom(_ => null))).AsTask());
        Assert.Contains("custom placement", failed.ToString(), StringComparison.Ordinal);
        Assert.Empty(await onB.WhichChildren());
    }
}
