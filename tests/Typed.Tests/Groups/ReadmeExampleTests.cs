using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Groups;

/// <summary>The README's "Process groups" usage, run as written on two nodes (the waits are the test's).</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_process_groups_example_runs_as_described()
    {
        await using var cluster = await StartMeshAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        var alice = a.Spawn<Chat>();
        await a.Groups.JoinAsync("lobby", alice);                       // pg:join: a process joins on its own node
        var bob = b.Spawn<Chat>();
        await b.Groups.JoinAsync("lobby", bob);
        await Converged(cluster.Nodes, "pg", "lobby", alice, bob);

        IReadOnlyList<Pid> members = a.Groups.GetMembers("lobby");      // every node's members, read without a message
        int reached = a.Groups.Broadcast<Chat>("lobby", chat => chat.Say("hello"));  // a generated cast to each member

        GroupMonitor watch = await a.Groups.MonitorAsync("lobby", alice);   // the members now, GroupChanged from now on
        await b.Groups.LeaveAsync("lobby", bob);                            // alice's Changed handler: "lobby: Left <bob>"

        ProcessGroups ops = a.GroupScope("ops");                        // a named scope, shared with nodes that run it
        await ops.JoinAsync("on-call", alice);

        Assert.Equal(2, members.Count);
        Assert.Equal(2, reached);
        Assert.Equal(2, watch.Members.Count);
        Assert.Equal(["on-call"], ops.WhichGroups());
        await Eventually.True(async () => (await alice.Lines()).Count == 2, "alice heard hello and saw bob leave", 5_000);
        Assert.Equal(["hello", $"lobby: Left {bob.Pid}"], await alice.Lines());

        // The cast from a reaches bob over the connection; this call is made on b, so it may come first.
        await Eventually.True(async () => (await bob.Lines()).Count == 1, "bob heard hello", 5_000);
        Assert.Equal(["hello"], await bob.Lines());
    }
}
