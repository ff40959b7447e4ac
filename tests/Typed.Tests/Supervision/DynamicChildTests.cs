using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class DynamicChildTests
{
    [Fact]
    public async Task Simple_one_for_one_starts_children_with_arguments_and_restarts_them_with_the_same()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var pool = node.Spawn<JobPool>();
        Assert.Empty(await pool.WhichChildren());

        var x = await pool.StartChild(new Job.StartArgs("x"));
        var y = await pool.StartChild(new Job.StartArgs("y"));
        Assert.Equal("x", await x.Name());
        Assert.Equal("y", await y.Name());
        Assert.Equal(new ChildCounts(2, 2, 0, 2), await pool.CountChildren());

        x.Crash();
        await Eventually.True(() => journal.Entries.Count(e => e == "job:x") == 2, "x restarted with its arguments");
        await Eventually.True(async () => (await pool.CountChildren()).Active == 2, "two running");
        Assert.DoesNotContain(x.Pid, (await pool.WhichChildren()).Select(c => c.Pid));
    }

    [Fact]
    public async Task A_transient_dynamic_child_that_finishes_is_forgotten()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var pool = node.Spawn<JobPool>();
        var job = await pool.StartChild(new Job.StartArgs("once"));

        job.Finish();

        await Eventually.True(async () => (await pool.CountChildren()).Specs == 0, "the finished job forgotten");
    }

    [Fact]
    public async Task Dynamic_children_are_terminated_by_pid_and_all_stop_with_the_pool()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var pool = node.Spawn<JobPool>();
        var jobs = new List<ProcessRef<Job>>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add(await pool.StartChild(new Job.StartArgs($"j{i}")));
        }

        await pool.TerminateChild(jobs[0].Pid);
        Assert.Equal(19, (await pool.CountChildren()).Active);
        var unsupported = await Assert.ThrowsAsync<SupervisorException>(() => pool.RestartChild("job").AsTask());
        Assert.Equal(SupervisorError.NotSupported, unsupported.Error);

        var exit = node.WaitForExitAsync(pool.Pid);
        await node.StopAsync();
        Assert.Equal(ExitReason.Shutdown, await exit);
        Assert.Equal(0, node.ProcessCount);
    }
}
