using System.Buffers;
using Typed.Distribution.Framing;

namespace Typed.Tests.Distribution;

public class FramingTests
{
    [Fact]
    public void Frames_split_at_random_points_read_back_whole_and_in_order()
    {
        var scratch = new ArrayBufferWriter<byte>();
        var sent = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var text = new string((char)('a' + (i % 26)), i * 7 % 300);
            sent.Add(text);
            Frames.Write(scratch, new RefuseFrame(text), new FramePeers("a@127.0.0.1", "b@127.0.0.1"));
        }

        var stream = scratch.WrittenSpan.ToArray();
        var random = new Random(1234);
        for (var round = 0; round < 50; round++)
        {
            var received = new List<string>();
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
                    using var state = MemoryPack.MemoryPackReaderOptionalStatePool.Rent(MemoryPack.MemoryPackSerializerOptions.Default);
                    var reader = new MemoryPack.MemoryPackReader(body, state);
                    reader.ReadUnmanaged(out FrameKind kind);
                    Assert.Equal(FrameKind.Refuse, kind);
                    received.Add(reader.ReadString()!);
                }

                pending = [.. buffer.ToArray()];
            }

            Assert.Equal(sent, received);
            Assert.Empty(pending);
        }
    }

    [Fact]
    public void An_oversized_frame_is_refused_from_its_header_before_its_body_arrives()
    {
        var header = new byte[] { 0x00, 0x00, 0x10, 0x00 }; // 1 MiB announced, nothing after it
        var buffer = new ReadOnlySequence<byte>(header);

        Assert.Throws<FrameTooLargeException>(() => Frames.TryRead(ref buffer, 64 * 1024, out _));
    }

    [Fact]
    public void A_partial_header_asks_for_more_bytes()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 5, 0 });

        Assert.False(Frames.TryRead(ref buffer, 1024, out _));
        Assert.Equal(2, buffer.Length);
    }
}
