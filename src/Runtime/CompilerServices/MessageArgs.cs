using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoryPack;
using Typed.Serialization;

namespace Typed.CompilerServices;

/// <summary>
/// The arguments of a call or cast, as generated proxies send them and generated dispatch reads them:
/// one runtime type per parameter list (<see cref="Args{T1}"/>, <see cref="Args{T1, T2}"/>...), shared by
/// every handler of every behaviour whose parameters have those types, instead of a class and a formatter
/// generated per handler. The bytes are the ones a record of the same fields would have in MemoryPack (an
/// object header of the field count, then each field as MemoryPack's own generator writes it), so the
/// wire does not change with the carrier; the message id, not the type, says which handler it is for.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MessageArgs
{
    private protected MessageArgs()
    {
    }

    /// <summary>The argument at <paramref name="index"/> (0-based), for the null checks of a message read from the wire.</summary>
    internal abstract object? Get(int index);
}

/// <summary>The arguments of a handler that takes none: one shared instance, an object header of zero fields on the wire.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NoArgs : MessageArgs
{
    NoArgs()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoArgs Instance { get; } = new();

    internal override object? Get(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}

/// <summary>An argument carrier's registration: its formatter, and whether local delivery may pass it uncopied.</summary>
/// <typeparam name="TSelf">The carrier.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMessageArgs<TSelf>
    where TSelf : MessageArgs, IMessageArgs<TSelf>
{
    /// <summary>Registers the carrier's formatter once; marks it immutable when every argument type is.</summary>
    static abstract void Register();
}

/// <summary>How a carrier writes and reads one field: exactly as a generated record formatter did, by the field's type.</summary>
internal static class ArgsFields
{
    /// <summary>Registers <paramref name="formatter"/> unless one is; marks the carrier immutable when <paramref name="immutable"/>.</summary>
    public static void Register<TArgs>(MemoryPackFormatter<TArgs> formatter, bool immutable)
        where TArgs : MessageArgs
    {
        Formatters.Register(formatter);
        if (immutable)
        {
            Messaging.LocalCopy<TArgs>.MarkImmutable();
        }
    }

    /// <summary>
    /// A field no one can change once the carrier is built (the generator's rule for its message records):
    /// a value without references, a string, a pid, a monitor ref, an exit reason or a process ref; or a
    /// type marked immutable for every value before the carrier registers (the user's
    /// <see cref="Formatters.RegisterImmutable{T}"/>, or a struct or sealed class the generator proved
    /// immutable: its mark comes first in the same module initializer). A type marked only for values of
    /// exactly its type (a class that is not sealed) is not: a carrier's field may hold a derived instance.
    /// </summary>
    public static bool Immutable<T>()
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return type == typeof(string) || type == typeof(Pid) || type == typeof(MonitorRef) || type == typeof(ExitReason)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ProcessRef<>))
            || Messaging.LocalCopy<T>.MarkedImmutable;
    }

    /// <summary>A value type without references, not <see cref="Nullable{T}"/>: written raw, as MemoryPack writes unmanaged members.</summary>
    static bool Unmanaged<T>() => Shape<T>.Unmanaged;

    public static void Write<TBufferWriter, T>(ref MemoryPackWriter<TBufferWriter> writer, T value)
        where TBufferWriter : System.Buffers.IBufferWriter<byte>
    {
        if (Unmanaged<T>())
        {
            writer.DangerousWriteUnmanaged(value);
        }
        else if (typeof(T) == typeof(string))
        {
            writer.WriteString(Unsafe.As<T, string?>(ref value));
        }
        else
        {
            writer.WriteValue(value);
        }
    }

    /// <summary>Reads a field; strings through <see cref="CheckedReads"/>, so their headers are checked before MemoryPack reads them.</summary>
    public static T Read<T>(ref MemoryPackReader reader, string owner)
    {
        if (Unmanaged<T>())
        {
            reader.DangerousReadUnmanaged(out T value);
            return value;
        }

        if (typeof(T) == typeof(string))
        {
            var text = CheckedReads.String(ref reader, owner);
            return Unsafe.As<string?, T>(ref text);
        }

        return reader.ReadValue<T>()!;
    }

    /// <summary>
    /// A field type's shape, computed once per type: a static readonly field is a constant to the optimizing
    /// JIT, where <see cref="Nullable.GetUnderlyingType"/> would run on every field written or read.
    /// </summary>
    static class Shape<T>
    {
        public static readonly bool Unmanaged = !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Nullable.GetUnderlyingType(typeof(T)) is null;
    }
}
