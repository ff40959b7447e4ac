using System.Buffers;
using MemoryPack;
using Typed.Distribution.Connections;
using Typed.Distribution.Framing;

namespace Typed.Tests.Distribution;

/// <summary>Pids in frames are written relative to the connection's two ends and read back the same.</summary>
public class FramePeersTests
{
    static readonly FramePeers AtoB = new("a@127.0.0.1", "b@127.0.0.1");
    static readonly FramePeers BfromA = new("b@127.0.0.1", "a@127.0.0.1");

    [Fact]
    public void Pids_on_either_end_take_13_bytes_others_their_full_form_and_all_read_back_equal()
    {
        Pid[] pids = [new("b@127.0.0.1", 42, 7), new("a@127.0.0.1", 1, 3), new("c@127.0.0.1", 9, 9), default];
        var sizes = pids.Select(p => Write(p).Length).ToArray();

        Assert.Equal([13, 13, 1 + Full(pids[2]), 1], sizes);
        Assert.All(pids, p => Assert.Equal(p, Read(Write(p))));
    }

    [Fact]
    public void An_unknown_pid_tag_is_a_protocol_error()
    {
        Assert.Throws<ProtocolException>(() => Read([9, 0, 0]));
    }

    static byte[] Write(Pid pid)
    {
        var scratch = new ArrayBufferWriter<byte>();
        using (var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default))
        {
            var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref scratch, state);
            AtoB.Write(ref writer, pid);
            writer.Flush();
        }

        return scratch.WrittenSpan.ToArray();
    }

    static Pid Read(byte[] bytes)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(new ReadOnlySequence<byte>(bytes), state);
        return BfromA.Read(ref reader);
    }

    static int Full(Pid pid) => MemoryPackSerializer.Serialize(pid).Length;
}
