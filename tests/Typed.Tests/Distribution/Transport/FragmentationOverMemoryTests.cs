using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Typed.CompilerServices;
using Typed.Distribution.Connections;
using Typed.Distribution.Protocol;
using Typed.Distribution.Transport;
using Typed.Tests.Distribution.Protocol;

namespace Typed.Tests.Distribution.Transport;

/// <summary>
/// Fragmentation on real connections over the in-memory transport: large frames arrive whole, other
/// senders' frames go between their pieces, a sender's own frames keep their order, and a peer that
/// breaks the fragment rules is disconnected with the reason.
/// </summary>
public class FragmentationOverMemoryTests
{
    const string A = "a@mem";
    const string B = "b@mem";

    static readonly ConnectionSettings Settings = new(TimeSpan.FromSeconds(60), 64 << 20, 1 << 16);

    static readonly Pid To = new(B, 5, 1);

    /// <summary>A Send frame of <paramref name="size"/> random bytes (seeded).</summary>
    static (SendFrame Frame, string Hash) Big(int size, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return (new SendFrame(To, null, 1, data, MessageCodec<byte[]>.Instance), Hash(data));
    }

    static string Hash(byte[] data) => $"{data.Length}:{Convert.ToHexString(SHA256.HashData(data))}";

    static async Task<(Connection A, Connection B, Recorder AtB)> PairAsync(InMemoryNetwork network, ConnectionSettings? sending = null)
    {
        await using var listener = await network.Transport.ListenAsync(B, new InMemoryEndPoint(B), default);
        var dialled = await network.Transport.ConnectAsync(A, B, null, default);
        var accepted = await listener.AcceptAsync(default);
        var a = new Connection(dialled, sending ?? Settings, NullLogger.Instance, A, outgoing: true);
        var b = new Connection(accepted!, Settings, NullLogger.Instance, B, outgoing: false);
        a.Identify(B, 1, hidden: false, Capabilities.Headers, Settings.MaxFrameSize);
        b.Identify(A, 1, hidden: false, Capabilities.Headers, Settings.MaxFrameSize);
        var atB = new Recorder();
        a.Start(new Recorder());
        b.Start(atB);
        return (a, b, atB);
    }

    [Theory]
    [InlineData(10 << 20)]
    [InlineData(60 << 20)]
    [InlineData(Fragments.Size + 1)]
    public async Task A_large_frame_arrives_whole_and_intact(int size)
    {
        var network = new InMemoryNetwork();
        var (a, _, atB) = await PairAsync(network);
        var (frame, hash) = Big(size);

        _ = a.Enqueue(frame, origin: 1);
        _ = a.Enqueue(new CancelCallFrame(7));

        await Eventually.True(() => atB.Seen.Count == 2, "both frames arrive", 60_000);
        Assert.Contains($"send {hash}", atB.Seen);
        Assert.Contains("cancel 7", atB.Seen);
        Assert.False(a.IsClosed);
    }

    [Fact]
    public async Task Another_senders_small_frame_queued_after_a_large_one_arrives_before_it_completes()
    {
        var network = new InMemoryNetwork();
        var (a, _, atB) = await PairAsync(network);
        var (frame, hash) = Big(10 << 20);
        network.SetDelay(A, B, TimeSpan.FromMilliseconds(2)); // a slow link: every batch waits

        _ = a.Enqueue(frame, origin: 1);
        _ = a.Enqueue(new CancelCallFrame(1), origin: 2);

        await Eventually.True(() => atB.Seen.Count == 2, "both frames arrive", 60_000);
        Assert.Equal(["cancel 1", $"send {hash}"], atB.Seen);
    }

    [Fact]
    public async Task The_same_senders_frames_wait_behind_its_large_frame_and_keep_their_order()
    {
        var network = new InMemoryNetwork();
        var (a, _, atB) = await PairAsync(network);
        var (first, firstHash) = Big(3 << 20, seed: 1);
        var (second, secondHash) = Big(2 << 20, seed: 2);
        network.SetDelay(A, B, TimeSpan.FromMilliseconds(2));

        _ = a.Enqueue(first, origin: 1);
        _ = a.Enqueue(new CancelCallFrame(1), origin: 1);
        _ = a.Enqueue(second, origin: 1);
        _ = a.Enqueue(new CancelCallFrame(2), origin: 1);
        _ = a.Enqueue(new CancelCallFrame(3), origin: 9);

        await Eventually.True(() => atB.Seen.Count == 5, "every frame arrives", 60_000);
        Assert.Equal(["cancel 3", $"send {firstHash}", "cancel 1", $"send {secondHash}", "cancel 2"], atB.Seen);
    }

    [Fact]
    public async Task Large_frames_make_the_connection_busy_by_their_pieces_and_never_cut_it_off()
    {
        var network = new InMemoryNetwork();
        var (a, _, atB) = await PairAsync(network, Settings with { OutgoingQueueLimit = 16 });
        network.Hold(A, B);
        var frames = Enumerable.Range(0, 12).Select(i => Big(1 << 20, seed: i)).ToList();

        for (var i = 0; i < frames.Count; i++)
        {
            _ = a.Enqueue(frames[i].Frame, origin: (ulong)i);
        }

        Task? room = null;
        await Eventually.True(() => (room = a.Enqueue(new CancelCallFrame(1), origin: 99)) is { IsCompleted: false }, "the pieces make the connection busy");

        network.Release(A, B);
        await room!.WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.True(() => atB.Seen.Count(s => s.StartsWith("send", StringComparison.Ordinal)) == frames.Count, "every large frame arrives", 60_000);
        Assert.Equal(frames.Select(f => "send " + f.Hash).Order(), atB.Seen.Where(s => s.StartsWith("send", StringComparison.Ordinal)).Order());
        Assert.False(a.IsClosed);
    }

    [Fact]
    public async Task Closing_mid_stream_releases_both_ends_and_leaves_nothing_open()
    {
        var network = new InMemoryNetwork();
        var (a, b, atB) = await PairAsync(network);
        network.Hold(A, B);
        _ = a.Enqueue(Big(8 << 20).Frame, origin: 1);

        a.Close("done");

        Assert.Equal("done", await a.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        await b.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(atB.Seen);
    }

    public static TheoryData<string, byte[]> Breaches() => new()
    {
        { "over the cap", FragmentTests.Piece(FrameKind.FragmentStart, 1, (64u << 20) + 1, 8) },
        { "not open", FragmentTests.Piece(FrameKind.Fragment, 4, 1, 8) },
        { "started twice", [.. FragmentTests.Piece(FrameKind.FragmentStart, 1, 100_000, 8), .. FragmentTests.Piece(FrameKind.FragmentStart, 1, 100_000, 8)] },
        { "where 1 was due", [.. FragmentTests.Piece(FrameKind.FragmentStart, 1, 100_000, 8), .. FragmentTests.Piece(FrameKind.Fragment, 1, 2, 8)] },
        { "open at once", [.. Enumerable.Range(0, Fragments.MaxStreams + 1).SelectMany(i => FragmentTests.Piece(FrameKind.FragmentStart, (uint)i, 100_000, 8))] },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task A_peer_breaking_the_fragment_rules_is_disconnected_with_the_reason(string reason, byte[] wire)
    {
        var network = new InMemoryNetwork();
        await using var listener = await network.Transport.ListenAsync(B, new InMemoryEndPoint(B), default);
        var raw = await network.Transport.ConnectAsync(A, B, null, default);
        var b = new Connection((await listener.AcceptAsync(default))!, Settings, NullLogger.Instance, B, outgoing: false);
        b.Identify(A, 1, hidden: false, Capabilities.Headers, Settings.MaxFrameSize);
        var atB = new Recorder();
        b.Start(atB);

        await raw.Transport.Output.WriteAsync(wire);

        var closed = await b.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("protocol error", closed, StringComparison.Ordinal);
        Assert.Contains(reason, closed, StringComparison.Ordinal);
        Assert.Empty(atB.Seen);
        await raw.DisposeAsync();
    }

    /// <summary>Records Send frames by their payload's hash and CancelCall frames by their reference, in order of arrival.</summary>
    sealed class Recorder : IConnectionHandler
    {
        readonly ConcurrentQueue<string> _seen = new();

        public IReadOnlyList<string> Seen => _seen.ToArray();

        public void OnFrame(Connection connection, in ReadOnlySequence<byte> body, IFrameLease lease)
        {
            var reader = new FrameReader(body);
            switch ((FrameKind)reader.Byte())
            {
                case FrameKind.CancelCall:
                    _seen.Enqueue("cancel " + reader.UInt64());
                    break;
                case FrameKind.Send:
                    reader.Pid(connection.Ends);
                    reader.Int32();
                    _seen.Enqueue("send " + Hash(MessageCodec<byte[]>.Instance.ReadValue(reader.Rest())!));
                    break;
            }
        }

        public void OnClosed(Connection connection, string reason)
        {
        }
    }
}
