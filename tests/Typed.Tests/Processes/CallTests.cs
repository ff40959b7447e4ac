using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class CallTests
{
    [Fact]
    public async Task A_node_keeps_enough_pool_threads_that_handlers_blocked_for_a_while_do_not_hold_up_a_call()
    {
        var (node, _, gate) = await TestNodes.StartAsync();
        await using var _ = node;
        ThreadPool.GetMinThreads(out var workers, out var ports);
        Assert.True(workers >= node.Options.MinPoolThreads, $"{workers} pool threads at least, {node.Options.MinPoolThreads} asked");

        // Four handlers hold their pool threads (more than the cores here) until the gate opens; a call
        // to a fifth process is answered while they still hold them.
        try
        {
            foreach (var blocker in Enumerable.Range(0, 4).Select(_ => node.Spawn<Worker>()))
            {
                blocker.Hold();
            }

            var store = node.Spawn(new Store.StartArgs("s")).WithTimeout(TimeSpan.FromSeconds(30));
            Assert.Equal(1, await store.PutAsync("a", "1"));
            Assert.False(gate.Task.IsCompleted);
        }
        finally
        {
            gate.Open();
        }
    }

    [Fact]
    public async Task A_call_returns_the_handler_result_sync_and_async()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("s"));

        Assert.Equal(1, await store.PutAsync("a", "1"));
        Assert.Equal(2, await store.PutAsync("b", "2"));
        Assert.Equal("2", await store.Get("b"));
        Assert.Null(await store.Get("missing"));
    }

    [Fact]
    public async Task A_call_to_a_dead_process_fails_at_once_with_noproc()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));
        node.Exit(worker.Pid, ExitReason.Kill);
        await node.WaitForExitAsync(worker.Pid);

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await worker.Ping());
        Assert.Equal(ExitReason.NoProc, ex.Reason);
        Assert.Equal(worker.Pid, ex.Pid);
    }

    [Fact]
    public async Task A_handler_that_throws_fails_the_call_with_its_exception_and_kills_the_process()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));
        var exit = node.WaitForExitAsync(worker.Pid);

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await worker.Boom("kaput"));

        Assert.Equal(ExitReasonKind.Exception, ex.Reason.Kind);
        Assert.Equal("System.InvalidOperationException", ex.Reason.ExceptionType);
        Assert.Equal("kaput", ex.Reason.Message);
        Assert.Contains(nameof(Worker.Boom), ex.Reason.StackTrace);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal(ex.Reason, await Eventually.Within(exit));
        await Eventually.True(() => journal.Contains("worker-terminate:Exception"), "terminate hook ran");
    }

    [Fact]
    public async Task A_crash_after_an_await_reaches_the_caller()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await worker.CrashAfterAwait("late"));

        Assert.Equal("System.ArgumentException", ex.Reason.ExceptionType);
        Assert.Equal("late", ex.Reason.Message);
    }

    [Fact]
    public async Task Calls_queued_behind_a_crash_get_the_crash_reason()
    {
        var (node, _, gate) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));
        worker.Block();
        worker.Crash("first");
        var queued = Enumerable.Range(0, 5).Select(_ => worker.Ping().AsTask()).ToArray();

        gate.Open();

        foreach (var call in queued)
        {
            var ex = await Assert.ThrowsAsync<ProcessExitedException>(() => call);
            Assert.Equal("first", ex.Reason.Message);
        }
    }

    [Fact]
    public async Task A_call_that_gets_no_reply_times_out_and_the_callee_lives()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var worker = node.Spawn<Worker>();

        var ex = await Assert.ThrowsAsync<CallTimeoutException>(async () => await worker.WithTimeout(TimeSpan.FromMilliseconds(100)).Hang());

        Assert.Equal(worker.Pid, ex.Pid);
        Assert.Equal(TimeSpan.FromMilliseconds(100), ex.Timeout);
        Assert.Equal(system + 1, node.ProcessCount);
    }

    [Fact]
    public async Task The_node_default_timeout_applies()
    {
        var (node, _, _) = await TestNodes.StartAsync(o => o.CallTimeout = TimeSpan.FromMilliseconds(50));
        await using var _ = node;
        var system = node.ProcessCount;
        var worker = node.Spawn<Worker>();

        var ex = await Assert.ThrowsAsync<CallTimeoutException>(async () => await worker.Hang());
        Assert.Equal(TimeSpan.FromMilliseconds(50), ex.Timeout);
    }

    [Fact]
    public async Task Cancelling_a_call_stops_waiting()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));
        using var cts = new CancellationTokenSource();

        var call = worker.Hang(cts.Token).AsTask();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await worker.Ping(cts.Token));
    }

    [Fact]
    public async Task A_process_calling_itself_fails_at_once()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await worker.CallSelf());

        // The handler let CallingSelfException escape, so it crashed with it.
        Assert.Equal(typeof(CallingSelfException).FullName, ex.Reason.ExceptionType);
    }

    [Fact]
    public async Task A_process_calling_itself_after_an_await_fails_at_once()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await worker.CallSelfAfterAwait());

        Assert.Equal(typeof(CallingSelfException).FullName, ex.Reason.ExceptionType);
    }

    [Fact]
    public async Task A_callee_killed_while_awaiting_fails_the_call_at_once_and_cancels_its_token()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var worker = node.Spawn<Worker>().WithTimeout(TimeSpan.FromMinutes(5));
        var call = worker.Hang().AsTask();
        await Eventually.True(() => journal.Contains("hang-started"), "handler suspended");

        // The handler is suspended in Task.Delay: the kill must not wait for it.
        node.Exit(worker.Pid, ExitReason.Kill);

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(() => Eventually.Within(call, 2_000));
        Assert.Equal(ExitReason.Killed, ex.Reason);
        await Eventually.True(() => journal.Contains("hang-cancelled"), "Stopping token cancelled");
        Assert.DoesNotContain(journal.Entries, e => e.StartsWith("worker-terminate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ref_of_the_wrong_behaviour_gets_an_error_and_harms_nobody()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("s"));
        var wrong = node.Ref<Worker>(store.Pid);

        await Assert.ThrowsAsync<UnhandledMessageException>(async () => await wrong.Ping());
        wrong.Note("dropped");

        Assert.Equal("s", await store.Label());
    }

    [Fact]
    public async Task An_empty_ref_says_so()
    {
        var empty = default(ProcessRef<Worker>);
        Assert.True(empty.IsEmpty);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await empty.Ping());
    }
}
