using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>A request that cannot be serialized fails its caller at once; the connection goes on.</summary>
public class UnsendableTests
{
    [Fact]
    public async Task A_call_whose_request_cannot_be_serialized_fails_at_once_and_the_connection_lives()
    {
        await using var cluster = await Clusters.StartAsync(2, (_, o) => o.CallTimeout = TimeSpan.FromSeconds(30), inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        b.Spawn<OrderedTree>(new SpawnOptions { Name = "tree" });
        var worker = b.Spawn<Worker>();
        Assert.Equal(1, await a.Ref<Worker>(worker.Pid).Ping());

        // A child spec with a custom placement (code of this node) cannot be written for another node.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unsendable = ChildSpec.Of<Trapper>("x").On(Placement.Custom(_ => null));
        await Assert.ThrowsAsync<MessageNotSentException>(async () => await a.At<OrderedTree>("tree", b.Name).StartChild(unsendable));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"failed after {clock.Elapsed}, not at once");
        Assert.Equal(1, await a.Ref<Worker>(worker.Pid).Ping());
        Assert.Contains(b.Name, a.Nodes);
    }
}
