using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class RestartTests
{
    [Fact]
    public async Task A_permanent_child_is_restarted_even_after_a_normal_exit()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<RestartTypesTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before["permanent"]).Quit(shutdown: false);

        await Trees.Restarted(tree, before, "permanent");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_transient_child_is_not_restarted_after_normal_or_shutdown(bool shutdown)
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<RestartTypesTree>();
        var before = await Trees.Pids(tree);
        var exit = node.WaitForExitAsync(before["transient"]);

        node.Ref<Member>(before["transient"]).Quit(shutdown);
        await Eventually.Within(exit);

        var child = (await tree.WhichChildren()).Single(c => c.Id == "transient");
        Assert.Equal(ChildStatus.Terminated, child.Status);
        Assert.True(child.Pid.IsEmpty);

        // Kept: it can be restarted by hand.
        var pid = await tree.RestartChild("transient");
        Assert.Equal(1, await node.Ref<Member>(pid).Ping());
    }

    [Fact]
    public async Task A_transient_child_is_restarted_after_a_crash()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<RestartTypesTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before["transient"]).Crash();

        await Trees.Restarted(tree, before, "transient");
    }

    [Fact]
    public async Task A_temporary_child_is_never_restarted_and_its_spec_goes()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<RestartTypesTree>();
        var before = await Trees.Pids(tree);
        var exit = node.WaitForExitAsync(before["temporary"]);

        node.Ref<Member>(before["temporary"]).Crash();
        await Eventually.Within(exit);

        await Eventually.True(async () => (await tree.WhichChildren()).All(c => c.Id != "temporary"), "the temporary child's spec deleted");
        Assert.Equal(new ChildCounts(2, 2, 0, 2), await tree.CountChildren());
    }

    [Fact]
    public async Task A_temporary_child_stopped_for_a_sibling_is_not_restarted()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<TemporaryInGroupTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before["crashing"]).Crash();

        await Trees.Restarted(tree, before, "steady", "crashing");
        Assert.DoesNotContain(await tree.WhichChildren(), c => c.Id == "passing");
    }

    [Fact]
    public async Task Too_many_restarts_escalate_through_a_three_level_tree()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var top = node.Spawn<TopTree>();
        var topExit = node.WaitForExitAsync(top.Pid);
        var mid = await top.Mid();

        // Mid allows one restart: the second crash within its period makes it give up with shutdown...
        await CrashLeafTwice(node, mid);
        await Eventually.True(async () => (await top.WhichChildren()).Single().Pid is var p && !p.IsEmpty && p != mid.Pid, "top restarted mid");

        // ...and top, which allows one restart too, gives up the second time mid does.
        var secondMid = await top.Mid();
        await CrashLeafTwice(node, secondMid);

        Assert.Equal(ExitReason.Shutdown, await Eventually.Within(topExit));
        await Eventually.True(() => node.ProcessCount == system, "the whole tree gone");
    }

    static async Task CrashLeafTwice(Node node, ProcessRef<MidTree> mid)
    {
        var midExit = node.WaitForExitAsync(mid.Pid);
        var before = await Trees.Pids(mid);
        (await mid.Leaf()).Crash();
        await Trees.Restarted(mid, before, "leaf");
        (await mid.Leaf()).Crash();
        Assert.Equal(ExitReason.Shutdown, await Eventually.Within(midExit));
    }

    [Fact]
    public async Task A_thousand_restarts_leak_no_process()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var tree = node.Spawn<ChurnTree>();
        await tree.CountChildren(); // served once the tree has started
        var baseline = node.ProcessCount;
        Assert.Equal(system + 2, baseline);

        for (var i = 0; i < 1_000; i++)
        {
            var child = await tree.Churn();
            var exit = node.WaitForExitAsync(child.Pid);
            child.Crash();
            await Eventually.Within(exit);
            await Eventually.True(async () => (await tree.WhichChildren()).Single().Pid is var p && !p.IsEmpty && p != child.Pid, "restarted");
        }

        Assert.Equal(baseline, node.ProcessCount);
        Assert.Equal(baseline, node.Processes.Count);
    }

    [Fact]
    public async Task Any_significant_child_exiting_shuts_the_supervisor_down()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var tree = node.Spawn<AutoTree>();
        var exit = node.WaitForExitAsync(tree.Pid);
        var children = await Trees.Pids(tree);

        node.Ref<Member>(children["main"]).Quit(shutdown: false);

        Assert.Equal(ExitReason.Shutdown, await Eventually.Within(exit));
        await Eventually.True(() => node.ProcessCount == system, "helper stopped with the supervisor");
    }

    [Fact]
    public async Task All_significant_children_must_exit_before_auto_shutdown()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<AllSignificantTree>();
        var exit = node.WaitForExitAsync(tree.Pid);
        var children = await Trees.Pids(tree);

        node.Ref<Member>(children["one"]).Quit(shutdown: false);
        await Eventually.True(async () => (await tree.CountChildren()).Active == 1, "one gone");
        Assert.False(exit.IsCompleted);

        node.Ref<Member>(children["two"]).Crash();
        Assert.Equal(ExitReason.Shutdown, await Eventually.Within(exit));
    }
}
