using Typed.Rpc;
using Typed.CompilerServices;
using Typed.Testing;
using Typed.Tests.Distribution;

namespace Typed.Tests.Rpc;

public class RpcTests
{
    const string Nobody = "nobody@127.0.0.1";

    [Fact]
    public async Task Call_runs_the_function_on_the_target_node_and_returns_its_value()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        Assert.Equal(3, await Maths.On(a, b.Name).Add(1, 2));
        Assert.Equal(7, await Maths.On(a, b.Name).WithTimeout(TimeSpan.FromSeconds(1)).Add(3, 4));
        Assert.Equal("done", await Maths.On(a, b.Name).Slow(1));

        var pid = await Probe.On(a, b.Name).Self();
        Assert.Equal(b.Name, pid.Node);
    }

    [Fact]
    public async Task Cast_returns_at_once_and_the_function_runs_on_the_target()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = ProbeState.NewKey();

        Probe.Cast(a, b.Name).Record(key);

        await Eventually.True(() => ProbeState.Recorded.ContainsKey(key), "the cast function ran", 2_000);
        Assert.Equal(b.Name, ProbeState.Recorded[key].Node);
    }

    [Fact]
    public async Task An_async_call_is_awaited_later_and_polled_without_waiting()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = ProbeState.NewKey();

        RpcPromise<Pid> promise = Probe.Async(a, b.Name).Hold(key);
        RpcPromise<int> sum = Maths.Async(a, b.Name).Add(1, 2);
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function started", 2_000);
        Assert.False(promise.TryGet(out _));
        Assert.False(promise.IsCompleted);

        ProbeState.Release(key);
        var pid = await promise;
        Assert.True(promise.TryGet(out var again));
        Assert.Equal(pid, again);
        Assert.Equal(b.Name, pid.Node);
        Assert.Equal(3, await sum);

        var failing = Maths.Async(a, b.Name).Fail("later");
        await Assert.ThrowsAsync<RemoteException>(async () => await failing);
        Assert.Throws<RemoteException>(() => failing.TryGet());
    }

    [Fact]
    public async Task Multicall_reports_each_nodes_value_and_the_bad_node()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        string[] nodes = [a.Name, b.Name, c.Name, Nobody];

        MulticallResult<int> all = await Maths.Multicall(a, nodes).WithTimeout(TimeSpan.FromSeconds(2)).Add(1, 2);

        Assert.Equal(nodes, all.Nodes);
        Assert.Equal([a.Name, b.Name, c.Name], all.Succeeded);
        Assert.All(nodes[..3], n => Assert.Equal(3, all.Values[n]));
        Assert.Equal([Nobody], all.BadNodes);
        Assert.Empty(all.Failures);

        var where = await Probe.Multicall(a, [b.Name, c.Name]).Self();
        Assert.Equal(b.Name, where.Values[b.Name].Node);
        Assert.Equal(c.Name, where.Values[c.Name].Node);

        MulticallResult failed = await Maths.Multicall(a, [b.Name, c.Name, Nobody]).Fail("everywhere");
        Assert.Empty(failed.Succeeded);
        Assert.Equal([Nobody], failed.BadNodes);
        Assert.All([b.Name, c.Name], n => Assert.Equal("everywhere", Assert.IsType<RemoteException>(failed.Failures[n]).RemoteMessage));
    }

    [Fact]
    public async Task A_stopped_node_is_a_bad_node_of_a_multicall_and_a_NodeDown_for_a_call()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Assert.Equal(3, await Maths.On(a, c.Name).Add(1, 2));
        await c.StopAsync();
        await Eventually.True(() => !a.Nodes.Contains(c.Name), "a saw c go down", 2_000);

        var all = await Maths.Multicall(a, [b.Name, c.Name]).WithTimeout(TimeSpan.FromSeconds(1)).Add(2, 2);

        Assert.Equal(4, all.Values[b.Name]);
        Assert.Equal([c.Name], all.BadNodes);
        var down = await Assert.ThrowsAsync<NodeDownException>(() => Maths.On(a, Nobody).Add(1, 2).AsTask());
        Assert.Equal(Nobody, down.Node);
    }

    [Fact]
    public async Task An_exception_raised_by_the_function_is_a_RemoteException_and_a_slow_one_a_CallTimeoutException()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        var raised = await Assert.ThrowsAsync<RemoteException>(() => Maths.On(a, b.Name).Fail("boom").AsTask());
        Assert.Equal(typeof(InvalidOperationException).FullName, raised.ExceptionType);
        Assert.Equal("boom", raised.RemoteMessage);
        Assert.Contains(nameof(Maths.Fail), raised.RemoteStackTrace);

        var key = ProbeState.NewKey();
        var timeout = await Assert.ThrowsAsync<CallTimeoutException>(() => Probe.On(a, b.Name).WithTimeout(TimeSpan.FromMilliseconds(100)).Hold(key).AsTask());
        Assert.Equal(TimeSpan.FromMilliseconds(100), timeout.Timeout);
        Assert.Contains(b.Name, timeout.Message);
        ProbeState.Release(key);

        // Neither failure harmed the connection or the target.
        Assert.Contains(b.Name, a.Nodes);
        Assert.Equal(5, await Maths.On(a, b.Name).Add(2, 3));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_with_OperationCanceledException()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = ProbeState.NewKey();
        using var cts = new CancellationTokenSource();

        var pending = Probe.On(a, b.Name).Hold(key, cts.Token).AsTask();
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function started", 2_000);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        ProbeState.Release(key);
    }

    [Fact]
    public async Task An_unknown_function_id_or_undecodable_arguments_are_an_UndefinedFunctionException_and_the_connection_goes_on()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var target = new RpcTarget(a, b.Name);

        var unknown = await Assert.ThrowsAsync<UndefinedFunctionException>(() =>
            RpcStub.Call<Args<int, int>, int>(target, 12345, new(1, 2), default).AsTask());
        Assert.Equal(12345, unknown.FunctionId);
        Assert.Equal(b.Name, unknown.Node);

        // A real id with arguments of another shape: refused, not run, and not a protocol error.
        var garbled = await Assert.ThrowsAsync<UndefinedFunctionException>(() =>
            RpcStub.Call<Args<string>, int>(target, RpcRegistry.All.Single(f => f.Name == typeof(Maths).FullName + ".Add(int, int)").Id, new("x"), default).AsTask());
        Assert.Contains("do not decode", garbled.Detail);

        // Locally too, and a cast of an unknown id is dropped.
        await Assert.ThrowsAsync<UndefinedFunctionException>(() =>
            RpcStub.Call<Args<int, int>, int>(new RpcTarget(a, a.Name), 12345, new(1, 2), default).AsTask());
        RpcStub.Cast(target, 12345, new Args<int, int>(1, 2));

        Assert.Contains(b.Name, a.Nodes);
        Assert.Equal(3, await Maths.On(a, b.Name).Add(1, 2));
    }

    [Fact]
    public async Task A_local_target_runs_the_function_in_a_fresh_local_process()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var a = cluster.Nodes[0];
        await using var solo = (await TestNodes.StartAsync()).Node;

        Assert.Equal(3, await Maths.On(a, a.Name).Add(1, 2));
        var first = await Probe.On(a, a.Name).Self();
        var second = await Probe.On(a, a.Name).Self();
        Assert.Equal(a.Name, first.Node);
        Assert.NotEqual(first, second);
        Assert.Null(ProcessContext.Current);

        // A node without distribution runs local RPCs, and says NodeDown for any other node.
        var local = await Probe.On(solo, solo.Name).Self();
        Assert.Equal(solo.Name, local.Node);
        await Assert.ThrowsAsync<NodeDownException>(() => Maths.On(solo, a.Name).Add(1, 2).AsTask());
        var raised = await Assert.ThrowsAsync<RemoteException>(() => Maths.On(solo, solo.Name).Fail("local").AsTask());
        Assert.Equal("local", raised.RemoteMessage);

        var key = ProbeState.NewKey();
        Probe.Cast(solo, solo.Name).Record(key);
        await Eventually.True(() => ProbeState.Recorded.ContainsKey(key), "the local cast ran", 2_000);
        Assert.Equal(solo.Name, ProbeState.Recorded[key].Node);
    }

    [Fact]
    public async Task Each_call_runs_in_a_fresh_process_visible_while_it_runs_and_gone_after()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var before = b.Processes.ToHashSet();
        var key = ProbeState.NewKey();

        var pending = Probe.Async(a, b.Name).Hold(key);
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function started", 2_000);
        var running = ProbeState.Running[key];

        Assert.Equal(b.Name, running.Node);
        Assert.DoesNotContain(running, before);
        Assert.Contains(running, b.Processes);

        ProbeState.Release(key);
        Assert.Equal(running, await pending);
        await Eventually.True(() => !b.Processes.Contains(running), "the worker process exited", 2_000);

        var next = await Probe.On(a, b.Name).Self();
        Assert.NotEqual(running, next);
    }

    [Fact]
    public async Task Stopping_the_target_node_kills_a_running_function_and_cancels_its_token()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = ProbeState.NewKey();

        var pending = Probe.On(a, b.Name).Hold(key).AsTask();
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function started", 2_000);
        await b.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(ProbeState.Running[key], ProbeState.Cancelled[key]);
        var failure = await Assert.ThrowsAnyAsync<TypedException>(() => pending);
        Assert.True(failure is NodeDownException or ProcessExitedException, failure.ToString());
    }

    [Fact]
    public async Task A_killed_worker_answers_the_caller_with_its_exit_reason()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = ProbeState.NewKey();

        var pending = Probe.On(a, b.Name).Hold(key).AsTask();
        await Eventually.True(() => ProbeState.Running.ContainsKey(key), "the function started", 2_000);
        var worker = ProbeState.Running[key];
        b.Exit(worker, ExitReason.Kill);

        var exited = await Assert.ThrowsAsync<ProcessExitedException>(() => pending);
        Assert.Equal(ExitReasonKind.Killed, exited.Reason.Kind);
        Assert.Equal(worker, exited.Pid);
        Assert.Equal(worker, ProbeState.Cancelled[key]);
    }

    [Fact]
    public async Task A_process_calls_functions_from_its_handlers_and_each_runs_in_another_process()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var relay = a.Spawn<Relay>();

        Assert.Equal(5, await relay.AddOn(b.Name, 2, 3));
        Assert.Equal(9, await relay.AddOn(a.Name, 4, 5));
        var local = await relay.WhereOn(a.Name);
        Assert.Equal(a.Name, local.Node);
        Assert.NotEqual(relay.Pid, local);
    }
}
