using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>A busy connection slows its senders; nothing is dropped (Erlang's busy_dist_port).</summary>
public class BackpressureTests
{
    const int Limit = 500;

    static Task<TestCluster> ClusterAsync() =>
        Clusters.StartAsync(2, (_, o) => o.Distribution.OutgoingQueueLimit = Limit, inMemory: true);

    [Fact]
    public async Task A_process_sending_to_a_held_peer_waits_for_room_and_every_message_arrives_in_order()
    {
        await using var cluster = await ClusterAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = b.Spawn<Sink>();
        var pump = a.Spawn<Pump>();
        Assert.True(await a.PingAsync(b.Name));
        cluster.Network.Hold(a.Name, b.Name);

        const int total = 20_000;
        for (var i = 1; i <= total; i++)
        {
            pump.Forward(i, sink.Pid);
        }

        // The pump stops taking messages once the connection is busy (its calls wait behind them too):
        // far fewer than all are forwarded.
        int Forwarded() => cluster.Journal().Entries.Count(e => e.StartsWith("forwarded", StringComparison.Ordinal)) * 100;
        await Eventually.True(() => Forwarded() >= Limit, "the pump fills the connection");
        Assert.InRange(Forwarded(), Limit, 5 * Limit);   // the queue, and what the carrier buffers (1 MiB here)

        cluster.Network.Release(a.Name, b.Name);
        await Eventually.True(async () => await sink.Count() == total, "every message arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
        Assert.Equal(total, await pump.Forwarded());
        Assert.Contains(b.Name, a.Nodes);
    }

    [Fact]
    public async Task SendAsync_outside_a_process_waits_while_the_connection_is_busy()
    {
        await using var cluster = await ClusterAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = b.Spawn<Sink>();
        Assert.True(await a.PingAsync(b.Name));
        cluster.Network.Hold(a.Name, b.Name);

        var sent = 0;
        var sender = Task.Run(async () =>
        {
            for (var i = 1; i <= 5_000; i++)
            {
                await a.SendAsync(sink.Pid, new Bulk(2, i, Bulk.Kilobyte));
                Interlocked.Increment(ref sent);
            }
        });

        await Eventually.True(() => Volatile.Read(ref sent) >= Limit - 1, "the sender fills the connection");
        Assert.False(sender.IsCompleted);
        Assert.InRange(Volatile.Read(ref sent), Limit - 1, 5 * Limit);

        cluster.Network.Release(a.Name, b.Name);
        await sender.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.True(async () => await sink.Count() == 5_000, "every message arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
    }

    [Fact]
    public async Task CastAsync_outside_a_process_waits_while_the_connection_is_busy_and_the_cast_form_does_not()
    {
        await using var cluster = await ClusterAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<Sink>(b.Spawn<Sink>().Pid);
        Assert.True(await a.PingAsync(b.Name));
        cluster.Network.Hold(a.Name, b.Name);

        var sent = 0;
        var sender = Task.Run(async () =>
        {
            for (var i = 1; i <= 5_000; i++)
            {
                await sink.TakeAsync(new Bulk(4, i, Bulk.Kilobyte));
                Interlocked.Increment(ref sent);
            }
        });

        await Eventually.True(() => Volatile.Read(ref sent) >= Limit - 1, "the sender fills the connection");
        Assert.False(sender.IsCompleted);
        Assert.InRange(Volatile.Read(ref sent), Limit - 1, 5 * Limit);

        // The synchronous form queues behind them without waiting (and without dropping).
        for (var i = 1; i <= 100; i++)
        {
            sink.Take(new Bulk(5, i, Bulk.Kilobyte));
        }

        cluster.Network.Release(a.Name, b.Name);
        await sender.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.True(async () => await sink.Count() == 5_100, "every cast arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
    }

    [Fact]
    public async Task CastAsync_completes_at_once_when_there_is_room()
    {
        await using var cluster = await ClusterAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var remote = a.Ref<Sink>(b.Spawn<Sink>().Pid);
        var local = a.Spawn<Sink>();
        Assert.True(await a.PingAsync(b.Name));

        Assert.True(remote.TakeAsync(new Bulk(6, 1, "")).IsCompletedSuccessfully);
        Assert.True(local.TakeAsync(new Bulk(6, 1, "")).IsCompletedSuccessfully);
        await Eventually.True(async () => await remote.Count() == 1 && await local.Count() == 1, "both casts arrive");
    }

    [Fact]
    public async Task Synchronous_casts_outside_a_process_that_outrun_a_draining_connection_are_all_delivered()
    {
        await using var cluster = await ClusterAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<Sink>(b.Spawn<Sink>().Pid);
        Assert.True(await a.PingAsync(b.Name));
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        // Far more than 16 x the mark, as fast as one thread can queue them: the peer reads all along,
        // so the connection is not cut however long the queue grows.
        const int total = 100_000;
        for (var i = 1; i <= total; i++)
        {
            sink.Take(new Bulk(7, i, ""));
        }

        await Eventually.True(async () => await sink.Count() == total, "every cast arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
        Assert.Equal(0, Volatile.Read(ref downs));
    }

    [Fact]
    public async Task A_connection_whose_peer_reads_nothing_is_cut_once_sixteen_times_the_mark_is_queued()
    {
        // a gives up on a stalled writer after three quarters of its tick time; b, which hears nothing from
        // a meanwhile, would wait its much longer tick time.
        await using var cluster = await Clusters.StartAsync(2, (i, o) =>
        {
            o.Distribution.OutgoingQueueLimit = Limit;
            o.Distribution.TickTime = TimeSpan.FromSeconds(i == 0 ? 2 : 60);
        }, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<Sink>(b.Spawn<Sink>().Pid);
        var here = a.Spawn<Sink>();
        Assert.True(await a.PingAsync(b.Name));
        var down = new TaskCompletionSource<NodeDown>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = a.MonitorNodes(null, d => down.TrySetResult(d));
        cluster.Network.Hold(a.Name, b.Name);

        for (var i = 1; i <= 20 * Limit; i++)
        {
            sink.Take(new Bulk(8, i, Bulk.Kilobyte));
        }

        // b keeps talking to a (a's own tick timeout is short), so only the stalled writer can end it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var n = 1; !down.Task.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30); n++)
        {
            b.Send(here.Pid, new Seq(9, n));
            await Task.WhenAny(down.Task, Task.Delay(50));
        }

        var seen = await down.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(NodeDownKind.Overloaded, seen.Kind);
    }

    [Fact]
    public async Task Room_is_never_missed_when_the_queue_drains_as_a_sender_finds_it_busy()
    {
        // A mark of 2 makes every other send find the connection busy while the write loop drains it:
        // a sender that missed its room would wait for the next tick, minutes away here.
        await using var cluster = await Clusters.StartAsync(2, (_, o) =>
        {
            o.Distribution.OutgoingQueueLimit = 2;
            o.Distribution.TickTime = TimeSpan.FromMinutes(10);
        }, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = b.Spawn<Sink>();
        Assert.True(await a.PingAsync(b.Name));

        const int total = 50_000;
        var sender = Task.Run(async () =>
        {
            for (var i = 1; i <= total; i++)
            {
                await a.SendAsync(sink.Pid, new Seq(10, i));
            }
        });

        await sender.WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.True(async () => await sink.Count() == total, "every message arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
    }

    [Fact]
    public async Task Twenty_thousand_sends_before_the_connection_is_up_all_arrive_in_order()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = b.Spawn<Sink>();

        for (var i = 1; i <= 20_000; i++)
        {
            a.Send(sink.Pid, new Seq(3, i));
        }

        await Eventually.True(async () => await sink.Count() == 20_000, "every message arrives", 30_000);
        Assert.Equal(0, await sink.Violations());
    }

    [Fact]
    public async Task Before_the_connection_is_up_a_sender_that_never_waits_is_refused_past_sixteen_times_the_limit_and_told()
    {
        const int limit = 4;
        await using var cluster = await Clusters.StartAsync(2, (_, o) =>
        {
            o.Distribution.OutgoingQueueLimit = limit;
            o.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(60);   // the held handshake must not time out
        }, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = b.Spawn<Sink>().Pid;
        cluster.Network.Hold(a.Name, b.Name);   // the dial's first bytes wait: the connection stays down

        var sent = 0;
        MessageNotSentException? refused = null;
        for (var i = 1; i <= 1_000 && refused is null; i++)
        {
            try
            {
                a.Send(sink, new Bulk(1, i, ""));
                sent++;
            }
            catch (MessageNotSentException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(16 * limit, sent);
        Assert.Equal(b.Name, refused.Node);
        Assert.Contains("not up yet", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Name, a.Nodes);

        // A call is refused too: its caller is told at once, not at its timeout.
        var call = a.Ref<Sink>(sink).WithTimeout(TimeSpan.FromSeconds(60)).Count();
        await Assert.ThrowsAsync<MessageNotSentException>(async () => await call.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        // What was queued is delivered, in order, once the connection is up.
        cluster.Network.Release(a.Name, b.Name);
        await Eventually.True(() => a.Nodes.Contains(b.Name), "the connection comes up", 30_000);
        var atB = a.Ref<Sink>(sink);
        await Eventually.True(async () => await atB.Count() == 16 * limit, "the queued messages arrive", 30_000);
        Assert.Equal(0, await atB.Violations());
    }
}
