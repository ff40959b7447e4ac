using System.Buffers;
using Typed.Distribution.Protocol;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>The frame layer alone: length prefixes, splits at any byte, caps, compact pids.</summary>
public class FramingTests
{
    [Fact]
    public void Frames_split_at_random_points_read_back_whole_and_in_order()
    {
        var sent = Enumerable.Range(0, 200).Select(i => (ulong)i * 7919).ToList();
        var stream = WireBytes.Frames([.. sent.Select(r => new CancelCallFrame(r))]);
        var random = new Random(1234);
        for (var round = 0; round < 50; round++)
        {
            var received = new List<ulong>();
            var pending = new List<byte>();
            var offset = 0;
            while (offset < stream.Length)
            {
                var chunk = Math.Min(stream.Length - offset, random.Next(1, 97));
                pending.AddRange(stream.AsSpan(offset, chunk).ToArray());
                offset += chunk;
                var buffer = new ReadOnlySequence<byte>(pending.ToArray());
                while (Frames.TryRead(ref buffer, 1 << 20, out var body))
                {
                    var reader = new FrameReader(body);
                    Assert.Equal((byte)FrameKind.CancelCall, reader.Byte());
                    received.Add(reader.UInt64());
                }

                pending = [.. buffer.ToArray()];
            }

            Assert.Equal(sent, received);
            Assert.Empty(pending);
        }
    }

    [Theory]
    [InlineData((byte)FrameKind.Send)]
    [InlineData((byte)FrameKind.Tick)]
    [InlineData((byte)FrameKind.FragmentStart)]
    public void An_oversized_frame_of_any_kind_is_refused_from_its_header_before_its_body_arrives(byte kind)
    {
        var header = new byte[] { 0x00, 0x00, 0x10, 0x00, kind }; // 1 MiB announced, nothing after it
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.Throws<ProtocolException>(() => Frames.TryRead(ref buffer, 64 * 1024, out _));
    }

    [Fact]
    public void An_empty_frame_is_refused()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[4]);

        Assert.Throws<ProtocolException>(() => Frames.TryRead(ref buffer, 1024, out _));
    }

    [Fact]
    public void A_partial_header_asks_for_more_bytes()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 5, 0 });

        Assert.False(Frames.TryRead(ref buffer, 1024, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void Pids_on_either_end_take_13_bytes_others_carry_their_node_and_all_read_back_equal()
    {
        Pid[] pids = [new("b@127.0.0.1", 42, 7), new("a@127.0.0.1", 1, 3), new("c@127.0.0.1", 9, 9), default];
        var sizes = pids.Select(p => WireBytes.Pid(p).Length).ToArray();

        Assert.Equal([13, 13, 1 + 4 + "c@127.0.0.1".Length + 12, 1], sizes);
        Assert.All(pids, p => Assert.Equal(p, WireBytes.ReadPid(WireBytes.Pid(p))));
    }

    [Fact]
    public void An_unknown_pid_tag_or_a_bad_node_name_is_a_protocol_error()
    {
        Assert.Throws<ProtocolException>(() => WireBytes.ReadPid([9, 0, 0]));
        byte[] badName = [3, 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c', .. new byte[12]];
        Assert.Throws<ProtocolException>(() => WireBytes.ReadPid(badName));
    }

    [Theory]
    [InlineData(0x80000000u)]
    [InlineData(0x80000003u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(100u)]
    public void A_string_length_past_the_frame_is_refused_before_any_byte_is_read(uint length)
    {
        var bytes = new byte[8];
        BitConverter.TryWriteBytes(bytes, length);
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new FrameReader(new ReadOnlySequence<byte>(bytes));
            reader.String();
        });
    }
}
