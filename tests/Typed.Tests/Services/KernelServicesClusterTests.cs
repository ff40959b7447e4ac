using Typed.Groups;
using Typed.Registry.Global;
using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;
using Typed.Tests.Groups;
using static Typed.Tests.Groups.GroupsTestKit;

namespace Typed.Tests.Services;

/// <summary>Restarted services on a cluster: a new server resyncs with its peers and the cluster converges again.</summary>
public class KernelServicesClusterTests
{
    [Fact]
    public async Task A_restarted_scope_server_resyncs_with_its_peer_and_memberships_converge()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        await cluster.ConnectAllAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var p = a.Spawn<Chatter>();
        var r = b.Spawn<Chatter>();
        await a.Groups.JoinAsync("room", p);
        await b.Groups.JoinAsync("room", r);
        await Converged(cluster.Nodes, ProcessGroups.DefaultScope, "room", p, r);

        await KernelSupervisorTests.KillAndAwaitRestartAsync(b, ProcessGroups.DefaultScope);

        // b's memberships went with its old server, on both nodes; b's new server learns a's again.
        await Converged(cluster.Nodes, ProcessGroups.DefaultScope, "room", p);
        var q = b.Spawn<Chatter>();
        await b.Groups.JoinAsync("room", q);
        await Converged(cluster.Nodes, ProcessGroups.DefaultScope, "room", p, q);
        Assert.Equal(2, a.Groups.Broadcast<Chatter>("room", c => c.Say("again")));
        await Eventually.True(async () => (await q.Heard()).Contains("again"), "b's new member reached from a");
    }

    [Fact]
    public async Task A_restarted_global_name_server_resyncs_and_names_converge()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        await cluster.ConnectAllAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var first = a.Spawn<Idle>();
        Assert.True(await a.Global.RegisterAsync("first", first.Pid));
        Assert.Equal(first.Pid, b.Global.WhereIs("first"));

        // A registration racing the restart of b's server: b's copy skips it if b's server is down,
        // and its new server gets it by resyncing with a; either way both nodes end up with it.
        var second = a.Spawn<Idle>();
        var killed = KernelSupervisorTests.KillAndAwaitRestartAsync(b, GlobalServer.RegisteredName);
        Assert.True(await a.Global.RegisterAsync("second", second.Pid));
        await killed;

        await Eventually.True(() => b.Global.WhereIs("second") == second.Pid, "b learned the name registered during its restart");
        Assert.Equal(first.Pid, b.Global.WhereIs("first"));

        // Registrations from the restarted side reach the other node, and names still clash across nodes.
        var third = b.Spawn<Idle>();
        Assert.True(await b.Global.RegisterAsync("third", third.Pid));
        Assert.Equal(third.Pid, a.Global.WhereIs("third"));
        Assert.False(await a.Global.RegisterAsync("third", first.Pid));
        await a.Global.SyncAsync();
        Assert.Equal(["first", "second", "third"], a.Global.RegisteredNames);
        Assert.Equal(["first", "second", "third"], b.Global.RegisteredNames);
    }
}
