using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Typed.Distribution.Protocol;

/// <summary>
/// The frame layer: <c>[u32 little-endian body length][body]</c>, the body's first byte its
/// <see cref="FrameKind"/>.
/// </summary>
/// <remarks>
/// Design note. The reader never buffers more than one frame header before it knows the frame's
/// size, and refuses a size over the cap before waiting for the body. It returns "need more bytes"
/// by returning false with the buffer untouched, so a frame split at any byte is read the same.
/// The writer serializes a frame straight into the connection's <see cref="PipeWriter"/>: it reserves
/// the header, writes the body, then sets the length; frames queued together go out in one flush.
/// </remarks>
internal static class Frames
{
    public const int HeaderSize = 4;

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>, if it is all there.</summary>
    /// <exception cref="ProtocolException">The header announces an empty frame or more than <paramref name="maxSize"/> bytes.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> body)
    {
        var read = TryReadOrSkip(ref buffer, maxSize, out body, out var skip);
        if (skip > 0)
        {
            ProtocolException.Throw($"a frame of {skip - HeaderSize} bytes over the cap of {maxSize}");
        }

        return read;
    }

    /// <summary>
    /// As <see cref="TryRead"/>, but a Tick over the cap (a message the sender found too large after
    /// writing it, and voided) is not an error: <paramref name="skip"/> says how many bytes, header
    /// included, to discard as they arrive, without buffering them.
    /// </summary>
    public static bool TryReadOrSkip(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> body, out long skip)
    {
        body = default;
        skip = 0;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize + 1];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length == 0)
        {
            ProtocolException.Throw("an empty frame");
        }

        if (length > (uint)maxSize)
        {
            if (buffer.Length < HeaderSize + 1)
            {
                return false;
            }

            buffer.Slice(HeaderSize, 1).CopyTo(header[HeaderSize..]);
            if (header[HeaderSize] != (byte)FrameKind.Tick)
            {
                ProtocolException.Throw($"a frame of {length} bytes over the cap of {maxSize}");
            }

            skip = HeaderSize + (long)length;
            return false;
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        body = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="frame"/>, header and body, into <paramref name="output"/> (not flushed);
    /// <paramref name="peers"/> shorten its pids. Returns the bytes written.
    /// </summary>
    /// <remarks>
    /// When the body cannot be serialized, or comes out over <paramref name="maxSize"/>, the bytes
    /// already in the pipe become the body of a Tick (whose body receivers ignore, and skip without
    /// buffering when it is over their cap), so the stream stays whole; the exception goes to the caller.
    /// </remarks>
    public static long Write(PipeWriter output, OutFrame frame, FramePeers peers, int maxSize = int.MaxValue)
    {
        var counted = output.CanGetUnflushedBytes;
        var start = counted ? output.UnflushedBytes : 0;
        var header = output.GetMemory(HeaderSize + 1)[..(HeaderSize + 1)];
        var headers = frame.Headers;
        var withHeaders = !headers.IsEmpty && peers.Headers;
        header.Span[HeaderSize] = (byte)(withHeaders ? frame.Kind | FrameKind.HasHeaders : frame.Kind);
        output.Advance(HeaderSize + 1);
        var writer = new FrameWriter(output);
        try
        {
            if (withHeaders)
            {
                headers.Write(ref writer);
            }

            frame.WriteBody(ref writer, peers);
        }
        catch when (counted)
        {
            header.Span[HeaderSize] = (byte)FrameKind.Tick;
            SetLength(header.Span, output.UnflushedBytes - start);
            throw;
        }

        var total = counted ? output.UnflushedBytes - start : HeaderSize + 1 + writer.Written;
        if (total <= HeaderSize)
        {
            // The pipe dropped what was written: its reader, the carrier, is gone.
            throw new IOException("the connection's carrier no longer takes bytes");
        }

        SetLength(header.Span, total);
        if (total - HeaderSize > maxSize && counted)
        {
            // Too large for the peer to take: voided as a Tick the peer skips without buffering.
            header.Span[HeaderSize] = (byte)FrameKind.Tick;
            throw new MessageTooLargeException(total - HeaderSize, maxSize);
        }

        return total;
    }

    static void SetLength(Span<byte> header, long total) =>
        BinaryPrimitives.WriteUInt32LittleEndian(header, checked((uint)(total - HeaderSize)));
}

/// <summary>A frame waiting in a connection's outgoing queue; serialized by the write loop.</summary>
internal abstract class OutFrame
{
    public abstract FrameKind Kind { get; }

    /// <summary>The frame's metadata; written only when the connection negotiated headers.</summary>
    public virtual FrameHeaders Headers => default;

    /// <summary>The frame could not be serialized and was voided: tell whoever waits for its answer.</summary>
    public virtual void NotWritten(string peer, Exception exception)
    {
    }

    /// <summary>Writes the body after the kind byte. Field order is the wire format (docs/protocol.md) and <see cref="FrameDecoder"/> reads it back.</summary>
    public abstract void WriteBody(ref FrameWriter writer, FramePeers peers);
}
