using System.Buffers.Binary;
using System.Text;
using Typed.CompilerServices;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Writes a frame's fields into the connection's <see cref="FrameBuffer"/>, counting the bytes. Every runtime field has one encoding, here; user
/// payloads go through their <see cref="MessageCodec"/> (MemoryPack).
/// </summary>
internal ref struct FrameWriter(FrameBuffer output)
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly FrameBuffer _output = output;

    /// <summary>Bytes written through this writer.</summary>
    public int Written { get; private set; }

    public void Byte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_output.GetSpan(2), value);
        Advance(2);
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>An i32 byte count (-1 for null), then UTF-8.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }

        var count = Utf8.GetByteCount(value);
        Int32(count);
        if (count > 0)
        {
            Utf8.GetBytes(value, _output.GetSpan(count));
            Advance(count);
        }
    }

    public void Bytes(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(_output.GetSpan(value.Length));
        Advance(value.Length);
    }

    /// <summary>A pid, compact when it lives on either end of the connection (<see cref="FramePeers"/>).</summary>
    public void Pid(Pid pid, FramePeers peers) => peers.Write(ref this, pid);

    /// <summary>Kind, then term, exception type, message and stack text.</summary>
    public void Reason(ExitReason reason)
    {
        Byte((byte)reason.Kind);
        String(reason.Term);
        String(reason.ExceptionType);
        String(reason.Message);
        String(reason.StackTrace);
    }

    public void Monitor(MonitorRef monitor)
    {
        String(monitor.Node);
        UInt64(monitor.Id);
    }

    /// <summary>A user payload, serialized by its codec; it runs to the end of the frame.</summary>
    public void Payload(MessageCodec codec, object? value) => Written += codec.Write(_output, value);

    /// <summary>A typed user payload, without boxing.</summary>
    public void Payload<T>(MessageCodec<T> codec, T value) => Written += codec.WriteValue(_output, value);

    /// <summary>Appends serialized chunks to the frame by taking them over (see <see cref="FrameBuffer.Adopt"/>).</summary>
    public void Adopt(List<(byte[] Array, int Length)> chunks, long length)
    {
        _output.Adopt(chunks);
        Written = (int)Math.Min(int.MaxValue, Written + length);
    }

    void Advance(int count)
    {
        _output.Advance(count);
        Written += count;
    }
}
