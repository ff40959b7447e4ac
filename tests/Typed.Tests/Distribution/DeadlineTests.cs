using System.Diagnostics;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>Calls carry their deadline and their cancellation along a chain of nodes: a → b → c.</summary>
public class DeadlineTests
{
    static async Task<(TestCluster Cluster, ProcessRef<Hop> Hop, string C)> ChainAsync()
    {
        // A long default timeout and tick time everywhere: what c sees can only come from a's call.
        var cluster = await Clusters.StartAsync(3, (_, o) =>
        {
            o.CallTimeout = TimeSpan.FromSeconds(60);
            o.Distribution.TickTime = TimeSpan.FromSeconds(8);
        });
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        c.Spawn<Budget>(new SpawnOptions { Name = "budget" });
        b.Spawn<Hop>(new SpawnOptions { Name = "hop" });
        var hop = a.At<Hop>("hop", b.Name);
        Assert.Equal(1, await hop.Ping());
        return (cluster, hop, c.Name);
    }

    [Fact]
    public async Task The_last_callee_sees_the_first_callers_remaining_budget()
    {
        var (cluster, hop, c) = await ChainAsync();
        await using var _ = cluster;

        var left = await hop.WithTimeout(TimeSpan.FromSeconds(3)).Relay(c);

        Assert.NotNull(left);
        Assert.InRange(left.Value, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_the_first_call_cancels_the_last_handler_within_a_tick_interval()
    {
        var (cluster, hop, c) = await ChainAsync();
        await using var _ = cluster;
        using var cancel = new CancellationTokenSource();

        var pending = hop.WithTimeout(Timeout.InfiniteTimeSpan).RelayWait(c, cancel.Token).AsTask();
        await Eventually.True(() => cluster.Journal().Contains("wait-started"), "c's handler runs");
        var clock = Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await Eventually.True(() => cluster.Journal().Contains("wait-cancelled"), "c's handler is cancelled", timeoutMs: 2_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {clock.Elapsed}, more than one tick interval (2 s)");

        // Nobody crashed for it: b and c go on serving.
        Assert.Equal(1, await hop.Ping());
        Assert.NotNull(await hop.WithTimeout(TimeSpan.FromSeconds(5)).Relay(c));
    }

    [Fact]
    public async Task A_first_callers_timeout_cancels_the_last_handler()
    {
        var (cluster, hop, c) = await ChainAsync();
        await using var _ = cluster;

        await Assert.ThrowsAsync<CallTimeoutException>(async () => await hop.WithTimeout(TimeSpan.FromMilliseconds(300)).RelayWait(c));

        await Eventually.True(() => cluster.Journal().Contains("wait-cancelled"), "c's handler is cancelled at a's deadline", timeoutMs: 2_000);
    }
}
