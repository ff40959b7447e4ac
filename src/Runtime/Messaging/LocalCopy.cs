using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;
using Typed.CompilerServices;

namespace Typed.Messaging;

/// <summary>
/// Isolation on local delivery: a message or reply that stays on its node is handed over as a copy (a
/// MemoryPack round trip, the bytes the wire would carry), unless its type is known to be deeply
/// immutable, so no process's state is ever shared through a message, as in Erlang.
/// </summary>
/// <remarks>
/// Design note. The rule, decided once per type, without reflection over the type's members:
/// <list type="bullet">
/// <item>passed as they are: types without references (<see cref="RuntimeHelpers.IsReferenceOrContainsReferences{T}"/>
/// is false: primitives, enums, <see cref="DateTime"/>, <see cref="Guid"/>, structs of those; copied by
/// value anyway), <see cref="string"/>, the runtime's immutable values (<see cref="Pid"/>,
/// <see cref="MonitorRef"/>, <see cref="ExitReason"/>, <see cref="Unit"/>, <see cref="ProcessRef{T}"/>,
/// <see cref="Down"/>, <see cref="ExitSignal"/>), generated message records without fields, and types
/// marked by <see cref="Formatters.RegisterImmutable{T}"/> (the user's own promise);</item>
/// <item>passed as they are when the value's runtime type is exactly <c>T</c> (a derived instance may add
/// mutable state, so it is copied): user types the generator proved deeply immutable and marked with
/// <see cref="Formatters.RegisterImmutableExact{T}"/>. Its rule, from the symbols, conservative: a class or
/// struct whose every instance field, its own and its base types' (backing fields included), is readonly
/// and of an immutable type: a type without references that holds no address (pointers, <c>nint</c>,
/// <c>GCHandle</c>), a string, a pid, monitor ref or process ref (not an exit reason: it holds the live
/// exception, which a copy leaves behind), <see cref="Nullable{T}"/> of one, or a struct or sealed class
/// that satisfies the rule itself.
/// Arrays, collections, interfaces, <see cref="object"/>, delegates, settable fields or properties, a
/// field of a class that is not sealed, and types whose private fields the compiler cannot see make a
/// type mutable (see the generator's <c>DeepImmutability</c>);</item>
/// <item>copied: everything else that has a MemoryPack formatter, records included, since a record's
/// members may be lists or arrays and nothing here may look inside it;</item>
/// <item>passed as they are: types without a registered formatter. Generated code registers one for
/// every message, argument and reply type and the collections in them, so these are the runtime's
/// own local requests, which never leave their node and are never kept by the receiver.</item>
/// </list>
/// A copy is made by the sender when it sends (a message), by the callee when it replies (a reply) and
/// by the spawner when it spawns (start arguments), so later changes on either side never reach the
/// other. A value that fails to serialize fails at
/// its sender, as it would on the wire.
/// </remarks>
internal static class LocalCopy<T>
{
    // Not readonly: a registration that comes after the first use still takes effect.
    static bool s_needed = Decide();

    /// <summary>Whether values of <typeparamref name="T"/> are copied on local delivery.</summary>
    public static bool Needed => s_needed;

    // Set for a type the generator proved immutable: only a value of exactly T is, a derived one may not be.
    static bool s_exact;

    // Set when T was marked immutable for every value (not decided from its shape, and not only when exact).
    static bool s_marked;

    /// <summary>
    /// Whether <typeparamref name="T"/> was marked immutable for every value: by the user's promise, or by
    /// the generator for a struct or sealed class. A carrier holding a field of such a type may pass as it is.
    /// </summary>
    public static bool MarkedImmutable => s_marked;

    /// <summary>Local delivery passes values of <typeparamref name="T"/> as they are from now on.</summary>
    public static void MarkImmutable()
    {
        s_marked = true;
        s_needed = false;
    }

    /// <summary>
    /// Local delivery passes a value as it is from now on when its runtime type is exactly <typeparamref name="T"/>:
    /// for a struct or a sealed class, every value.
    /// </summary>
    public static void MarkImmutableWhenExact()
    {
        if (typeof(T).IsValueType || typeof(T).IsSealed)
        {
            MarkImmutable();
        }
        else
        {
            s_exact = true;
        }
    }

    /// <summary>The value to deliver on <paramref name="node"/>: <paramref name="value"/> itself, or its copy.</summary>
    public static T Of(T value, Node node)
    {
        if (!s_needed || value is null || (s_exact && value.GetType() == typeof(T)))
        {
            return value;
        }

        return Copy(value, node);
    }

    static T Copy(T value, Node node)
    {
        var buffer = LocalCopyBuffer.Rent();
        try
        {
            using (var writeState = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default))
            {
                var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffer, writeState);
                writer.WriteValue(value);
                writer.Flush();
            }

            using var reading = node.BeginReading();
            using var readState = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
            var reader = new MemoryPackReader(buffer.WrittenSpan, readState);
            return reader.ReadValue<T>()!;
        }
        finally
        {
            LocalCopyBuffer.Return(buffer);
        }
    }

    static bool Decide()
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return false;
        }

        var type = typeof(T);
        if (type == typeof(string) || type == typeof(Pid) || type == typeof(MonitorRef) || type == typeof(ExitReason)
            || type == typeof(Unit) || type == typeof(Down) || type == typeof(ExitSignal) || type == typeof(Pid?) || type == typeof(MonitorRef?)
            || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ProcessRef<>))
        {
            return false;
        }

        // Only what can go on the wire is copied: generated code and MemoryPack register a formatter for
        // every message, argument and reply type (and the collections in them); a type without one is
        // the runtime's own local request (a supervisor's, say) and never leaves its node.
        // MemoryPack counts a type as registered once anything has asked for its formatter, and then
        // holds one that only throws ("not registered in this provider"): such a type has no formatter.
        return MemoryPackFormatterProvider.IsRegistered<T>() && Formatter() is var formatter
            && formatter is not IFieldlessFormatter
            && !formatter.GetType().Name.StartsWith("ErrorMemoryPackFormatter", StringComparison.Ordinal);
    }

    /// <summary>
    /// <typeparamref name="T"/>'s formatter: a generated fieldless record's needs no copy (its one instance
    /// is shared), and MemoryPack's error formatter means there is none.
    /// </summary>
    static IMemoryPackFormatter<T> Formatter()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        using var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffer, state);
        return writer.GetFormatter<T>();
    }
}

/// <summary>The buffer a local copy is written into: one per thread, kept while it stays small.</summary>
internal static class LocalCopyBuffer
{
    const int KeepAtMost = 64 * 1024;

    [ThreadStatic]
    static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>This thread's buffer, taken (a copy made while another is being read gets a fresh one).</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(256);
        t_buffer = null;
        return buffer;
    }

    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= KeepAtMost)
        {
            buffer.ResetWrittenCount();
            t_buffer = buffer;
        }
    }
}
