using Typed.Groups;
using Typed.Registry.Global;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>Links to a process and unlinks it in one handler.</summary>
[Process]
public partial class Flicker
{
    [Call]
    public void LinkAndUnlink(Pid pid)
    {
        Context.Link(pid);
        Context.Unlink(pid);
    }
}

/// <summary>
/// The cluster services (global, pg) talk to their peers without dialling, Erlang's <c>[noconnect]</c>
/// (OTP's pg sends so): a message of theirs handled after a node went down does not connect it again,
/// which would undo a disconnect (the user's, or the overlapping-partition rule's). Simulated, so "it
/// did not dial" is a fact of the whole schedule, not of a wait.
/// </summary>
public class NoConnectTests
{
    [Fact]
    public async Task Messages_the_cluster_services_handle_after_a_disconnect_do_not_dial_the_node_again()
    {
        await Simulation.RunAsync(1, async simulation =>
        {
            await using var cluster = await TestCluster.StartAsync(2);
            var (a, b) = (cluster[0], cluster[1]);
            var (pg, global) = (a.WhereIs("pg")!.Value, a.WhereIs(GlobalServer.RegisteredName)!.Value);
            var peerPg = b.WhereIs("pg")!.Value;

            Assert.True(a.Disconnect(b.Name));
            await cluster.WaitUntilAsync(() => !a.Nodes.Contains(b.Name) && !b.Nodes.Contains(a.Name), "a and b apart");

            // What the services see when b's messages, or a NodeUp for it, wait in their mailboxes past the disconnect.
            a.Send(pg, new NodeUp(b.Name));
            a.Ref<ScopeServer>(pg).Discover(peerPg);
            a.Ref<ScopeServer>(pg).Sync(peerPg, []);
            a.Send(global, new NodeUp(b.Name));
            a.Ref<GlobalServer>(global).Push(b.Name);

            // Everything those messages lead to has run by then, dials and handshakes included.
            await Task.Delay(TimeSpan.FromSeconds(5), simulation.Time);
            Assert.DoesNotContain(b.Name, a.Nodes);
            Assert.DoesNotContain(a.Name, b.Nodes);

            // Anyone else's send still connects (auto-connect), as in Erlang.
            a.Send(peerPg, new NodeUp(a.Name));
            await cluster.WaitUntilAsync(() => a.Nodes.Contains(b.Name), "a user's send connects a and b");
        });
    }

    /// <summary>
    /// An unlink never starts a connection, but one sent while a connection is under way (the link it
    /// undoes waits for it too) follows the link: the remote process must not keep a link that would
    /// kill it when that connection drops.
    /// </summary>
    [Fact]
    public async Task An_unlink_sent_while_the_connection_is_being_made_follows_the_link()
    {
        await Simulation.RunAsync(1, async simulation =>
        {
            await using var cluster = await TestCluster.StartAsync(2);
            var (a, b) = (cluster[0], cluster[1]);
            var target = b.Spawn<Linker>();
            Assert.True(a.Disconnect(b.Name));
            await cluster.WaitUntilAsync(() => !a.Nodes.Contains(b.Name) && !b.Nodes.Contains(a.Name), "a and b apart");

            // The link dials b; the unlink, sent before that connection is up, waits behind it.
            await a.Spawn<Flicker>().LinkAndUnlink(target.Pid);
            await cluster.WaitUntilAsync(() => a.Nodes.Contains(b.Name), "a connected to b again");

            // The connection drops: a link left on b would kill the target with noconnection.
            Assert.True(a.Disconnect(b.Name));
            await cluster.WaitUntilAsync(() => !b.Nodes.Contains(a.Name), "b sees a down");
            await Task.Delay(TimeSpan.FromSeconds(1), simulation.Time);
            Assert.Equal(1, await target.Ping());
        });
    }
}
