using Typed.CompilerServices;

namespace Typed.Distribution.Protocol;

/// <summary>
/// A user payload serialized by its sender when the frame is queued (<see cref="OutFrame.Prepare"/>),
/// so the connection's write loop only copies bytes: a large message costs its sender the time to
/// serialize it, and never holds up the other frames on the connection while it is serialized.
/// </summary>
/// <remarks>
/// Design note. Erlang encodes a message in the sending process too. Preparing at the sender is also
/// where the cap is checked, so a message over it fails its sender (a cast included) before it is
/// queued. A large payload (over <see cref="Fragments.Size"/>) keeps the pooled chunks it was
/// serialized into, which the frame's <see cref="FragmentStream"/> takes over and returns to the pool
/// piece by piece as they are written: it is never copied again. A small one is not kept: the write
/// loop serializes it again straight into the frame, which costs a few tens of nanoseconds where
/// keeping it (an array per message, copied twice) cost remote throughput a fifth or more.
/// Serialization goes through one <see cref="FrameBuffer"/> per thread.
/// </remarks>
internal sealed class PreparedPayload
{
    [ThreadStatic]
    static FrameBuffer? t_buffer;

    List<(byte[] Array, int Length)>? _chunks;

    PreparedPayload(List<(byte[], int)> chunks, long length)
    {
        _chunks = chunks;
        Length = length;
    }

    /// <summary>The payload's length in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// Serializes <paramref name="value"/> and returns its length; <paramref name="large"/> keeps it
    /// when it is over <see cref="Fragments.Size"/>, else is null.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The payload is over <paramref name="cap"/>.</exception>
    public static long Prepare<T>(MessageCodec<T> codec, T value, long cap, out PreparedPayload? large) =>
        Prepare(cap, codec, value, static (codec, value, buffer) => codec.WriteValue(buffer, value), out large);

    /// <inheritdoc cref="Prepare{T}(MessageCodec{T}, T, long, out PreparedPayload?)"/>
    public static long Prepare(MessageCodec codec, object? value, long cap, out PreparedPayload? large) =>
        Prepare(cap, codec, value, static (codec, value, buffer) => codec.Write(buffer, value), out large);

    static long Prepare<TCodec, TValue>(long cap, TCodec codec, TValue value, Action<TCodec, TValue, FrameBuffer> write, out PreparedPayload? large)
    {
        var buffer = t_buffer ??= new FrameBuffer();
        buffer.Begin(cap);
        try
        {
            write(codec, value, buffer);
            var length = buffer.Length;
            if (length > cap)
            {
                throw new MessageTooLargeException(length, cap);
            }

            large = length > Fragments.Size ? new PreparedPayload(buffer.Detach(), length) : null;
            return length;
        }
        finally
        {
            buffer.Reset();
        }
    }

    /// <summary>Writes a payload into a frame: a large prepared one by handing its chunks over (once), any other by serializing it.</summary>
    public static void Write<T>(ref FrameWriter writer, PreparedPayload? large, MessageCodec<T> codec, T value)
    {
        if (large is null)
        {
            writer.Payload(codec, value);
        }
        else
        {
            large.WriteTo(ref writer);
        }
    }

    /// <inheritdoc cref="Write{T}(ref FrameWriter, PreparedPayload?, MessageCodec{T}, T)"/>
    public static void Write(ref FrameWriter writer, PreparedPayload? large, MessageCodec codec, object? value)
    {
        if (large is null)
        {
            writer.Payload(codec, value);
        }
        else
        {
            large.WriteTo(ref writer);
        }
    }

    void WriteTo(ref FrameWriter writer)
    {
        var chunks = Interlocked.Exchange(ref _chunks, null) ?? throw new InvalidOperationException("a large payload is written once");
        writer.Adopt(chunks, Length);
    }
}
