using System.Buffers;
using System.Buffers.Binary;
using Typed.CompilerServices;
using Typed.Distribution.Protocol;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>The fragment layout alone: large frames cut into pieces and put back together, and every rule a peer may break.</summary>
public class FragmentTests
{
    static readonly Pid OnB = new("b@127.0.0.1", 9, 4);

    static SendFrame Payload(int size, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return new SendFrame(OnB, null, 5, data, MessageCodec<byte[]>.Instance);
    }

    /// <summary>The frames in <paramref name="wire"/> as they reach the decoder, after reassembly.</summary>
    static List<byte[]> Take(byte[] wire, int maxFrameSize = 64 << 20)
    {
        using var assembler = new FragmentAssembler(maxFrameSize);
        var taken = new List<byte[]>();
        var buffer = new ReadOnlySequence<byte>(wire);
        while (Frames.TryRead(ref buffer, maxFrameSize, out var body))
        {
            if (assembler.TryTake(body, out var frame))
            {
                taken.Add(frame.ToArray());
                assembler.Release();
            }
        }

        Assert.Equal(0, buffer.Length);
        Assert.Equal(0, assembler.Open);
        return taken;
    }

    static byte[] Body(OutFrame frame) => Take(WireBytes.Frames(frame)).Single();

    [Fact]
    public void A_body_of_the_fragment_size_goes_whole_and_one_byte_more_goes_in_pieces()
    {
        var overhead = Body(Payload(0)).Length;
        var whole = WireBytes.Frames(Payload(Fragments.Size - overhead));
        var cut = WireBytes.Frames(Payload(Fragments.Size - overhead + 1));

        Assert.Equal(Frames.HeaderSize + Fragments.Size, whole.Length);
        Assert.Equal((byte)FrameKind.Send, whole[Frames.HeaderSize]);
        Assert.Equal((byte)FrameKind.FragmentStart, cut[Frames.HeaderSize]);
        Assert.Equal(2 * Fragments.Overhead + Fragments.Size + 1, cut.Length);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1 << 20)]
    [InlineData(3 * Fragments.Size)]
    public void A_fragmented_frame_reads_back_byte_for_byte(int size)
    {
        var frame = Payload(size);
        var wire = WireBytes.Frames(frame);
        Assert.Equal((byte)FrameKind.FragmentStart, wire[Frames.HeaderSize]);

        var reader = new FrameReader(new ReadOnlySequence<byte>(Take(wire).Single()));
        Assert.Equal((byte)FrameKind.Send, reader.Byte());
        Assert.Equal(OnB, reader.Pid(WireBytes.BfromA));
        Assert.Equal(5, reader.Int32());
        var data = MessageCodec<byte[]>.Instance.ReadValue(reader.Rest())!;
        var expected = new byte[size];
        new Random(1).NextBytes(expected);
        Assert.Equal(expected, data);
    }

    [Fact]
    public void Pieces_of_several_streams_and_ordinary_frames_interleaved_and_split_at_any_byte_read_back_whole()
    {
        // Two streams, their pieces alternating, a small frame between each pair.
        var first = Pieces(WireBytes.Frames(Payload(200_000, seed: 1)), stream: 0);
        var second = Pieces(WireBytes.Frames(Payload(150_000, seed: 2)), stream: 1);
        var wire = new List<byte>();
        for (var i = 0; i < Math.Max(first.Count, second.Count); i++)
        {
            if (i < first.Count)
            {
                wire.AddRange(first[i]);
            }

            wire.AddRange(WireBytes.Frames(new CancelCallFrame((ulong)i)));
            if (i < second.Count)
            {
                wire.AddRange(second[i]);
            }
        }

        var taken = Take([.. wire]);

        Assert.Equal(Math.Max(first.Count, second.Count) + 2, taken.Count);
        Assert.Contains(taken, t => t.AsSpan().SequenceEqual(Body(Payload(200_000, seed: 1))));
        Assert.Contains(taken, t => t.AsSpan().SequenceEqual(Body(Payload(150_000, seed: 2))));

        // The same bytes arriving in random slices give the same frames.
        var random = new Random(7);
        using var assembler = new FragmentAssembler(64 << 20);
        var pending = new List<byte>();
        var count = 0;
        for (var offset = 0; offset < wire.Count;)
        {
            var slice = Math.Min(wire.Count - offset, random.Next(1, 40_000));
            pending.AddRange(wire.GetRange(offset, slice));
            offset += slice;
            var buffer = new ReadOnlySequence<byte>([.. pending]);
            while (Frames.TryRead(ref buffer, 64 << 20, out var body))
            {
                if (assembler.TryTake(body, out _))
                {
                    count++;
                    assembler.Release();
                }
            }

            pending = [.. buffer.ToArray()];
        }

        Assert.Equal(taken.Count, count);
    }

    public static TheoryData<string, byte[]> Breaches() => new()
    {
        { "over the cap of 1048576", Piece(FrameKind.FragmentStart, 1, (1u << 20) + 1, 8) },
        { "which goes whole", Piece(FrameKind.FragmentStart, 1, Fragments.Size, 8) },
        { "an empty FragmentStart", Piece(FrameKind.FragmentStart, 1, 100_000, 0) },
        { "which is not open", Piece(FrameKind.Fragment, 4, 1, 8) },
        { "started twice", [.. Piece(FrameKind.FragmentStart, 1, 100_000, 8), .. Piece(FrameKind.FragmentStart, 1, 100_000, 8)] },
        { "where 1 was due", [.. Piece(FrameKind.FragmentStart, 1, 100_000, 8), .. Piece(FrameKind.Fragment, 1, 2, 8)] },
        { "where 2 was due", [.. Piece(FrameKind.FragmentStart, 1, 100_000, 8), .. Piece(FrameKind.Fragment, 1, 1, 8), .. Piece(FrameKind.Fragment, 1, 1, 8)] },
        { "run past", [.. Piece(FrameKind.FragmentStart, 1, 70_000, 60_000), .. Piece(FrameKind.Fragment, 1, 1, 10_001)] },
        { "holds a fragment", [.. Piece(FrameKind.FragmentStart, 1, 70_000, 60_000, fill: (byte)FrameKind.Fragment), .. Piece(FrameKind.Fragment, 1, 1, 10_000)] },
        { "open at once", [.. Enumerable.Range(0, Fragments.MaxStreams + 1).SelectMany(i => Piece(FrameKind.FragmentStart, (uint)i, 100_000, 8))] },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void A_fragment_that_breaks_a_rule_is_a_protocol_error_before_it_is_buffered(string reason, byte[] wire)
    {
        var ex = Assert.Throws<ProtocolException>(() => Take(wire, maxFrameSize: 1 << 20));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_fragment_frame_is_a_protocol_error_or_a_wait_never_another_exception()
    {
        var pieces = Pieces(WireBytes.Frames(Payload(100_000)), stream: 3);
        foreach (var piece in pieces)
        {
            var body = piece.AsSpan(Frames.HeaderSize).ToArray();
            for (var length = 1; length < body.Length; length += length < 64 ? 1 : 997)
            {
                using var assembler = new FragmentAssembler(1 << 20);
                try
                {
                    assembler.TryTake(new ReadOnlySequence<byte>(body, 0, length), out _);
                }
                catch (ProtocolException)
                {
                    // Refused: the only acceptable failure.
                }
            }
        }
    }

    /// <summary>The frames on <paramref name="wire"/>, each with its header, renumbered as <paramref name="stream"/>.</summary>
    static List<byte[]> Pieces(byte[] wire, uint stream)
    {
        var pieces = new List<byte[]>();
        var buffer = new ReadOnlySequence<byte>(wire);
        while (buffer.Length > 0)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(0, 4).ToArray());
            var piece = buffer.Slice(0, 4 + length).ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(piece.AsSpan(5), stream);
            pieces.Add(piece);
            buffer = buffer.Slice(4 + length);
        }

        return pieces;
    }

    /// <summary>A fragment frame by hand: kind, stream, total or sequence, and <paramref name="bytes"/> bytes of <paramref name="fill"/>.</summary>
    internal static byte[] Piece(FrameKind kind, uint stream, uint number, int bytes, byte fill = 0)
    {
        var frame = new byte[Fragments.Overhead + bytes];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - 4));
        frame[4] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5), stream);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(9), number);
        frame.AsSpan(Fragments.Overhead).Fill(fill);
        return frame;
    }
}
