using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

/// <summary>SpawnAsync completes once the init hook has run (OTP's proc_lib:start), supervisors included.</summary>
public class SpawnAsyncTests
{
    [Fact]
    public async Task SpawnAsync_returns_after_the_init_hook_has_run()
    {
        var (node, journal, _) = await TestNodes.StartAsync();
        await using var _ = node;

        var store = await node.SpawnAsync(new Store.StartArgs("first"));

        Assert.Contains("first:init", journal.Entries);
        Assert.Contains(store.Pid, node.Processes);
    }

    [Fact]
    public async Task A_supervisor_spawned_with_SpawnAsync_has_its_whole_tree_up()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;

        var tree = await node.SpawnAsync<OrderedTree>();

        Assert.Equal(["first", "second", "third"], (await tree.WhichChildren()).Select(c => c.Id));
    }

    [Fact]
    public async Task An_init_hook_that_throws_fails_SpawnAsync_with_the_exit_reason()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(() => node.SpawnAsync<Broken>());

        Assert.Equal("cannot start", ex.Reason.Message);
    }
}
