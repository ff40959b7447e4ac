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
}
