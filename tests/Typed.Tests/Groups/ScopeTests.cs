using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

public class ScopeTests
{
    [Fact]
    public async Task A_named_scope_is_shared_only_by_the_nodes_that_run_it_and_apart_from_the_default_scope()
    {
        await using var cluster = await StartMeshAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var chatA = a.GroupScope("chat");
        var chatB = b.GroupScope("chat");
        Assert.Equal("chat", chatA.Scope);
        Assert.Equal(ProcessGroups.DefaultScope, a.Groups.Scope);
        Assert.Same(chatA, a.GroupScope("chat"));

        var p = a.Spawn<Chatter>();
        var q = b.Spawn<Chatter>();
        await chatA.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", q);

        await Converged([a, b], "chat", "room", p);
        await Converged(cluster.Nodes, "pg", "room", q);
        Assert.Equal([p.Pid], chatB.GetMembers("room"));
        Assert.DoesNotContain("chat", c.Registered);

        // c starts the scope later (under its kernel supervisor): its discovery syncs it with the others.
        var chatC = c.GroupScope("chat");
        await Eventually.True(() => c.Registered.Contains("chat"), "c runs the chat scope");
        await Converged(cluster.Nodes, "chat", "room", p);
        Assert.Equal([p.Pid], chatC.GetMembers("room"));
        Assert.Equal([q.Pid], c.Groups.GetMembers("room"));
    }
}
