using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class LinkTests
{
    [Fact]
    public async Task An_abnormal_exit_kills_a_linked_process_that_does_not_trap()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = await a.SpawnLinked();
        var aExit = node.WaitForExitAsync(a.Pid);

        b.Die("boom");

        var reason = await Eventually.Within(aExit);
        Assert.Equal(ExitReason.Custom("boom"), reason);
    }

    [Fact]
    public async Task A_crash_propagates_with_the_exception_as_reason()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = await a.SpawnLinked();
        var aExit = node.WaitForExitAsync(a.Pid);

        b.Fail("bad state");

        var reason = await Eventually.Within(aExit);
        Assert.Equal(ExitReasonKind.Exception, reason.Kind);
        Assert.Equal(typeof(InvalidOperationException).FullName, reason.ExceptionType);
        Assert.Equal("bad state", reason.Message);
        Assert.Contains(nameof(Linker.Fail), reason.StackTrace);
    }

    [Fact]
    public async Task A_normal_exit_leaves_the_linked_process_running()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var a = node.Spawn<Linker>();
        var idle = await a.SpawnLinkedIdle();
        var idleExit = node.WaitForExitAsync(idle.Pid);

        idle.Stop();

        Assert.Equal(ExitReason.Normal, await Eventually.Within(idleExit));
        Assert.Empty(await a.Events());
        Assert.Equal(system + 1, node.ProcessCount);
    }

    [Fact]
    public async Task A_trapping_process_gets_the_exit_as_a_message_and_lives()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        await a.Trap(true);
        var b = await a.SpawnLinked();

        b.Die("boom");

        await Eventually.True(async () => (await a.Events()).Contains($"exit:{b.Pid.Id}:boom"), "EXIT message");
        Assert.Equal(1, await a.Ping());
    }

    [Fact]
    public async Task Kill_cannot_be_trapped_and_linked_processes_see_killed()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        await a.Trap(true);
        var b = await a.SpawnLinked();
        await b.Trap(true);
        var bExit = node.WaitForExitAsync(b.Pid);

        node.Exit(b.Pid, ExitReason.Kill);

        Assert.Equal(ExitReason.Killed, await Eventually.Within(bExit));
        await Eventually.True(async () => (await a.Events()).Contains($"exit:{b.Pid.Id}:killed"), "a sees killed");
    }

    [Fact]
    public async Task Exit_normal_is_ignored_unless_trapped()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = node.Spawn<Linker>();
        await b.Trap(true);

        await a.SendExit(b.Pid, ExitReason.Normal);
        node.Exit(a.Pid, ExitReason.Normal);

        await Eventually.True(async () => (await b.Events()).Contains($"exit:{a.Pid.Id}:normal"), "trapped normal exit");
        Assert.Equal(1, await a.Ping());
    }

    [Fact]
    public async Task Exit_with_a_reason_kills_a_process_that_does_not_trap()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = node.Spawn<Linker>();
        var bExit = node.WaitForExitAsync(b.Pid);

        await a.SendExit(b.Pid, ExitReason.Shutdown);

        Assert.Equal(ExitReason.Shutdown, await Eventually.Within(bExit));
        Assert.Equal(1, await a.Ping());
    }

    [Fact]
    public async Task Linking_to_a_dead_process_delivers_noproc()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var dead = node.Spawn<Idle>();
        dead.Stop();
        await node.WaitForExitAsync(dead.Pid);
        await a.Trap(true);

        await a.Link(dead.Pid);

        await Eventually.True(async () => (await a.Events()).Contains($"exit:{dead.Pid.Id}:noproc"), "noproc EXIT");
    }

    [Fact]
    public async Task Unlink_stops_propagation()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = await a.SpawnLinked();
        await a.Unlink(b.Pid);
        var bExit = node.WaitForExitAsync(b.Pid);

        b.Fail("alone");

        await Eventually.Within(bExit);
        Assert.Equal(1, await a.Ping());
    }

    [Fact]
    public async Task Links_are_bidirectional()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var a = node.Spawn<Linker>();
        var b = await a.SpawnLinked();
        var bExit = node.WaitForExitAsync(b.Pid);

        a.Fail("parent crashed");

        var reason = await Eventually.Within(bExit);
        Assert.Equal("parent crashed", reason.Message);
    }

    [Fact]
    public async Task A_caller_that_sees_a_crash_finds_links_signalled_and_the_name_free()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var guardian = node.Spawn<Linker>();
        await guardian.Trap(true);
        var child = await guardian.SpawnLinkedWorker("w");

        await Assert.ThrowsAsync<ProcessExitedException>(async () => await child.Boom("now"));

        // No waiting: teardown queues the exit signal and drops the name before failing calls.
        Assert.Null(node.WhereIs("w"));
        Assert.Contains(await guardian.Events(), e => e.StartsWith($"exit:{child.Pid.Id}:System.InvalidOperationException: now", StringComparison.Ordinal));
    }
}
