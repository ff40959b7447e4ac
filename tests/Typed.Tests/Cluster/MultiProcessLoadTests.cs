using Microsoft.Extensions.DependencyInjection;
using Typed.TestNode.Shared;

namespace Typed.Tests.Cluster;

/// <summary>
/// A small version of the load figures (benchmarks/Typed.LoadProbe) across two OS processes: numbered
/// casts from senders here to a <see cref="LoadSink"/> in a child process, counted there per sender.
/// Nothing is lost, duplicated or reordered: under backpressure, while the receiver is frozen for a
/// second, and when sent before the connection is up. One class, so its tests run one after another.
/// </summary>
public class MultiProcessLoadTests
{
    // Longer than the freeze: only a freeze past it would bring the node down.
    static readonly TimeSpan s_tick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Casts_from_processes_and_CastAsync_outside_them_all_arrive_in_order_while_the_receiver_is_frozen_for_a_second()
    {
        if (OperatingSystem.IsWindows())
        {
            return;     // no SIGSTOP
        }

        var progress = new LoadProgress().Expect(2);
        await using var cluster = await MultiProcessCluster.StartAsync(s_tick, o =>
        {
            o.Services = new ServiceCollection().AddLogging().AddSingleton(progress).BuildServiceProvider();
            o.Distribution.OutgoingQueueLimit = 2_000;   // small, so the frozen receiver makes the connection busy
        });
        var child = await cluster.StartChildAsync("load");
        var node = cluster.Node;
        var sinkPid = await node.At<LoadSink>("load", child.Name).Whoami();
        var sink = node.Ref<LoadSink>(sinkPid);

        const int perSender = 50_000;
        const int outside = 20_000;
        for (var sender = 1; sender <= 2; sender++)
        {
            node.Spawn<LoadSender>().Start(sinkPid, sender, perSender, 500);
        }

        var castAsync = Task.Run(async () =>
        {
            for (var i = 1; i <= outside; i++)
            {
                await sink.TakeAsync(3, i);
            }
        });

        await Eventually.True(() => progress.SentSoFar >= 10_000, "the senders are under way", 10_000);
        await child.FreezeAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));   // the scenario: the receiver's OS process stopped for a second
        }
        finally
        {
            await child.ThawAsync();
        }

        await progress.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await castAsync.WaitAsync(TimeSpan.FromSeconds(30));
        const int total = 2 * perSender + outside;
        await Eventually.True(async () => (await sink.Counts()).Received >= total, "every cast arrives", 30_000);
        Assert.Equal(new LoadCounts(total, total, 0, 0), await sink.Counts());
        Assert.Contains(child.Name, node.Nodes);
    }

    [Fact]
    public async Task Five_thousand_casts_sent_before_the_connection_is_up_all_arrive_in_order()
    {
        await using var cluster = await MultiProcessCluster.StartAsync(s_tick);
        var child = await cluster.StartChildAsync("late", connect: false);
        var node = cluster.Node;
        Assert.DoesNotContain(child.Name, node.Nodes);

        var sink = node.At<LoadSink>("load", child.Name);
        const int total = 5_000;
        for (var i = 1; i <= total; i++)
        {
            sink.Take(1, i);
        }

        await Eventually.True(async () => (await sink.Counts()).Received >= total, "every cast arrives", 30_000);
        Assert.Equal(new LoadCounts(total, total, 0, 0), await sink.Counts());
    }
}
