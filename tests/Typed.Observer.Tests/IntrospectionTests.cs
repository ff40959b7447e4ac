using Typed.Introspection;

namespace Typed.Observer.Tests;

/// <summary>The introspection service every node runs, asked over real TCP from another node.</summary>
public sealed class IntrospectionTests : IAsyncLifetime
{
    ObserverCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ObserverCluster.StartAsync(2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_node_describes_its_processes_supervisors_and_connections_to_another_node()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var worker = b.Spawn<Worker>(new SpawnOptions { Name = "pinger" });
        Assert.Equal(1, await worker.Ping());
        Assert.Equal(1, await a.At<Worker>("pinger", b.Name).Ping());

        var snapshot = await a.IntrospectAsync(b.Name);

        Assert.Equal(b.Name, snapshot.Node);
        Assert.Equal(b.ProcessCount, snapshot.ProcessCount);
        var pinger = Assert.Single(snapshot.Processes, p => p.RegisteredName == "pinger");
        Assert.Equal(worker.Pid, pinger.Pid);
        Assert.EndsWith("Worker", pinger.Behaviour);
        Assert.True(pinger.MessagesHandled >= 2, $"handled {pinger.MessagesHandled}");
        Assert.Contains(snapshot.Processes, p => p.RegisteredName == NodeIntrospection.ServiceName);

        // The app tree: its children, the nested pool under it, linked to their supervisor.
        var app = Assert.Single(snapshot.Supervisors, s => s.Pid == b.WhereIs(AppSupervisor.Name));
        Assert.Equal(["worker", "cache", "pool"], app.Children.Select(c => c.Id));
        Assert.All(app.Children, c => Assert.Equal("Running", c.Status));
        Assert.Equal(5, app.IntensityLeft);
        var pool = app.Children.Single(c => c.Id == "pool");
        Assert.Equal("Supervisor", pool.Type);
        Assert.Contains(snapshot.Supervisors, s => s.Pid == pool.Pid && s.Strategy == "OneForAll");
        var cache = snapshot.Processes.Single(p => p.RegisteredName == Cache.Name);
        Assert.Contains(app.Pid, cache.Links);
        Assert.Equal(app.Pid, cache.Parent);

        var link = Assert.Single(snapshot.Connections, c => c.Peer == a.Name);
        Assert.True(link.BytesReceived > 0 && link.BytesSent > 0 && link.FramesReceived > 0, $"{link}");
        Assert.Equal(4000, snapshot.TickTimeMs);
    }

    [Fact]
    public async Task A_restarted_child_shows_its_restart_count_the_reason_and_the_intensity_used()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var before = await Child(a, b, "worker");
        Assert.Equal(0, before.Restarts);

        a.Exit(before.Pid, ExitReason.Custom("observer_test"));

        var after = await Eventually.Value(() => Child(a, b, "worker"), c => c.Restarts == 1 && c.Status == "Running", "the worker restarted");
        Assert.NotEqual(before.Pid, after.Pid);
        Assert.Contains("observer_test", after.LastExitReason);
        var app = (await a.IntrospectAsync(b.Name)).Supervisors.Single(s => s.Pid == b.WhereIs(AppSupervisor.Name));
        Assert.Equal(1, app.RestartsInPeriod);
        Assert.Equal(4, app.IntensityLeft);
    }

    [Fact]
    public async Task Terminate_and_restart_a_child_on_another_node()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var app = b.WhereIs(AppSupervisor.Name)!.Value;

        await a.TerminateChildAsync(app, "cache");
        Assert.Equal("Terminated", (await Child(a, b, "cache")).Status);
        Assert.Null(b.WhereIs(Cache.Name));

        await a.RestartChildAsync(app, "cache");
        Assert.Equal("Running", (await Child(a, b, "cache")).Status);
        Assert.NotNull(b.WhereIs(Cache.Name));

        var refused = await Assert.ThrowsAsync<SupervisorException>(() => a.RestartChildAsync(app, "cache"));
        Assert.Equal(SupervisorError.Running, refused.Error);
        var missing = await Assert.ThrowsAsync<SupervisorException>(() => a.TerminateChildAsync(app, "nope"));
        Assert.Equal(SupervisorError.NotFound, missing.Error);
        var notSupervisor = await Assert.ThrowsAsync<SupervisorException>(() => a.TerminateChildAsync(b.WhereIs(Cache.Name)!.Value, "x"));
        Assert.Equal(ExitReason.NoProc, notSupervisor.Reason);
    }

    [Fact]
    public async Task Global_names_and_group_members_are_in_the_snapshot()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var worker = b.Spawn<Worker>();
        Assert.True(await b.Global.RegisterAsync("the_worker", worker.Pid));
        await b.Groups.JoinAsync("workers", worker.Pid);

        var snapshot = await Eventually.Value(() => a.IntrospectAsync(b.Name), s => s.Groups.Length > 0 && s.GlobalNames.Length > 0, "the name and group are in the snapshot");

        Assert.Contains(new GlobalNameSnapshot("the_worker", worker.Pid), snapshot.GlobalNames);
        var group = Assert.Single(snapshot.Groups);
        Assert.Equal(("pg", "workers"), (group.Scope, group.Group));
        Assert.Equal([worker.Pid], group.LocalMembers);
    }

    [Fact]
    public async Task Monitors_and_links_across_nodes_show_on_both_ends()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var watcher = a.Spawn<Watcher>();
        var watched = b.Spawn<Worker>();
        await watcher.Watch(watched.Pid);
        await watcher.LinkTo(watched.Pid);

        var onB = await Eventually.Value(
            () => a.IntrospectAsync(b.Name),
            s => s.Processes.Single(p => p.Pid == watched.Pid) is { MonitoredBy.Length: 1, Links.Length: 1 },
            "the monitor and the link reached b");
        var seen = onB.Processes.Single(p => p.Pid == watched.Pid);
        Assert.Equal([watcher.Pid], seen.MonitoredBy);
        Assert.Equal([watcher.Pid], seen.Links);
        var onA = (await a.IntrospectAsync(a.Name)).Processes.Single(p => p.Pid == watcher.Pid);
        Assert.Equal([watched.Pid], onA.Monitors);
        Assert.Equal([watched.Pid], onA.Links);
    }

    [Fact]
    public async Task A_snapshot_keeps_the_longest_mailboxes_when_cut_short()
    {
        var (a, b) = (_cluster[0], _cluster[1]);
        var snapshot = await a.IntrospectAsync(b.Name, maxProcesses: 3);
        Assert.Equal(3, snapshot.Processes.Length);
        Assert.True(snapshot.ProcessCount > 3);
    }

    static async Task<ChildSnapshot> Child(Node from, Node on, string id)
    {
        var snapshot = await from.IntrospectAsync(on.Name);
        return snapshot.Supervisors.Single(s => s.Pid == on.WhereIs(AppSupervisor.Name)).Children.Single(c => c.Id == id);
    }
}
