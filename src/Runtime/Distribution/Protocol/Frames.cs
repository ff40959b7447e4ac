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
/// The writer serializes a frame into the connection's <see cref="FrameBuffer"/>, then copies it into
/// the <see cref="PipeWriter"/> behind its length, or hands it back to be sent in pieces
/// (<see cref="Fragments"/>) when it is large; frames queued together go out in one flush.
/// </remarks>
internal static class Frames
{
    public const int HeaderSize = 4;

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>, if it is all there.</summary>
    /// <exception cref="ProtocolException">The header announces an empty frame or more than <paramref name="maxSize"/> bytes.</exception>
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
        if (length == 0)
        {
            ProtocolException.Throw("an empty frame");
        }

        if (length > (uint)maxSize)
        {
            ProtocolException.Throw($"a frame of {length} bytes over the cap of {maxSize}");
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
    /// Serializes <paramref name="frame"/> into <paramref name="buffer"/> (<paramref name="peers"/> shorten
    /// its pids) and writes it into <paramref name="output"/> (not flushed) when its body is at most
    /// <see cref="Fragments.Size"/> bytes, setting <paramref name="written"/>; a larger body is returned as
    /// stream <paramref name="stream"/>, whose pieces the caller writes (<see cref="FragmentStream.WriteNext"/>).
    /// </summary>
    /// <remarks>
    /// Nothing reaches the pipe until the frame is whole, so a frame that cannot be serialized, or
    /// comes out over <paramref name="maxSize"/> (the smaller of the two ends' caps), leaves the stream
    /// as it was; the exception goes to the caller.
    /// </remarks>
    /// <exception cref="MessageTooLargeException">The body is over <paramref name="maxSize"/>.</exception>
    public static FragmentStream? Write(PipeWriter output, OutFrame frame, FramePeers peers, FrameBuffer buffer, int maxSize, uint stream, out long written)
    {
        buffer.Begin(maxSize);
        var writer = new FrameWriter(buffer);
        var headers = frame.Headers;
        var withHeaders = !headers.IsEmpty && peers.Headers;
        writer.Byte((byte)(withHeaders ? frame.Kind | FrameKind.HasHeaders : frame.Kind));
        if (withHeaders)
        {
            headers.Write(ref writer);
        }

        frame.WriteBody(ref writer, peers);
        var length = buffer.Length;
        if (length > maxSize)
        {
            throw new MessageTooLargeException(length, maxSize);
        }

        if (length > Fragments.Size)
        {
            written = 0;
            return new FragmentStream(stream, buffer);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(HeaderSize), (uint)length);
        output.Advance(HeaderSize);
        buffer.CopyTo(output);
        written = HeaderSize + length;
        return null;
    }
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

    /// <summary>
    /// Serializes the frame's user payload, if it has one, on the sender's thread before the frame is
    /// queued (<see cref="PreparedPayload"/>); returns its length, or 0 when there is none.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The payload is over <paramref name="cap"/>.</exception>
    public virtual long Prepare(long cap) => 0;

    /// <summary>
    /// <see cref="Prepare"/> failed: tell the frame's waiter and return true, or return a frame to send in
    /// its place (a reply that says why), or return false when only the sender can be told (it is thrown to).
    /// </summary>
    public virtual bool Refused(string peer, Exception exception, out OutFrame? instead)
    {
        instead = null;
        return false;
    }

    /// <summary>Writes the body after the kind byte. Field order is the wire format (docs/protocol.md) and <see cref="FrameDecoder"/> reads it back.</summary>
    public abstract void WriteBody(ref FrameWriter writer, FramePeers peers);
}
