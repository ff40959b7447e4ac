using System.ComponentModel;
using MemoryPack;
using Typed.Serialization;

namespace Typed.CompilerServices;

/// <summary>Formatter registration called from generated module initializers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Formatters
{
    /// <summary>Registers the formatter of <see cref="ProcessRef{T}"/> for one behaviour, so refs can be fields of messages.</summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    public static void RegisterProcessRef<T>()
        where T : class, IProcessBehaviour<T>
    {
        if (!MemoryPackFormatterProvider.IsRegistered<ProcessRef<T>>())
        {
            MemoryPackFormatterProvider.Register(new ProcessRefFormatter<T>());
        }
    }

    /// <summary>Registers a generated message record's formatter.</summary>
    /// <typeparam name="TMessage">The message record.</typeparam>
    /// <param name="formatter">Its formatter.</param>
    public static void Register<TMessage>(MemoryPackFormatter<TMessage> formatter)
    {
        if (!MemoryPackFormatterProvider.IsRegistered<TMessage>())
        {
            MemoryPackFormatterProvider.Register(formatter);
        }
    }

    /// <summary>Registers the formatter of a generated message record without fields: reading one gives <paramref name="instance"/>.</summary>
    /// <typeparam name="TMessage">The message record.</typeparam>
    /// <param name="instance">Its one instance.</param>
    public static void RegisterEmpty<TMessage>(TMessage instance)
        where TMessage : class
    {
        if (!MemoryPackFormatterProvider.IsRegistered<TMessage>())
        {
            MemoryPackFormatterProvider.Register(new EmptyMessageFormatter<TMessage>(instance));
        }
    }

    /// <summary>
    /// Registers the checked formatter of a positional <c>[MemoryPackable]</c> record over
    /// MemoryPack's own, whichever registered first: the bytes are the same, the reading is checked.
    /// </summary>
    /// <typeparam name="TRecord">The record.</typeparam>
    /// <param name="formatter">Its generated checked formatter.</param>
    public static void Replace<TRecord>(MemoryPackFormatter<TRecord> formatter) =>
        MemoryPackFormatterProvider.Register(formatter);

    /// <summary>
    /// Marks <typeparamref name="T"/> deeply immutable: delivered on its own node, a value of it is passed
    /// as it is instead of copied (see Isolation in the README's Semantics). Only for types none of whose
    /// members can change, down to the leaves: a mutable value passed this way is shared between processes.
    /// </summary>
    /// <typeparam name="T">A message, argument or reply type.</typeparam>
    public static void RegisterImmutable<T>() => Messaging.LocalCopy<T>.MarkImmutable();

    /// <summary>
    /// Marks <typeparamref name="T"/> deeply immutable as the generator proved it from its fields: a value
    /// whose runtime type is exactly <typeparamref name="T"/> is passed uncopied on its own node; an instance
    /// of a derived class, which may add mutable state, is still copied.
    /// </summary>
    /// <typeparam name="T">A user type a message carries, every field of which is readonly and immutable.</typeparam>
    public static void RegisterImmutableExact<T>() => Messaging.LocalCopy<T>.MarkImmutableWhenExact();
}
