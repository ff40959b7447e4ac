using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Typed.Distribution.Connections;
using Typed.Distribution.Protocol;
using Typed.Distribution.Transport;

namespace Typed.Tests.Distribution.Transport;

/// <summary>Connections over the in-memory transport, with no kernel: frames, batching, ticks and the network's faults.</summary>
public class ConnectionOverMemoryTests
{
    const string A = "a@mem";
    const string B = "b@mem";

    static readonly ConnectionSettings Settings = new(TimeSpan.FromSeconds(60), 1 << 20, 1 << 16);

    /// <summary>A started connection pair a → b on <paramref name="network"/>, and what each side received.</summary>
    static async Task<(Connection A, Recorder AtA, Connection B, Recorder AtB)> PairAsync(InMemoryNetwork network, ConnectionSettings? settings = null, ConnectionSettings? receiving = null)
    {
        await using var listener = await network.Transport.ListenAsync(B, new InMemoryEndPoint(B), default);
        var dialled = await network.Transport.ConnectAsync(A, B, null, default);
        var accepted = await listener.AcceptAsync(default);
        var a = new Connection(dialled, settings ?? Settings, NullLogger.Instance, A, outgoing: true);
        var b = new Connection(accepted!, receiving ?? settings ?? Settings, NullLogger.Instance, B, outgoing: false);
        a.Identify(B, 1, hidden: false, Capabilities.Headers);
        b.Identify(A, 1, hidden: false, Capabilities.Headers);
        var (atA, atB) = (new Recorder(), new Recorder());
        a.Start(atA);
        b.Start(atB);
        return (a, atA, b, atB);
    }

    [Fact]
    public async Task Frames_arrive_whole_and_in_order_in_both_directions()
    {
        var network = new InMemoryNetwork();
        var (a, atA, b, atB) = await PairAsync(network);

        for (ulong i = 0; i < 10_000; i++)
        {
            _ = a.Enqueue(new CancelCallFrame(i));
            _ = b.Enqueue(new CancelCallFrame(i));
        }

        await Eventually.True(() => atB.CallRefs.Count == 10_000 && atA.CallRefs.Count == 10_000, "every frame arrives");
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (ulong)i), atB.CallRefs);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (ulong)i), atA.CallRefs);
        a.Close("done");
        Assert.Equal("done", await a.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        await b.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Held_bytes_wait_and_then_arrive_in_order()
    {
        var network = new InMemoryNetwork();
        var (a, _, _, atB) = await PairAsync(network);
        network.Hold(A, B);

        for (ulong i = 0; i < 100; i++)
        {
            _ = a.Enqueue(new CancelCallFrame(i));
        }

        await Task.Yield();
        Assert.Empty(atB.CallRefs);
        network.Release(A, B);

        await Eventually.True(() => atB.CallRefs.Count == 100, "the held frames arrive");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (ulong)i), atB.CallRefs);
    }

    [Fact]
    public async Task A_dropped_connection_closes_both_ends()
    {
        var network = new InMemoryNetwork();
        var (a, atA, b, atB) = await PairAsync(network);

        Assert.Equal(1, network.Disconnect(A, B));

        var reasons = await Task.WhenAll(a.Closed, b.Closed).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(reasons, r => Assert.StartsWith("connection_closed", r, StringComparison.Ordinal));
        Assert.Equal(reasons[0], atA.ClosedWith);
        await Eventually.True(() => network.ConnectionCount == 0, "the network forgets the link");
    }

    [Fact]
    public async Task Refused_pairs_cannot_connect_until_allowed()
    {
        var network = new InMemoryNetwork();
        await using var listener = await network.Transport.ListenAsync(B, new InMemoryEndPoint(B), default);
        network.Refuse(A, B);

        await Assert.ThrowsAsync<IOException>(async () => await network.Transport.ConnectAsync(A, B, null, default));
        await Assert.ThrowsAsync<IOException>(async () => await network.Transport.ConnectAsync(A, "nobody@mem", null, default));

        network.Allow(A, B);
        await using var connection = await network.Transport.ConnectAsync(A, B, null, default);
        Assert.Equal(new InMemoryEndPoint(B), connection.RemoteEndPoint);
    }

    [Fact]
    public async Task A_peer_silent_for_the_tick_time_is_cut_off()
    {
        var network = new InMemoryNetwork();
        var (a, _, _, _) = await PairAsync(network, Settings with { TickTime = TimeSpan.FromMilliseconds(400) });
        network.Hold(B, A);

        var reason = await a.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("net_tick_timeout", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delay_holds_each_batch_back()
    {
        var network = new InMemoryNetwork();
        var (a, _, _, atB) = await PairAsync(network);
        network.SetDelay(A, B, TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        _ = a.Enqueue(new CancelCallFrame(1));

        await Eventually.True(() => atB.CallRefs.Count == 1, "the delayed frame arrives");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"arrived after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_frame_over_the_receivers_cap_closes_the_connection_with_a_protocol_error()
    {
        var network = new InMemoryNetwork();
        var (a, _, b, _) = await PairAsync(network, receiving: Settings with { MaxFrameSize = 64 });

        _ = a.Enqueue(new PeersFrame([.. Enumerable.Range(0, 20).Select(i => $"n{i}@mem")]));

        var reason = await b.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("protocol error", reason, StringComparison.Ordinal);
    }

    /// <summary>Decodes what arrives and keeps the call references of CancelCall frames.</summary>
    sealed class Recorder : IConnectionHandler
    {
        readonly ConcurrentQueue<ulong> _refs = new();

        public IReadOnlyList<ulong> CallRefs => _refs.ToArray();

        public string? ClosedWith { get; private set; }

        public void OnFrame(Connection connection, in ReadOnlySequence<byte> body, IFrameLease lease)
        {
            var reader = new FrameReader(body);
            if (reader.Byte() == (byte)FrameKind.CancelCall)
            {
                _refs.Enqueue(reader.UInt64());
            }
        }

        public void OnClosed(Connection connection, string reason) => ClosedWith = reason;
    }
}
