using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>A pid names one incarnation: a node restarted at once under the same name is a new node.</summary>
public class IncarnationTests
{
    [Fact]
    public async Task Two_quick_starts_of_one_name_get_different_creations()
    {
        var creations = new HashSet<uint>();
        for (var i = 0; i < 20; i++)
        {
            await using var node = await Node.StartAsync(new NodeOptions { Name = "quick@127.0.0.1" });
            Assert.True(creations.Add(node.Creation), $"creation {node.Creation} came twice");
        }
    }

    [Fact]
    public async Task A_pid_of_a_restarted_node_gets_noproc_and_the_new_incarnation_connects_at_once()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, first) = (cluster.Nodes[0], cluster.Nodes[1]);
        var old = first.Spawn<Worker>();
        var oldRef = a.Ref<Worker>(old.Pid);
        Assert.Equal(1, await oldRef.Ping());
        await first.StopAsync();
        await Eventually.True(() => !a.Nodes.Contains(first.Name), "a sees the first incarnation go");

        var second = await cluster.RestartAsync(first);   // at once, under the same name
        var fresh = second.Spawn<Worker>();
        Assert.NotEqual(first.Creation, second.Creation);
        Assert.Equal(old.Pid.Id, fresh.Pid.Id);   // the same number: only the creation tells them apart

        Assert.True(await a.PingAsync(second.Name));
        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await oldRef.Ping());
        Assert.Equal(ExitReason.NoProc, ex.Reason);
        Assert.Equal(1, await a.Ref<Worker>(fresh.Pid).Ping());
    }
}
