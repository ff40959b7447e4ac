using System.Buffers;
using System.ComponentModel;
using MemoryPack;
using Typed.Serialization;

namespace Typed.CompilerServices;

/// <summary>
/// The part of a generated message record's formatter that is the same for every record: the null
/// and member-count object header, exactly as MemoryPack writes it for a <c>[MemoryPackable]</c>
/// record. A generated formatter writes and reads only its fields, so the bytes stay those
/// MemoryPack's own generator would write. Reading checks what the bytes announce before anything is
/// read (<see cref="CheckedReads"/>): strings against what is left, the member count, and the
/// stack's room for one more level of nesting.
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
    public sealed override void Deserialize(ref MemoryPackReader reader, scoped ref T? value) =>
        value = CheckedReads.Object(ref reader, _members, Name) ? Read(ref reader) : null;

    /// <summary>Writes the record's fields in declaration order.</summary>
    /// <typeparam name="TBufferWriter">The writer's buffer.</typeparam>
    /// <param name="writer">Where the fields go, after the object header.</param>
    /// <param name="value">The record.</param>
    protected abstract void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, T value)
        where TBufferWriter : IBufferWriter<byte>;

    /// <summary>Reads the record's fields in declaration order and builds it.</summary>
    /// <param name="reader">Where the fields come from, after the object header.</param>
    protected abstract T Read(ref MemoryPackReader reader);

    /// <summary>
    /// Reads a string after checking its length header against what is left of the message: a header
    /// that announces more than is there is refused before MemoryPack reads it (its reader trusts the
    /// header, and some values read out of bounds).
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <exception cref="MemoryPackSerializationException">The header does not fit what is left.</exception>
    protected static string? ReadString(ref MemoryPackReader reader) => CheckedReads.String(ref reader, Name);

    /// <summary>Reads a string that must not be null (a non-nullable member).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="member">The member, for the error.</param>
    protected static string RequiredString(ref MemoryPackReader reader, string member) =>
        ReadString(ref reader) ?? throw NullMember(member);

    /// <summary>A value of a non-nullable member: null on the wire is refused, never handed to a handler.</summary>
    /// <typeparam name="TValue">The member's type.</typeparam>
    /// <param name="value">What was read.</param>
    /// <param name="member">The member, for the error.</param>
    protected static TValue Required<TValue>(TValue? value, string member) => value ?? throw NullMember(member);

    /// <summary>
    /// The items of a collection whose item type is not nullable: a null item on the wire (MemoryPack
    /// reads one where the writer had none) is refused, never handed to a handler.
    /// </summary>
    /// <typeparam name="TItems">The array or collection.</typeparam>
    /// <param name="items">What was read (null is the member's own business: see <see cref="Required{TValue}"/>).</param>
    /// <param name="member">The member, for the error.</param>
    protected static TItems? RequiredItems<TItems>(TItems? items, string member)
        where TItems : System.Collections.IEnumerable
    {
        if (items is not null && NullItems.Any(items))
        {
            throw new MemoryPackSerializationException(Name + "." + member + " holds a null item on the wire, but its items are not nullable");
        }

        return items;
    }

    static MemoryPackSerializationException NullMember(string member) =>
        new(Name + "." + member + " is null on the wire, but it is not nullable");

    // The record's simple name, as the generated formatters wrote it: no reflection beyond the type's name.
    static string Name => typeof(T).Name;
}

/// <summary>
/// The formatter of a message record without fields (<c>Get()</c>, <c>Reset()</c>): an object header of
/// zero members; reading it gives the record's one instance.
/// </summary>
/// <typeparam name="T">The message record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EmptyMessageFormatter<T> : MessageFormatter<T>, IFieldlessFormatter
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

/// <summary>A formatter of a type without fields: its values are immutable and need no copy on local delivery.</summary>
internal interface IFieldlessFormatter;
