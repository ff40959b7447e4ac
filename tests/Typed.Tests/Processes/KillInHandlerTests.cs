namespace Typed.Tests.Processes;

/// <summary>Kills itself, then awaits something that never completes: the kill lands while its loop runs.</summary>
[Process]
public partial class SelfKiller
{
    readonly TaskCompletionSource _never = new();

    [Cast]
    public async Task KillThenAwait()
    {
        Context.Exit(Context.Self, ExitReason.Kill);
        await _never.Task;
    }
}

public class KillInHandlerTests
{
    /// <summary>
    /// A kill that arrives while the process's loop runs leaves the teardown to the loop; the loop then
    /// parks on the handler's await, and used to park for good: dead, never torn down, its monitors
    /// never told, its node's stop waiting on it forever (a node stop hung in CI this way when the
    /// shutdown timeout killed a supervisor that was awaiting its children).
    /// </summary>
    [Fact]
    public async Task A_process_killed_while_its_handler_runs_is_torn_down_when_the_handler_awaits()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        var process = node.Spawn<SelfKiller>();

        process.KillThenAwait();

        try
        {
            Assert.Equal(ExitReason.Killed, await Eventually.Within(node.WaitForExitAsync(process.Pid)));
        }
        finally
        {
            await node.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));   // bounded: without the fix it never ends
        }
    }
}
