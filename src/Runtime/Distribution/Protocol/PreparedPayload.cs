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
/// queued. A small payload (at most <see cref="Fragments.Size"/>) is kept as one exact array; a large
/// one keeps the pooled chunks it was serialized into, which the frame's <see cref="FragmentStream"/>
/// takes over and returns to the pool piece by piece as they are written: it is never copied again.
/// Serialization goes through one <see cref="FrameBuffer"/> per thread.
/// </remarks>
internal sealed class PreparedPayload
{
    [ThreadStatic]
    static FrameBuffer? t_buffer;

    readonly byte[]? _small;
    List<(byte[] Array, int Length)>? _chunks;

    PreparedPayload(byte[]? small, List<(byte[], int)>? chunks, long length)
    {
        _small = small;
        _chunks = chunks;
        Length = length;
    }

    /// <summary>The payload's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Serializes <paramref name="value"/>; throws <see cref="MessageTooLargeException"/> past <paramref name="cap"/>.</summary>
    public static PreparedPayload Of<T>(MessageCodec<T> codec, T value, long cap) =>
        Of(cap, codec, value, static (codec, value, buffer) => codec.WriteValue(buffer, value));

    /// <summary>Serializes <paramref name="value"/> with an untyped codec; throws <see cref="MessageTooLargeException"/> past <paramref name="cap"/>.</summary>
    public static PreparedPayload Of(MessageCodec codec, object? value, long cap) =>
        Of(cap, codec, value, static (codec, value, buffer) => codec.Write(buffer, value));

    static PreparedPayload Of<TCodec, TValue>(long cap, TCodec codec, TValue value, Action<TCodec, TValue, FrameBuffer> write)
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

            return length <= Fragments.Size
                ? new PreparedPayload(buffer.ToArray(), null, length)
                : new PreparedPayload(null, buffer.Detach(), length);
        }
        finally
        {
            buffer.Begin(0);
        }
    }

    /// <summary>Writes the payload into a frame: a small one is copied, a large one's chunks are handed over (once).</summary>
    public void WriteTo(ref FrameWriter writer)
    {
        if (_small is not null)
        {
            writer.Bytes(_small);
            return;
        }

        var chunks = Interlocked.Exchange(ref _chunks, null) ?? throw new InvalidOperationException("a large payload is written once");
        writer.Adopt(chunks, Length);
    }
}
