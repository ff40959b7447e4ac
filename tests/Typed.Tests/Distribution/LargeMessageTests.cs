using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>
/// Large messages between nodes: fragmented and put back together whole; over either end's cap they
/// fail at the sender, and the connection and everything on it go on.
/// </summary>
public class LargeMessageTests
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_over_the_cap_fails_with_MessageTooLargeException_and_the_connection_lives()
    {
        await using var cluster = await Clusters.StartAsync(2, (_, o) => o.Distribution.MaxFrameSize = 64 * 1024, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var worker = a.Ref<Worker>(b.Spawn<Worker>().Pid);
        Assert.Equal(1, await worker.Ping());
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(async () => await worker.Boom(new string('x', 100_000)));
        Assert.Equal(64 * 1024, ex.Limit);
        Assert.True(ex.Size > ex.Limit);

        // A cast over the cap fails its sender too (it is serialized by the sender, before it is queued);
        // nothing of it reached the stream, and the frames after it arrive.
        var cast = Assert.Throws<MessageTooLargeException>(() => worker.Crash(new string('y', 200_000)));
        Assert.Equal(64 * 1024, cast.Limit);
        await Assert.ThrowsAsync<MessageTooLargeException>(async () => await worker.CrashAsync(new string('y', 200_000)));
        Assert.Equal(1, await worker.Ping());
        Assert.Equal(0, Volatile.Read(ref downs));
        Assert.Contains(b.Name, a.Nodes);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(60)]
    public async Task A_message_of_many_MiB_arrives_whole_in_fragments(int mebibytes)
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var digest = a.Ref<Digest>(b.Spawn<Digest>().Pid);
        var data = new byte[mebibytes << 20];
        new Random(mebibytes).NextBytes(data);

        Assert.Equal(Digest.Of(data), await digest.WithTimeout(Long).Hash(data));
        Assert.Equal(Digest.Of([1, 2, 3]), await digest.Hash([1, 2, 3]));
    }

    [Fact]
    public async Task The_peers_smaller_cap_is_learnt_in_the_handshake_and_enforced_at_the_sender()
    {
        // b takes at most 1 MiB; a takes the default 64 MiB.
        await using var cluster = await Clusters.StartAsync(2, (i, o) => o.Distribution.MaxFrameSize = i == 1 ? 1 << 20 : o.Distribution.MaxFrameSize, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var atB = a.Ref<Digest>(b.Spawn<Digest>().Pid);
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(async () => await atB.WithTimeout(Long).Hash(new byte[2 << 20]));
        Assert.Equal(1 << 20, ex.Limit);

        // Under the cap, but fragmented: it arrives; so does a small call after it.
        var fits = new byte[512 * 1024];
        Assert.Equal(Digest.Of(fits), await atB.WithTimeout(Long).Hash(fits));
        Assert.Equal(Digest.Of([7]), await atB.Hash([7]));
        Assert.Equal(0, Volatile.Read(ref downs));
        Assert.Contains(b.Name, a.Nodes);
    }

    [Fact]
    public async Task A_senders_small_message_after_its_large_one_arrives_after_it()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var digest = a.Ref<Digest>(b.Spawn<Digest>().Pid);

        for (var round = 0; round < 3; round++)
        {
            digest.Keep($"big{round}", new byte[3 << 20]);
            digest.Keep($"small{round}", new byte[10]);
        }

        string[] expected = ["big0:3145728", "small0:10", "big1:3145728", "small1:10", "big2:3145728", "small2:10"];
        await Eventually.True(async () => (await digest.WithTimeout(Long).Seen()).Count == expected.Length, "every cast arrives", 60_000);
        Assert.Equal(expected, await digest.Seen());
    }

    [Fact]
    public async Task A_reply_over_the_cap_fails_the_call_with_the_reason_and_the_connection_lives()
    {
        await using var cluster = await Clusters.StartAsync(2, (_, o) => o.Distribution.MaxFrameSize = 1 << 20, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var digest = a.Ref<Digest>(b.Spawn<Digest>().Pid);
        var downs = 0;
        using var _ = a.MonitorNodes(null, _ => Interlocked.Increment(ref downs));

        var ex = await Assert.ThrowsAsync<RemoteException>(async () => await digest.WithTimeout(Long).Make(2 << 20));
        Assert.Contains(nameof(MessageTooLargeException), ex.ExceptionType, StringComparison.Ordinal);

        Assert.Equal(100, (await digest.Make(100)).Length);
        Assert.Equal(0, Volatile.Read(ref downs));
        Assert.Contains(b.Name, a.Nodes);
    }

    [Theory]
    [InlineData(256 << 10)]   // decoded on the process's own turn
    [InlineData(1 << 20)]     // decoded on a thread of its own while the process waits
    public async Task A_large_message_is_decoded_by_its_process_not_by_the_connection_so_frames_behind_it_go_on(int size)
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<GatedSink>(b.Spawn<GatedSink>().Pid);
        var worker = a.Ref<Worker>(b.Spawn<Worker>().Pid);
        Assert.Equal(0, await sink.Taken());

        Gated.Gate.Reset();
        try
        {
            // It goes in fragments; its decode waits at the gate. Were it decoded by the connection's
            // read loop, the ping behind it on the same connection could not be answered.
            sink.Take(new Gated { Data = new byte[size] });
            Assert.Equal(1, await worker.WithTimeout(TimeSpan.FromSeconds(20)).Ping());
        }
        finally
        {
            Gated.Gate.Set();
        }

        Assert.Equal(1, await sink.WithTimeout(Long).Taken());
    }

    [Fact]
    public async Task A_large_message_that_does_not_decode_closes_the_connection_as_a_protocol_error_and_its_process_lives()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var pid = b.Spawn<GatedSink>().Pid;
        var sink = a.Ref<GatedSink>(pid);
        Assert.Equal(0, await sink.Taken());
        var down = new TaskCompletionSource<NodeDown>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = b.MonitorNodes(null, d => down.TrySetResult(d));   // the node that refused it

        sink.Take(new Gated { Data = new byte[1 << 20], Refuse = true });

        var nodeDown = await down.Task.WaitAsync(Long);
        Assert.Equal(NodeDownKind.ProtocolError, nodeDown.Kind);
        Assert.NotNull(b.FindLocal(pid));
        Assert.Equal(0, await b.Ref<GatedSink>(pid).Taken());
    }

    [Fact]
    public async Task A_large_reply_is_decoded_off_the_connection_so_frames_behind_it_go_on()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<GatedSink>(b.Spawn<GatedSink>().Pid).WithTimeout(Long);
        var worker = a.Ref<Worker>(b.Spawn<Worker>().Pid);
        Assert.Equal(1, await worker.Ping());

        Gated.Gate.Reset();
        ValueTask<Gated> large;
        try
        {
            // The 1 MiB reply's decode waits at the gate on the caller's node; the ping's reply comes
            // in behind it on the same connection.
            large = sink.Make(1 << 20, false);
            Assert.Equal(1, await worker.WithTimeout(TimeSpan.FromSeconds(20)).Ping());
            Assert.False(large.IsCompleted);
        }
        finally
        {
            Gated.Gate.Set();
        }

        Assert.Equal(1 << 20, (await large).Data.Length);
    }

    [Fact]
    public async Task A_large_reply_that_does_not_decode_fails_its_call_and_closes_the_connection()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var sink = a.Ref<GatedSink>(b.Spawn<GatedSink>().Pid).WithTimeout(Long);
        Assert.Equal(0, await sink.Taken());
        var down = new TaskCompletionSource<NodeDown>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = a.MonitorNodes(null, d => down.TrySetResult(d));   // the caller's node refuses it

        var ex = await Assert.ThrowsAsync<NodeDownException>(async () => await sink.Make(1 << 20, true));
        Assert.Contains("did not decode", ex.Message, StringComparison.Ordinal);
        Assert.Equal(NodeDownKind.ProtocolError, (await down.Task.WaitAsync(Long)).Kind);
    }
}
