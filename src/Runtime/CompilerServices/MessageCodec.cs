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

    /// <summary>Writes a value into a connection's frame buffer, inside a frame; returns the bytes written.</summary>
    internal abstract int Write(Distribution.Protocol.FrameBuffer output, object? value);

    /// <summary>The value to deliver on <paramref name="node"/>: <paramref name="value"/>, or its copy (Messaging.LocalCopy).</summary>
    internal abstract object LocalCopy(object value, Node node);

    /// <summary>A reply sink typed by this codec's type, for a call that came from another node.</summary>
    internal abstract ReplySink RemoteReply(Routing.IRemoteReplies replies, string peer, ulong callRef, Distribution.Protocol.FrameHeaders headers);
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

    internal override int Write(Distribution.Protocol.FrameBuffer output, object? value) => WriteValue(output, (T)value!);

    /// <summary>Writes a value of this codec's type without boxing; returns the bytes written.</summary>
    internal int WriteValue(Distribution.Protocol.FrameBuffer output, T value)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var writer = new MemoryPackWriter<Distribution.Protocol.FrameBuffer>(ref output, state);
        writer.WriteValue(value);
        writer.Flush();
        return writer.WrittenCount;
    }

    /// <summary>Reads a value of this codec's type.</summary>
    internal T? ReadValue(in ReadOnlySequence<byte> bytes)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(bytes, state);
        return reader.ReadValue<T>();
    }

    internal override object LocalCopy(object value, Node node) => Messaging.LocalCopy<T>.Of((T)value, node)!;

    internal override ReplySink RemoteReply(Routing.IRemoteReplies replies, string peer, ulong callRef, Distribution.Protocol.FrameHeaders headers) =>
        new Routing.RemoteReply<T>(replies, peer, callRef) { Deadline = headers.Deadline, Trace = headers.TraceParent };

    /// <inheritdoc />
    public override object? Deserialize(in ReadOnlySequence<byte> bytes) => ReadValue(bytes);
}
