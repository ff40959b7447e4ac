using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

public class RemoteMessagingTests
{
    [Fact]
    public async Task The_generated_proxy_calls_and_casts_a_remote_process_by_pid_and_by_name()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var worker = b.Spawn<Worker>(new SpawnOptions { Name = "worker" });

        var byPid = a.Ref<Worker>(worker.Pid);
        Assert.Equal(1, await byPid.Ping());

        var byName = a.At<Worker>("worker", b.Name);
        for (var i = 0; i < 100; i++)
        {
            byName.Note($"n{i}");
        }

        // Per-pair ordering: the casts arrive before the call that follows them.
        var seen = await byName.Seen();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"n{i}"), seen);
    }

    [Fact]
    public async Task Pids_and_refs_in_messages_name_the_same_process_across_nodes()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var store = b.Spawn(new Store.StartArgs("on-b"));

        var remote = a.Ref<Store>(store.Pid);
        Assert.Equal(store.Pid, await remote.Whoami());
        var me = await remote.Me();
        Assert.Equal("on-b", await me.Label());
    }

    [Fact]
    public async Task A_remote_crash_reaches_the_caller_as_the_exit_reason_with_the_exception()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var worker = a.Ref<Worker>(b.Spawn<Worker>().Pid);

        var failure = await Assert.ThrowsAsync<ProcessExitedException>(() => worker.Boom("remote boom").AsTask());

        Assert.Equal(ExitReasonKind.Exception, failure.Reason.Kind);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.Reason.ExceptionType);
        Assert.Equal("remote boom", failure.Reason.Message);
        Assert.Contains(nameof(Worker.Boom), failure.Reason.StackTrace);

        var gone = await Assert.ThrowsAsync<ProcessExitedException>(() => worker.Ping().AsTask());
        Assert.Equal(ExitReason.NoProc, gone.Reason);
    }

    sealed record NoHandlerAnywhere(int N);

    [Fact]
    public async Task A_plain_send_of_a_type_no_info_handler_takes_fails_its_sender_and_the_connection_goes_on()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var worker = b.Spawn<Worker>(new SpawnOptions { Name = "worker" });

        var byPid = Assert.Throws<MessageNotSentException>(() => a.Send(worker.Pid, new NoHandlerAnywhere(1)));
        Assert.Equal(b.Name, byPid.Node);
        Assert.Contains(nameof(NoHandlerAnywhere), byPid.Message, StringComparison.Ordinal);
        Assert.Throws<MessageNotSentException>(() => a.Send("worker", b.Name, new NoHandlerAnywhere(2)));
        await Assert.ThrowsAsync<MessageNotSentException>(async () => await a.SendAsync(worker.Pid, new NoHandlerAnywhere(3)));
        Assert.Equal(1, await a.Ref<Worker>(worker.Pid).Ping());
    }

    [Fact]
    public async Task Plain_sends_reach_info_handlers_by_pid_and_by_name()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var envoy = b.Spawn<Envoy>(new SpawnOptions { Name = "envoy" });

        a.Send(envoy.Pid, new Note("by pid"));
        a.Send("envoy", b.Name, new Note("by name"));

        await Eventually.True(async () => (await a.Ref<Envoy>(envoy.Pid).Events()).Count == 2, "both notes");
        Assert.Equal(["note:by pid", "note:by name"], await envoy.Events());
    }

    [Fact]
    public async Task Remote_spawn_with_a_link_and_with_a_monitor()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var envoy = a.Spawn<Envoy>();

        var linked = await envoy.SpawnLinkedOn(b.Name);
        var monitored = await envoy.SpawnMonitoredOn(b.Name);
        Assert.Equal(b.Name, linked.Pid.Node);
        Assert.Equal(1, await linked.Ping());

        linked.Crash("linked crash");
        monitored.Crash("monitored crash");

        await Eventually.True(async () => (await envoy.Events()).Count == 2, "exit and down");
        var events = await envoy.Events();
        Assert.Contains($"exit:{linked.Pid}:Exception", events);
        Assert.Contains($"down:{monitored.Pid}:Exception", events);
    }

    [Fact]
    public async Task A_remote_spawn_of_an_unknown_name_conflict_is_refused()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        b.Spawn<Worker>(new SpawnOptions { Name = "taken" });

        var refused = await Assert.ThrowsAsync<RemoteSpawnException>(() => a.SpawnOn<Worker>(b.Name, new SpawnOptions { Name = "taken" }).AsTask());
        Assert.Contains("taken", refused.Reason);
    }

    [Fact]
    public async Task Losing_the_connection_fires_links_and_monitors_with_noconnection_and_fails_calls()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var envoy = a.Spawn<Envoy>();
        var linked = b.Spawn<Worker>();
        var watched = b.Spawn<Worker>();
        var hanging = b.Spawn<Worker>();
        await envoy.Link(linked.Pid);
        await envoy.Watch(watched.Pid);
        var call = a.Ref<Worker>(hanging.Pid).Hang();
        await Eventually.True(() => cluster.Journal().Contains("hang-started"), "the call is being handled on b");

        a.Disconnect(b.Name);

        var failure = await Assert.ThrowsAsync<NodeDownException>(() => call.AsTask());
        Assert.Equal(b.Name, failure.Node);
        await Eventually.True(async () => (await envoy.Events()).Count == 2, "link and monitor fired");
        var events = await envoy.Events();
        Assert.Contains($"exit:{linked.Pid}:NoConnection", events);
        Assert.Contains($"down:{watched.Pid}:NoConnection", events);

        // On b, the worker linked to a dies of noconnection: it does not trap exits, as in Erlang.
        await Eventually.True(() => b.FindLocal(linked.Pid) is null, "the linked worker on b died of noconnection");
        Assert.NotNull(b.FindLocal(watched.Pid));
    }

    [Fact]
    public async Task Remote_monitors_report_exits_and_noproc_and_demonitor_stops_them()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var envoy = a.Spawn<Envoy>();
        var worker = b.Spawn<Worker>();
        var quiet = b.Spawn<Worker>();

        await envoy.Watch(worker.Pid);
        var removed = await envoy.Watch(quiet.Pid);
        Assert.True(await envoy.Unwatch(removed));
        await envoy.Watch(new Pid(b.Name, 999_999, b.Creation));

        // Sent from a, so they travel after the monitor frames on the one connection between a and b.
        a.Ref<Worker>(worker.Pid).Crash("watched");
        a.Ref<Worker>(quiet.Pid).Crash("unwatched");

        await Eventually.True(async () => (await envoy.Events()).Count == 2, "two downs");
        var events = await envoy.Events();
        Assert.True(events.Count == 2, string.Join(", ", events));
        Assert.Contains($"down:{worker.Pid}:Exception", events);
        Assert.Contains($"down:<{b.Name}.999999.{b.Creation}>:NoProc", events);
    }

    [Fact]
    public async Task Processes_see_node_up_and_down_and_links_to_gone_remote_pids_fire_noproc()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var envoy = a.Spawn<Envoy>();
        await envoy.WatchNodes();

        Assert.True(await a.PingAsync(b.Name));
        var gone = new Pid(b.Name, 999_999, b.Creation);
        await envoy.Link(gone);
        await Eventually.True(async () => (await envoy.Events()).Contains($"exit:{gone}:NoProc"), "the link to a gone pid fires noproc");
        a.Disconnect(b.Name);

        await Eventually.True(async () => (await envoy.Events()).Count == 3, "nodeup, exit, nodedown");
        var events = await envoy.Events();

        // The exit signal is a system message, served ahead of queued NodeUp/NodeDown messages.
        Assert.Equal([$"exit:{gone}:NoProc", $"nodedown:{b.Name}", $"nodeup:{b.Name}"], events.Order(StringComparer.Ordinal));
        Assert.True(events.IndexOf($"nodeup:{b.Name}") < events.IndexOf($"nodedown:{b.Name}"));
    }
}
