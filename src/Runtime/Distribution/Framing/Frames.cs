using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MemoryPack;

namespace Typed.Distribution.Framing;

/// <summary>
/// The frame layer: <c>[u32 little-endian body length][body]</c>, the body a MemoryPack stream that
/// starts with its <see cref="FrameKind"/>.
/// </summary>
/// <remarks>
/// Design note. The reader never buffers more than one frame header before it knows the frame's
/// size, and refuses a size over the cap before waiting for the body. It returns "need more bytes"
/// by returning false with the buffer untouched, so a frame split at any byte is read the same.
/// The writer serializes frames back to back into one scratch buffer: many small frames cost one
/// copy into the pipe and one flush.
/// </remarks>
internal static class Frames
{
    public const int HeaderSize = 4;

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>, if it is all there.</summary>
    /// <exception cref="FrameTooLargeException">The header announces more than <paramref name="maxSize"/> bytes.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length > (uint)maxSize || length == 0)
        {
            throw new FrameTooLargeException(length, maxSize);
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        body = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>Starts a frame in <paramref name="scratch"/>: reserves its length, to be set by <see cref="End"/>.</summary>
    public static int Begin(ArrayBufferWriter<byte> scratch)
    {
        var start = scratch.WrittenCount;
        scratch.GetSpan(HeaderSize);
        scratch.Advance(HeaderSize);
        return start;
    }

    /// <summary>Writes the length of the frame begun at <paramref name="start"/>.</summary>
    public static void End(ArrayBufferWriter<byte> scratch, int start)
    {
        var length = scratch.WrittenCount - start - HeaderSize;
        var written = MemoryMarshal.AsMemory(scratch.WrittenMemory).Span;
        BinaryPrimitives.WriteUInt32LittleEndian(written.Slice(start, HeaderSize), (uint)length);
    }

    /// <summary>Writes <paramref name="frame"/>, header and body, after what <paramref name="scratch"/> holds; <paramref name="peers"/> shorten its pids.</summary>
    public static void Write(ArrayBufferWriter<byte> scratch, OutFrame frame, FramePeers peers)
    {
        var start = Begin(scratch);
        using (var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default))
        {
            var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref scratch, state);
            writer.WriteUnmanaged(frame.Kind);
            frame.WriteBody(ref writer, peers);
            writer.Flush();
        }

        End(scratch, start);
    }
}

/// <summary>A frame waiting in a connection's outgoing queue; serialized by the write loop.</summary>
internal abstract class OutFrame
{
    public abstract FrameKind Kind { get; }

    public abstract void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers);
}

/// <summary>A peer announced a frame over the size cap.</summary>
internal sealed class FrameTooLargeException(uint length, int max)
    : Exception(length == 0 ? "empty frame" : $"frame of {length} bytes over the cap of {max}");
