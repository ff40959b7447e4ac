using System.Collections.Concurrent;
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
        await Converged([a], "pg", "room");

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
    public async Task A_scope_monitor_reports_joins_leaves_exits_and_nodedown_in_every_group_until_demonitored()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var chat = a.GroupScope("chat");
        var chatB = b.GroupScope("chat");
        var chatC = c.GroupScope("chat");
        var p = a.Spawn<Chatter>();
        await chat.JoinAsync("first", p);

        var watcher = a.Spawn<Watcher>();
        var monitor = await watcher.WatchScope("chat", 1);
        var q = b.Spawn<Chatter>();
        await chatB.JoinAsync("second", q);
        await b.Groups.JoinAsync("default-scope", q);     // another scope: not reported
        await Converged([a], "chat", "second", q);
        await chat.JoinAsync("third", p);
        Assert.True(await chatB.LeaveAsync("second", q));
        await Converged([a], "chat", "second");
        var r = c.Spawn<Chatter>();
        await chatC.JoinAsync("fourth", r);
        await Converged([a], "chat", "fourth", r);
        r.Quit();
        await Converged([a], "chat", "fourth");
        await chatB.JoinAsync("fifth", q);
        await Converged([a], "chat", "fifth", q);
        a.Disconnect(b.Name);
        await Converged([a], "chat", "fifth");

        Assert.True(await watcher.Unwatch("chat", monitor));
        Assert.False(await watcher.Unwatch("chat", monitor));
        await chat.JoinAsync("after", p);
        await watcher.Watch("chat", "marker");
        await chat.JoinAsync("marker", p);

        string[] expected =
        [
            $"chat/second:Joined:{q.Pid}",
            $"chat/third:Joined:{p.Pid}",
            $"chat/second:Left:{q.Pid}",
            $"chat/fourth:Joined:{r.Pid}",
            $"chat/fourth:Left:{r.Pid}",
            $"chat/fifth:Joined:{q.Pid}",
            $"chat/fifth:Left:{q.Pid}",
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

    [Fact]
    public async Task A_callback_subscription_reports_changes_until_it_is_disposed()
    {
        await using var cluster = await StartMeshAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var p = a.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        var seen = new ConcurrentQueue<GroupChanged>();
        var scopeSeen = new ConcurrentQueue<string>();

        using var scope = await a.Groups.SubscribeScopeAsync(c => scopeSeen.Enqueue($"{c.Group}:{c.Change}"));
        var subscription = await a.Groups.SubscribeAsync("room", seen.Enqueue);
        Assert.Equal([p.Pid], subscription.Groups["room"]);
        Assert.Equal([p.Pid], scope.Groups["room"]);

        var q = b.Spawn<Chatter>();
        await b.Groups.JoinAsync("room", q);
        await Eventually.True(() => seen.Count == 1, "the remote join reported", 5_000);
        var joined = Assert.Single(seen);
        Assert.Equal((subscription.Ref, "pg", "room", GroupChange.Joined), (joined.Ref, joined.Scope, joined.Group, joined.Change));
        Assert.Equal([q.Pid], joined.Pids);

        subscription.Dispose();
        subscription.Dispose();
        await b.Groups.LeaveAsync("room", q);
        await Converged([a], "pg", "room", p);
        await a.Groups.JoinAsync("marker", p);
        await Eventually.True(() => scopeSeen.Contains("marker:Joined"), "the scope subscription saw the marker", 5_000);
        Assert.Equal(["room:Joined", "room:Left", "marker:Joined"], scopeSeen);
        Assert.Single(seen);
    }
}
