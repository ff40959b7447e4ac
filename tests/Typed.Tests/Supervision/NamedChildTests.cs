using Typed.Tests.Behaviours;

namespace Typed.Tests.Supervision;

public class NamedChildTests
{
    [Fact]
    public async Task A_child_spec_with_a_name_registers_each_start_of_the_child_under_it()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();

        var pid = await tree.StartChild(ChildSpec.Of<Member>("named", name: "the-member"));
        Assert.Equal("the-member", ChildSpec.Of<Member>("x", name: "the-member").Name);
        Assert.Equal(pid, node.WhereIs("the-member"));

        node.Ref<Member>(pid).Crash();
        await Eventually.True(() => node.WhereIs("the-member") is { } again && again != pid, "the restarted child took the name again");
        Assert.Equal(1, await node.At<Member>("the-member").Ping());
        Assert.Equal(node.WhereIs("the-member"), (await tree.WhichChildren()).Single(c => c.Id == "named").Pid);
    }

    [Fact]
    public async Task A_child_whose_name_is_taken_fails_to_start()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var tree = node.Spawn<OneForOneTree>();
        var holder = node.Spawn<Idle>(new SpawnOptions { Name = "held" });

        var failed = await Assert.ThrowsAsync<SupervisorException>(() => tree.StartChild(ChildSpec.Of<Member>("named", name: "held")).AsTask());
        Assert.Equal(SupervisorError.StartFailed, failed.Error);
        Assert.Equal(holder.Pid, node.WhereIs("held"));
        Assert.Throws<ArgumentException>(() => ChildSpec.Of<Member>("empty", name: ""));
    }
}
