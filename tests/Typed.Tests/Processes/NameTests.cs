using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class NameTests
{
    [Fact]
    public async Task A_registered_name_resolves_and_is_dropped_when_the_process_dies()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("named"), new SpawnOptions { Name = "store" });

        Assert.Equal(store.Pid, node.WhereIs("store"));
        Assert.Contains("store", node.Registered);
        Assert.Equal("named", await node.At<Store>("store").Label());

        var exit = node.WaitForExitAsync(store.Pid);
        await store.StopWith("bye");
        await Eventually.Within(exit);

        Assert.Null(node.WhereIs("store"));
        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await node.At<Store>("store").Label());
        Assert.Equal(ExitReason.NoProc, ex.Reason);
    }

    [Fact]
    public async Task A_name_held_by_a_live_process_cannot_be_taken()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var system = node.ProcessCount;
        var first = node.Spawn<Idle>(new SpawnOptions { Name = "only" });

        var ex = Assert.Throws<NameTakenException>(() => node.Spawn<Idle>(new SpawnOptions { Name = "only" }));
        Assert.Equal(first.Pid, ex.Holder);
        Assert.Equal(system + 1, node.ProcessCount);

        var second = node.Spawn<Idle>();
        Assert.Throws<NameTakenException>(() => node.Register("only", second.Pid));
        Assert.Throws<ArgumentException>(() => node.Register("other", first.Pid));
    }

    [Fact]
    public async Task A_name_can_be_unregistered_and_reused()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var first = node.Spawn<Idle>(new SpawnOptions { Name = "slot" });
        var second = node.Spawn<Idle>();

        Assert.True(node.Unregister("slot"));
        Assert.False(node.Unregister("slot"));
        node.Register("slot", second.Pid);

        Assert.Equal(second.Pid, node.WhereIs("slot"));
        node.Register("first-again", first.Pid);
        Assert.Equal(first.Pid, node.WhereIs("first-again"));
    }

    [Fact]
    public async Task A_ref_by_name_follows_the_name_to_a_new_process()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var byName = node.At<Store>("svc");
        var first = node.Spawn(new Store.StartArgs("one"), new SpawnOptions { Name = "svc" });
        Assert.Equal("one", await byName.Label());

        var exit = node.WaitForExitAsync(first.Pid);
        await first.StopWith("replaced");
        await Eventually.Within(exit);
        node.Spawn(new Store.StartArgs("two"), new SpawnOptions { Name = "svc" });

        Assert.Equal("two", await byName.Label());
        Assert.Equal("{svc," + node.Name + "}", byName.ToString());
    }

    [Fact]
    public async Task Registering_an_unknown_pid_fails()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        Assert.Throws<ArgumentException>(() => node.Register("x", new Pid(node.Name, 999_999, node.Creation)));
    }
}
