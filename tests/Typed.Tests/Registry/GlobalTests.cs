using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Registry;

public class GlobalTests
{
    [Fact]
    public async Task A_global_name_names_one_process_on_every_node_and_a_typed_ref_follows_it()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        var onB = b.Spawn<Claimant>();

        Assert.True(await a.Global.RegisterAsync("svc", onB.Pid));

        // The registration committed on every node before it returned: no waiting.
        Assert.All(cluster.Nodes, n => Assert.Equal(onB.Pid, n.Global.WhereIs("svc")));
        Assert.Equal(["svc"], c.Global.RegisteredNames);
        var svc = c.Global.At<Claimant>("svc");
        Assert.Equal(b.Name, await svc.Where());

        var other = c.Spawn<Claimant>();
        Assert.False(await c.Global.RegisterAsync("svc", other.Pid), "the name is taken");

        // The ref is looked up at every use: it follows a re-registration.
        await c.Global.ReRegisterAsync("svc", other.Pid);
        Assert.Equal(c.Name, await svc.Where());

        Assert.True(await b.Global.UnregisterAsync("svc"));
        Assert.All(cluster.Nodes, n => Assert.Null(n.Global.WhereIs("svc")));
        var noproc = await Assert.ThrowsAsync<ProcessExitedException>(async () => await svc.Where());
        Assert.Equal(ExitReason.NoProc, noproc.Reason);
        Assert.False(await b.Global.UnregisterAsync("svc"));
    }

    [Fact]
    public async Task Of_many_nodes_registering_one_name_at_once_exactly_one_wins()
    {
        await using var cluster = await Clusters.StartAsync(3);
        await cluster.ConnectAllAsync();
        var attempts = cluster.Nodes
            .SelectMany(n => Enumerable.Range(0, 3).Select(_ => (Node: n, Pid: n.Spawn<Claimant>().Pid)))
            .ToArray();

        var results = await Task.WhenAll(attempts.Select(x => Task.Run(async () => await x.Node.Global.RegisterAsync("leader", x.Pid))));

        Assert.Single(results, won => won);
        var winner = attempts[Array.IndexOf(results, true)].Pid;
        Assert.All(cluster.Nodes, n => Assert.Equal(winner, n.Global.WhereIs("leader")));
    }

    [Fact]
    public async Task A_name_goes_when_its_process_exits()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await cluster.ConnectAllAsync();
        var holder = b.Spawn<Claimant>();
        Assert.True(await a.Global.RegisterAsync("short-lived", holder.Pid));

        b.Exit(holder.Pid, ExitReason.Kill);

        await Eventually.True(() => cluster.Nodes.All(n => n.Global.WhereIs("short-lived") is null), "the name gone everywhere");
        Assert.True(await a.Global.RegisterAsync("short-lived", a.Spawn<Claimant>().Pid), "the name is free again");
    }

    [Fact]
    public async Task A_name_goes_when_its_node_goes_down()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.ConnectAllAsync();
        Assert.True(await c.Global.RegisterAsync("on-c", c.Spawn<Claimant>().Pid));
        Assert.NotNull(a.Global.WhereIs("on-c"));

        await c.StopAsync();

        await Eventually.True(() => a.Global.WhereIs("on-c") is null && b.Global.WhereIs("on-c") is null, "the name gone with its node");
    }

    [Fact]
    public async Task A_late_node_knows_every_name_once_sync_returns()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await cluster.ConnectAllAsync();
        var pids = new List<Pid>();
        for (var i = 0; i < 5; i++)
        {
            var pid = b.Spawn<Claimant>().Pid;
            pids.Add(pid);
            Assert.True(await a.Global.RegisterAsync($"name-{i}", pid));
        }

        var late = await cluster.AddNodeAsync();
        Assert.True(await late.ConnectAsync(a.Name));
        await Eventually.True(() => late.Nodes.Count == 2, "the late node meshed");
        await late.Global.SyncAsync();

        Assert.Equal(pids, Enumerable.Range(0, 5).Select(i => late.Global.WhereIs($"name-{i}")!.Value));
    }

    [Fact]
    public async Task Registering_nonsense_is_refused_with_a_clear_error()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var a = cluster.Nodes[0];

        await Assert.ThrowsAsync<ArgumentException>(async () => await a.Global.RegisterAsync("", a.Spawn<Claimant>().Pid));
        await Assert.ThrowsAsync<ArgumentException>(async () => await a.Global.RegisterAsync("x", default));
        Assert.Null(a.Global.WhereIs("x"));
    }
}
