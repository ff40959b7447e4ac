using System.Buffers;
using System.ComponentModel;
using MemoryPack;

namespace Typed.CompilerServices;

/// <summary>
/// The part of a generated message record's formatter that is the same for every record: the null
/// and member-count object header, exactly as MemoryPack writes it for a <c>[MemoryPackable]</c>
/// record. A generated formatter writes and reads only its fields, so the bytes stay those
/// MemoryPack's own generator would write.
/// </summary>
/// <typeparam name="T">The message record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MessageFormatter<T> : MemoryPackFormatter<T>
    where T : class
{
    readonly byte _members;

    /// <summary>Creates the formatter of a record of <paramref name="members"/> fields.</summary>
    /// <param name="members">How many fields the record writes (MemoryPack's object header).</param>
    protected MessageFormatter(byte members) => _members = members;

    /// <inheritdoc />
    public sealed override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref T? value)
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(_members);
        Write(ref writer, value);
    }

    /// <inheritdoc />
    public sealed override void Deserialize(ref MemoryPackReader reader, scoped ref T? value)
    {
        if (!reader.TryReadObjectHeader(out var count))
        {
            value = null;
            return;
        }

        if (count != _members)
        {
            ThrowMemberCount(count);
        }

        value = Read(ref reader);
    }

    /// <summary>Writes the record's fields in declaration order.</summary>
    /// <typeparam name="TBufferWriter">The writer's buffer.</typeparam>
    /// <param name="writer">Where the fields go, after the object header.</param>
    /// <param name="value">The record.</param>
    protected abstract void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, T value)
        where TBufferWriter : IBufferWriter<byte>;

    /// <summary>Reads the record's fields in declaration order and builds it.</summary>
    /// <param name="reader">Where the fields come from, after the object header.</param>
    protected abstract T Read(ref MemoryPackReader reader);

    void ThrowMemberCount(byte count) =>
        throw new MemoryPackSerializationException(Name + " has " + _members + " members, the data has " + count);

    // The record's simple name, as the generated formatters wrote it: no reflection beyond the type's name.
    static string Name => typeof(T).Name;
}

/// <summary>
/// The formatter of a message record without fields (<c>Get()</c>, <c>Reset()</c>): an object header of
/// zero members; reading it gives the record's one instance.
/// </summary>
/// <typeparam name="T">The message record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EmptyMessageFormatter<T> : MessageFormatter<T>
    where T : class
{
    readonly T _instance;

    /// <summary>Creates the formatter; reading gives <paramref name="instance"/>.</summary>
    /// <param name="instance">The record's one instance (or a new one per read, for <c>StartArgs()</c>).</param>
    public EmptyMessageFormatter(T instance)
        : base(0)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
    }

    /// <inheritdoc />
    protected override void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, T value)
    {
    }

    /// <inheritdoc />
    protected override T Read(ref MemoryPackReader reader) => _instance;
}
