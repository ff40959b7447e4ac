using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

public class MembershipTests
{
    [Fact]
    public async Task Memberships_converge_on_every_node()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        var r = c.Spawn<Chatter>();

        await a.Groups.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", q);
        await c.Groups.JoinAsync("room", r);
        await c.Groups.JoinAsync("lobby", r);

        await Converged(cluster.Nodes, "pg", "room", p, q, r);
        await Converged(cluster.Nodes, "pg", "lobby", r);
        Assert.Equal([p.Pid], a.Groups.GetLocalMembers("room"));
        Assert.Equal([q.Pid], b.Groups.GetLocalMembers("room"));
        Assert.Equal(["lobby", "room"], a.Groups.WhichGroups());
        Assert.Equal(["room"], a.Groups.WhichLocalGroups());
        Assert.Equal(["lobby", "room"], c.Groups.WhichLocalGroups());
        Assert.Empty(a.Groups.GetMembers("nobody"));
        Assert.Empty(a.Groups.GetLocalMembers("lobby"));
    }

    [Fact]
    public async Task A_process_joined_twice_is_a_member_twice_and_must_leave_twice()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var p = a.Spawn<Chatter>();

        await a.Groups.JoinAsync("room", p);
        await a.Groups.JoinAsync("room", p);
        await Converged(cluster.Nodes, "pg", "room", p, p);
        Assert.Equal([p.Pid, p.Pid], a.Groups.GetLocalMembers("room"));

        Assert.True(await a.Groups.LeaveAsync("room", p));
        await Converged(cluster.Nodes, "pg", "room", p);

        Assert.True(await a.Groups.LeaveAsync("room", p));
        await Converged(cluster.Nodes, "pg", "room");
        Assert.DoesNotContain("room", b.Groups.WhichGroups());

        Assert.False(await a.Groups.LeaveAsync("room", p));
        Assert.False(await a.Groups.LeaveAsync("never-joined", p));
    }

    [Fact]
    public async Task Join_and_leave_take_several_pids_at_once_and_leave_reports_whether_any_left()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var p1 = a.Spawn<Chatter>();
        var p2 = a.Spawn<Chatter>();
        var stranger = a.Spawn<Chatter>();

        await a.Groups.JoinAsync("room", p1, p2);
        await Converged(cluster.Nodes, "pg", "room", p1, p2);

        Assert.True(await a.Groups.LeaveAsync("room", p1, stranger));
        await Converged(cluster.Nodes, "pg", "room", p2);
        Assert.False(await a.Groups.LeaveAsync("room", p1, stranger));
        Assert.Equal([p2.Pid], b.Groups.GetMembers("room"));
    }

    [Fact]
    public async Task A_member_that_exits_leaves_all_its_groups_on_every_node()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p, p);
        await a.Groups.JoinAsync("lobby", p);
        await b.Groups.JoinAsync("room", q);
        await Converged(cluster.Nodes, "pg", "room", p, p, q);
        await Converged(cluster.Nodes, "pg", "lobby", p);

        p.Quit();

        await Converged(cluster.Nodes, "pg", "room", q);
        await Converged(cluster.Nodes, "pg", "lobby");
        Assert.Equal(["room"], cluster.Nodes[2].Groups.WhichGroups());
        Assert.Empty(a.Groups.WhichLocalGroups());
    }

    [Fact]
    public async Task Groups_work_on_a_node_without_distribution_and_start_with_it()
    {
        await using var node = await Node.StartAsync(new NodeOptions { Name = "pglocal@127.0.0.1" });
        Assert.Contains(ProcessGroups.DefaultScope, node.Registered);

        var groups = node.Groups;
        var p = node.Spawn<Chatter>();
        await groups.JoinAsync("room", p);

        Assert.Equal([p.Pid], groups.GetMembers("room"));
        Assert.Equal([p.Pid], groups.GetLocalMembers("room"));
        Assert.Equal(1, groups.Broadcast<Chatter>("room", r => r.Say("hi")));
        Assert.Equal(["hi"], await p.Heard());

        p.Quit();
        await Eventually.True(() => groups.GetMembers("room").Count == 0, "the exited member is gone", 5_000);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_argument_error_and_the_scope_goes_on()
    {
        await using var cluster = await StartMeshAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var remote = b.Spawn<Chatter>();
        var local = a.Spawn<Chatter>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => a.Groups.JoinAsync("room", local, remote).AsTask());
        Assert.Contains($"{remote.Pid} is not a process of {a.Name}", error.Message);
        Assert.Equal("pids", error.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => a.Groups.LeaveAsync("room", remote).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => a.Groups.JoinAsync("room", default(Pid)).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => a.Groups.JoinAsync("", local).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => a.Groups.MonitorAsync("room", remote).AsTask());
        Assert.Throws<ArgumentException>(() => a.GroupScope(""));
        Assert.Empty(a.Groups.GetMembers("room"));

        await a.Groups.JoinAsync("room", local);
        await Converged(cluster.Nodes, "pg", "room", local);
    }

    [Fact]
    public async Task A_scope_name_held_by_another_process_is_refused()
    {
        await using var cluster = await StartMeshAsync(2);
        var a = cluster.Nodes[0];
        a.Spawn<Chatter>(new SpawnOptions { Name = "taken" });

        var error = Assert.Throws<InvalidOperationException>(() => a.GroupScope("taken"));
        Assert.Contains("not to a process-group scope", error.Message);
    }
}
