using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

public class MonitorTests
{
    [Fact]
    public async Task A_group_monitor_gets_the_members_then_one_message_per_join_leave_exit_and_nodedown()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        var r = c.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", q);
        await c.Groups.JoinAsync("room", r);
        await Converged([a], "pg", "room", p, q, r);

        var watcher = a.Spawn<Watcher>();
        var members = await watcher.Watch("pg", "room");
        Assert.Equal(Sorted(p, q, r), Sorted([.. members]));

        var q2 = b.Spawn<Chatter>();
        await b.Groups.JoinAsync("room", q2, q2);        // remote join
        await b.Groups.JoinAsync("other", q2);           // another group: not reported
        Assert.True(await b.Groups.LeaveAsync("room", q)); // remote leave
        await Converged([a], "pg", "room", p, q2, q2, r);
        r.Quit();                                         // remote exit
        await Converged([a], "pg", "room", p, q2, q2);
        a.Disconnect(b.Name);                             // nodedown: b's members leave
        await Converged([a], "pg", "room", p);
        p.Quit();                                         // local exit

        // A last local join marks the end: anything reported twice would come before it.
        var last = a.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", last);
        string[] expected =
        [
            $"pg/room:Joined:{q2.Pid},{q2.Pid}",
            $"pg/room:Left:{q.Pid}",
            $"pg/room:Left:{r.Pid}",
            $"pg/room:Left:{q2.Pid},{q2.Pid}",
            $"pg/room:Left:{p.Pid}",
            $"pg/room:Joined:{last.Pid}",
        ];
        await Eventually.True(async () => (await watcher.Events()).Count >= expected.Length, "six changes reported", 5_000);
        Assert.Equal(expected, await watcher.Events());
    }

    [Fact]
    public async Task A_scope_monitor_reports_every_group_until_it_is_demonitored()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var chat = a.GroupScope("chat");
        b.GroupScope("chat");
        var p = a.Spawn<Chatter>();
        await chat.JoinAsync("first", p);

        var watcher = a.Spawn<Watcher>();
        var monitor = await watcher.WatchScope("chat", 1);
        var q = b.Spawn<Chatter>();
        await b.GroupScope("chat").JoinAsync("second", q);
        await b.Groups.JoinAsync("default-scope", q);   // another scope: not reported
        await Converged([a], "chat", "second", q);
        await chat.JoinAsync("third", p);

        Assert.True(await watcher.Unwatch("chat", monitor));
        Assert.False(await watcher.Unwatch("chat", monitor));
        await chat.JoinAsync("after", p);
        await watcher.Watch("chat", "marker");
        await chat.JoinAsync("marker", p);

        string[] expected =
        [
            $"chat/second:Joined:{q.Pid}",
            $"chat/third:Joined:{p.Pid}",
            $"chat/marker:Joined:{p.Pid}",
        ];
        await Eventually.True(async () => (await watcher.Events()).Count >= expected.Length, "the changes and the marker", 5_000);
        Assert.Equal(expected, await watcher.Events());
    }

    [Fact]
    public async Task A_subscription_ends_with_its_subscriber()
    {
        await using var cluster = await StartMeshAsync(2);
        var a = cluster.Nodes[0];
        var watcher = a.Spawn<Watcher>();
        Assert.Empty(await watcher.Watch("pg", "room"));
        var monitor = await a.Groups.MonitorAsync("room", watcher);
        Assert.Empty(monitor.Members);

        a.Exit(watcher, ExitReason.Kill);
        await a.WaitForExitAsync(watcher);

        // Its subscriptions went with it: ending one now finds nothing.
        await Eventually.True(async () => !await a.Groups.DemonitorAsync(monitor.Ref), "the subscription is gone", 5_000);
    }
}
