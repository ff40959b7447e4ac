using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

public class BroadcastTests
{
    [Fact]
    public async Task A_typed_broadcast_reaches_each_member_on_every_node_once()
    {
        await using var cluster = await StartMeshAsync();
        var chatters = cluster.Nodes.Select(n => n.Spawn<Chatter>()).ToList();
        foreach (var (node, chatter) in cluster.Nodes.Zip(chatters))
        {
            await node.Groups.JoinAsync("room", chatter);
        }

        // Joined twice: still one message.
        await cluster.Nodes[1].Groups.JoinAsync("room", chatters[1]);
        var a = cluster.Nodes[0];
        await Converged(cluster.Nodes, "pg", "room", chatters[0], chatters[1], chatters[1], chatters[2]);

        Assert.Equal(3, a.Groups.Broadcast<Chatter>("room", r => r.Say("hi")));
        Assert.Equal(0, a.Groups.Broadcast<Chatter>("empty", r => r.Say("nobody")));

        foreach (var member in a.Groups.Members<Chatter>("room").Distinct())
        {
            // The typed refs call through the generated proxy, on whichever node the member runs.
            await Eventually.True(async () => (await member.Heard()).Contains("hi"), $"{member} heard the broadcast", 5_000);
            Assert.Equal(["hi"], await member.Heard());
        }

        Assert.Equal([chatters[0]], a.Groups.LocalMembers<Chatter>("room"));
    }
}
