using System.Buffers.Binary;
using System.Text;

namespace Typed.Fuzzing;

/// <summary>
/// Frame bodies written field by field as docs/protocol.md lays them out, for the frames whose user
/// payload the fuzzer aims at (it needs to know where the payload starts). Every other frame kind
/// comes from the protocol's own encoders (<see cref="Corpus"/>).
/// </summary>
internal sealed class FrameBytes
{
    readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public FrameBytes U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public FrameBytes I32(int value)
    {
        Span<byte> span = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        _bytes.AddRange(span);
        return this;
    }

    public FrameBytes U32(uint value) => I32(unchecked((int)value));

    public FrameBytes U64(ulong value)
    {
        Span<byte> span = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        _bytes.AddRange(span);
        return this;
    }

    /// <summary>i32 byte count (-1 for null), then UTF-8.</summary>
    public FrameBytes String(string? value)
    {
        if (value is null)
        {
            return I32(-1);
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        I32(utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    /// <summary>A pid on the sending node (tag 2): id, creation.</summary>
    public FrameBytes SenderPid(ulong id, uint creation) => U8(2).U64(id).U32(creation);

    /// <summary>The empty pid (tag 0).</summary>
    public FrameBytes NoPid() => U8(0);

    /// <summary>The metadata slot: one deadline header (key 1, a millisecond varint).</summary>
    public FrameBytes Deadline(uint milliseconds)
    {
        var varint = new List<byte>();
        do
        {
            var b = (byte)(milliseconds & 0x7F);
            milliseconds >>= 7;
            varint.Add(milliseconds == 0 ? b : (byte)(b | 0x80));
        }
        while (milliseconds != 0);

        U8(1).U8(1).U8((byte)varint.Count);
        _bytes.AddRange(varint);
        return this;
    }

    public FrameBytes Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>The body with its <c>u32</c> little-endian length in front.</summary>
    public static byte[] Wire(byte[] body)
    {
        var wire = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(wire, (uint)body.Length);
        body.CopyTo(wire, 4);
        return wire;
    }
}
