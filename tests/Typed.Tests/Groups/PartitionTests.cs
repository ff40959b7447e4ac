using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

public class PartitionTests
{
    [Fact]
    public async Task Members_of_a_stopped_node_are_dropped_everywhere()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var p = a.Spawn<Chatter>();
        var r = c.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        await c.Groups.JoinAsync("room", r);
        await Converged(cluster.Nodes, "pg", "room", p, r);

        await c.StopAsync();

        await Converged([a, b], "pg", "room", p);
    }

    [Fact]
    public async Task A_disconnect_drops_the_peer_members_on_both_sides_and_a_reconnect_syncs_them_again()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", q, q);
        await Converged(cluster.Nodes, "pg", "room", p, q, q);

        Assert.True(a.Disconnect(b.Name));

        await Converged([a], "pg", "room", p);
        await Converged([b], "pg", "room", q, q);
        Assert.Equal(Sorted(p, q, q), c.Groups.Members("room"));

        // While apart, b's membership changes; the sync after the reconnect carries the state as it is then.
        Assert.True(await b.Groups.LeaveAsync("room", q));
        var q2 = b.Spawn<Chatter>();
        await b.Groups.JoinAsync("lobby", q2);
        await Converged([b], "pg", "room", q);
        await Converged([c], "pg", "room", p, q);

        Assert.True(await a.ConnectAsync(b.Name));

        await Converged(cluster.Nodes, "pg", "room", p, q);
        await Converged(cluster.Nodes, "pg", "lobby", q2);
    }

    [Fact]
    public async Task A_scope_server_that_dies_takes_its_node_members_out_and_its_restarted_successor_rejoins_the_scope()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", q);
        await Converged(cluster.Nodes, "pg", "room", p, q);

        var groupsOfB = b.Groups;
        var server = b.WhereIs(ProcessGroups.DefaultScope)!.Value;
        b.Exit(server, ExitReason.Kill);
        await b.WaitForExitAsync(server);

        // Its peers see it go (Down, killed) and drop b's members. The kernel supervisor starts a new
        // server, empty (as pg's): it discovers the others and syncs, so b sees their members again.
        await Converged(cluster.Nodes, "pg", "room", p);
        Assert.NotEqual(server, b.WhereIs(ProcessGroups.DefaultScope));

        // b's processes join again.
        await groupsOfB.JoinAsync("room", q);
        await Converged(cluster.Nodes, "pg", "room", p, q);
    }

    [Fact]
    public async Task Concurrent_joins_leaves_and_exits_on_three_nodes_converge()
    {
        await using var cluster = await StartMeshAsync();
        var work = cluster.Nodes.Select((node, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            var chatters = Enumerable.Range(0, 20).Select(_ => node.Spawn<Chatter>()).ToList();
            for (var i = 0; i < 60; i++)
            {
                var chatter = chatters[random.Next(chatters.Count)];
                var group = "g" + random.Next(4);
                switch (random.Next(5))
                {
                    case 0:
                        await node.Groups.LeaveAsync(group, chatter);
                        break;
                    case 1:
                        chatter.Quit();
                        break;
                    default:
                        await node.Groups.JoinAsync(group, chatter);
                        break;
                }
            }
        })).ToList();
        await Task.WhenAll(work);

        // Each node is the authority on its own members: every node must come to see all of them.
        await Eventually.True(
            () => Enumerable.Range(0, 4).Select(i => "g" + i).All(group =>
            {
                var expected = Sorted([.. cluster.Nodes.SelectMany(n => n.Groups.GetLocalMembers(group))]);
                return cluster.Nodes.All(n => n.Groups.Members(group) == expected);
            }),
            "every node sees every node's local members",
            5_000);
    }
}
