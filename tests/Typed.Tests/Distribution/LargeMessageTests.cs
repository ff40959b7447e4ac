using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>A message over the frame cap fails at the sender; the connection and everything on it go on.</summary>
public class LargeMessageTests
{
    [Fact]
    public async Task A_call_over_the_cap_fails_with_MessageTooLargeException_and_the_connection_lives()
    {
        await using var cluster = await TestCluster.StartAsync(2, (_, o) => o.Distribution.MaxFrameSize = 64 * 1024, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var worker = a.Ref<Worker>(b.Spawn<Worker>().Pid);
        Assert.Equal(1, await worker.Ping());
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(async () => await worker.Boom(new string('x', 100_000)));
        Assert.Equal(64 * 1024, ex.Limit);
        Assert.True(ex.Size > 100_000);

        // A cast over the cap is not delivered either (it would have crashed the worker), and the
        // frames after it arrive: the peer skipped the voided bytes without buffering them.
        worker.Crash(new string('y', 200_000));
        Assert.Equal(1, await worker.Ping());
        Assert.Equal(0, Volatile.Read(ref downs));
        Assert.Contains(b.Name, a.Nodes);
    }
}
