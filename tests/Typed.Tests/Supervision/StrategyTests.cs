using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class StrategyTests
{
    public static TheoryData<string> Crashing => ["a", "b", "c"];

    [Theory]
    [MemberData(nameof(Crashing))]
    public async Task One_for_one_restarts_only_the_child_that_crashed(string crashing)
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before[crashing]).Crash();

        await Trees.Restarted(tree, before, crashing);
        var after = await Trees.Pids(tree);
        Assert.All(before.Keys.Where(id => id != crashing), id => Assert.Equal(before[id], after[id]));
        Assert.Equal(1, await node.Ref<Member>(after[crashing]).Ping());
    }

    [Theory]
    [MemberData(nameof(Crashing))]
    public async Task One_for_all_restarts_every_child(string crashing)
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForAllTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before[crashing]).Crash();

        await Trees.Restarted(tree, before, "a", "b", "c");
        var after = await Trees.Pids(tree);

        // Restarted in start order.
        var starts = journal.Entries.Where(e => e.StartsWith("start:", StringComparison.Ordinal)).Skip(3).ToList();
        Assert.Equal(["a", "b", "c"], starts.Select(s => after.Single(p => "start:" + p.Value == s).Key));
    }

    [Theory]
    [InlineData("a", new[] { "a", "b", "c" })]
    [InlineData("b", new[] { "b", "c" })]
    [InlineData("c", new[] { "c" })]
    public async Task Rest_for_one_restarts_the_child_and_those_started_after_it(string crashing, string[] restarted)
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<RestForOneTree>();
        var before = await Trees.Pids(tree);

        node.Ref<Member>(before[crashing]).Crash();

        await Trees.Restarted(tree, before, restarted);
        var after = await Trees.Pids(tree);
        Assert.All(before.Keys.Except(restarted), id => Assert.Equal(before[id], after[id]));
    }

    [Fact]
    public async Task Typed_accessors_reach_the_current_child_after_a_restart()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();
        var first = await tree.B();
        var before = await Trees.Pids(tree);

        first.Crash();
        await Trees.Restarted(tree, before, "b");

        var second = await tree.B();
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal(1, await second.Ping());
    }
}
