using Typed.Groups;
using Typed.Introspection;
using Typed.Registry.Global;
using Typed.Rpc;
using Typed.Services;
using Typed.Tests.Behaviours;
using Typed.Tests.Groups;
using Typed.Tests.Rpc;

namespace Typed.Tests.Services;

/// <summary>The kernel supervisor on one node: the services start with it, restart under their names, and stop last.</summary>
public class KernelSupervisorTests
{
    static readonly string[] Services = [GlobalServer.RegisteredName, ProcessGroups.DefaultScope, RpcHost.RegisteredName, IntrospectionServer.RegisteredName];

    [Fact]
    public async Task The_kernel_tree_runs_as_soon_as_a_node_without_distribution_has_started()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;

        Assert.NotNull(node.WhereIs(KernelSupervisor.RegisteredName));
        var children = await Kernel(node).WhichChildren();
        Assert.Equal(Services, children.Select(c => c.Id));
        Assert.All(children, c => Assert.Equal(ChildStatus.Running, c.Status));
        foreach (var child in children)
        {
            Assert.Equal(child.Pid, node.WhereIs(child.Id));
        }

        // The services are children, not top-level processes: the kernel supervisor is their parent.
        Assert.Equal(node.WhereIs(KernelSupervisor.RegisteredName), node.FindLocal(children[0].Pid)!.Parent);
    }

    [Fact]
    public async Task A_killed_global_name_server_is_restarted_and_keeps_the_names()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn<Idle>();
        Assert.True(await node.Global.RegisterAsync("ledger", store.Pid));

        var old = await KillAndAwaitRestartAsync(node, GlobalServer.RegisteredName);

        Assert.NotEqual(old, node.WhereIs(GlobalServer.RegisteredName));
        Assert.Equal(store.Pid, node.Global.WhereIs("ledger"));
        var other = node.Spawn<Idle>();
        Assert.True(await node.Global.RegisterAsync("other", other.Pid));
        Assert.False(await node.Global.RegisterAsync("ledger", other.Pid));
        Assert.Equal(["ledger", "other"], node.Global.RegisteredNames);

        // The new server watches the names it took up: a name still goes with its process.
        store.Stop();
        await Eventually.True(() => node.Global.WhereIs("ledger") is null, "ledger unregistered when its process stopped");
    }

    [Fact]
    public async Task A_killed_scope_server_is_restarted_empty_and_groups_work_again()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var p = node.Spawn<Chatter>();
        await node.Groups.JoinAsync("room", p);

        await KillAndAwaitRestartAsync(node, ProcessGroups.DefaultScope);

        // As pg: a new scope server starts empty; its processes join again.
        Assert.Empty(node.Groups.GetMembers("room"));
        await node.Groups.JoinAsync("room", p);
        Assert.Equal([p.Pid], node.Groups.GetMembers("room"));
        Assert.Equal(1, node.Groups.Broadcast<Chatter>("room", r => r.Say("hi")));
        Assert.Equal(["hi"], await p.Heard());
    }

    [Fact]
    public async Task A_named_scope_is_a_dynamic_child_of_the_kernel_supervisor_and_is_restarted_too()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var p = node.Spawn<Chatter>();

        var ops = node.GroupScope("ops");
        await ops.JoinAsync("on-call", p);
        Assert.Same(ops, node.GroupScope("ops"));
        var child = Assert.Single(await Kernel(node).WhichChildren(), c => c.Id == "ops");
        Assert.Equal(child.Pid, node.WhereIs("ops"));
        Assert.Equal([p.Pid], ops.GetMembers("on-call"));
        Assert.Empty(node.Groups.GetMembers("on-call"));

        await KillAndAwaitRestartAsync(node, "ops");

        Assert.Empty(ops.GetMembers("on-call"));
        await ops.JoinAsync("on-call", p);
        Assert.Equal([p.Pid], node.GroupScope("ops").GetMembers("on-call"));
        Assert.Single(await Kernel(node).WhichChildren(), c => c.Id == "ops");
    }

    [Fact]
    public async Task A_scope_name_held_by_another_process_is_refused()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        node.Spawn<Idle>(new SpawnOptions { Name = "taken" });

        Assert.Throws<InvalidOperationException>(() => node.GroupScope("taken"));
        Assert.Throws<InvalidOperationException>(() => node.GroupScope(RpcHost.RegisteredName));
    }

    [Fact]
    public async Task RPC_workers_are_children_of_rex_and_die_with_it_then_a_new_rex_serves_calls()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        Assert.Equal(3, await Maths.On(node, node.Name).Add(1, 2));
        var key = ProbeState.NewKey();
        var rex = node.WhereIs(RpcHost.RegisteredName)!.Value;

        var held = Probe.On(node, node.Name).Hold(key).AsTask();
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function is running");
        var worker = ProbeState.Running[key];
        Assert.Equal(rex, node.FindLocal(worker)!.Parent);

        node.Exit(rex, ExitReason.Kill);

        // The worker went with its host, and its caller heard why.
        var exited = await Assert.ThrowsAsync<ProcessExitedException>(() => held);
        Assert.Equal(ExitReasonKind.Killed, exited.Reason.Kind);
        await Eventually.True(() => node.WhereIs(RpcHost.RegisteredName) is { } again && again != rex, "rex restarted");
        Assert.Equal(5, await Maths.On(node, node.Name).Add(2, 3));
    }

    [Fact]
    public async Task A_crashing_RPC_worker_does_not_take_rex_down()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var rex = node.WhereIs(RpcHost.RegisteredName);
        var key = ProbeState.NewKey();

        var held = Probe.On(node, node.Name).Hold(key).AsTask();
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function is running");
        node.Exit(ProbeState.Running[key], ExitReason.Kill);

        await Assert.ThrowsAsync<ProcessExitedException>(() => held);
        await Assert.ThrowsAsync<RemoteException>(() => Maths.On(node, node.Name).Fail("boom").AsTask());
        Assert.Equal(rex, node.WhereIs(RpcHost.RegisteredName));
        Assert.Equal(7, await Maths.On(node, node.Name).Add(3, 4));
    }

    [Fact]
    public async Task The_services_stop_after_the_user_processes_and_the_node_drains()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        var witness = node.Spawn<ServiceWitness>();
        Assert.Equal(1, await witness.Ping());
        node.GroupScope("ops");
        await node.Groups.JoinAsync("room", witness.Pid);

        await node.StopAsync();

        Assert.Equal(0, node.ProcessCount);
        Assert.Contains("witness:global_name_server,pg,rex,kernel_sup", journal.Entries);
    }

    static ProcessRef<KernelSupervisor> Kernel(Node node) => node.At<KernelSupervisor>(KernelSupervisor.RegisteredName);

    /// <summary>Kills the service registered as <paramref name="name"/> and waits until its supervisor has started a new one under the name.</summary>
    internal static async Task<Pid> KillAndAwaitRestartAsync(Node node, string name)
    {
        var old = node.WhereIs(name) ?? throw new InvalidOperationException(name + " is not running");
        var exit = node.WaitForExitAsync(old);
        node.Exit(old, ExitReason.Kill);
        Assert.Equal(ExitReason.Killed, await Eventually.Within(exit));
        await Eventually.True(() => node.WhereIs(name) is { } now && now != old, name + " restarted under its name");
        var child = Assert.Single(await Kernel(node).WhichChildren(), c => c.Id == name);
        Assert.Equal(node.WhereIs(name), child.Pid);
        return old;
    }
}
