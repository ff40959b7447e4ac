using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using MemoryPack;

namespace Typed.CompilerServices;

/// <summary>
/// Serializes one message type with MemoryPack. Generated descriptors hold one per message so the
/// wire never names a .NET type: the distribution layer finds the codec by message id.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MessageCodec
{
    private protected MessageCodec()
    {
    }

    /// <summary>The message type this codec reads and writes.</summary>
    public abstract Type Type { get; }

    /// <summary>Writes <paramref name="value"/> (which must be of <see cref="Type"/>) into <paramref name="writer"/>.</summary>
    /// <param name="writer">Where the bytes go.</param>
    /// <param name="value">The message.</param>
    public abstract void Serialize(IBufferWriter<byte> writer, object? value);

    /// <summary>Reads one message of <see cref="Type"/> from <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The serialized message.</param>
    public abstract object? Deserialize(in ReadOnlySequence<byte> bytes);

    /// <summary>Writes a value inside a frame the distribution layer is writing.</summary>
    internal abstract void Write(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, object? value);

    /// <summary>Reads a value inside a frame the distribution layer is reading.</summary>
    internal abstract object? Read(ref MemoryPackReader reader);

    /// <summary>A reply sink typed by this codec's type, for a call that came from another node.</summary>
    internal abstract ReplySink RemoteReply(Distribution.IReplyChannel channel, ulong callRef);
}

/// <summary>The MemoryPack codec of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The message type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MessageCodec<T> : MessageCodec
{
    /// <summary>The one instance.</summary>
    public static MessageCodec<T> Instance { get; } = new();

    MessageCodec()
    {
    }

    /// <inheritdoc />
    public override Type Type => typeof(T);

    /// <inheritdoc />
    public override void Serialize(IBufferWriter<byte> writer, object? value)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var packer = new MemoryPackWriter<IBufferWriter<byte>>(ref writer, state);
        packer.WriteValue((T?)value);
        packer.Flush();
    }

    internal override void Write(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, object? value) => writer.WriteValue((T?)value);

    internal override object? Read(ref MemoryPackReader reader) => reader.ReadValue<T>();

    internal override ReplySink RemoteReply(Distribution.IReplyChannel channel, ulong callRef) => new Distribution.RemoteReply<T>(channel, callRef, this);

    /// <inheritdoc />
    public override object? Deserialize(in ReadOnlySequence<byte> bytes)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(bytes, state);
        return reader.ReadValue<T>();
    }
}
