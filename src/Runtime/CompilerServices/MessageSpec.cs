using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// One message a behaviour accepts, as the generator describes it: its stable id, its kind, the
/// handler's name and the codecs that put the message (and a call's reply) on the wire.
/// </summary>
/// <param name="Id">The message id, unique within the behaviour (info messages: unique by type).</param>
/// <param name="Kind">Call, cast, info or start.</param>
/// <param name="Handler">The handler method's name, for logs and tools.</param>
/// <param name="Message">The codec of the message record (or of the info message type).</param>
/// <param name="Reply">For a call, the codec of its reply value; otherwise null.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record MessageSpec(int Id, MessageKind Kind, string Handler, MessageCodec Message, MessageCodec? Reply)
{
    /// <summary>A call whose handler returns <typeparamref name="TReply"/>; generated descriptors write one line per handler.</summary>
    /// <typeparam name="TMessage">The message record.</typeparam>
    /// <typeparam name="TReply">The reply value (<see cref="Unit"/> for a call that returns nothing).</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    public static MessageSpec Call<TMessage, TReply>(int id, string handler) =>
        new(id, MessageKind.Call, handler, MessageCodec<TMessage>.Instance, MessageCodec<TReply>.Instance);

    /// <summary>A call whose handler returns nothing (its reply is <see cref="Unit"/>).</summary>
    /// <typeparam name="TMessage">The message record.</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    public static MessageSpec Call<TMessage>(int id, string handler) => Call<TMessage, Unit>(id, handler);

    /// <summary>A cast.</summary>
    /// <typeparam name="TMessage">The message record.</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    public static MessageSpec Cast<TMessage>(int id, string handler) =>
        new(id, MessageKind.Cast, handler, MessageCodec<TMessage>.Instance, null);

    /// <summary>A call whose arguments travel in a shared carrier (<see cref="Args{T1}"/>...): registers the carrier's formatter once.</summary>
    /// <typeparam name="TArgs">The carrier.</typeparam>
    /// <typeparam name="TReply">The reply value (<see cref="Unit"/> for a call that returns nothing).</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    /// <param name="nonNull">Bit i set: argument i is not nullable, and null on the wire is refused.</param>
    /// <param name="nonNullItems">Bit i set: argument i is a collection of non-nullable items, and a null item on the wire is refused.</param>
    public static MessageSpec Call<TArgs, TReply>(int id, string handler, int nonNull, int nonNullItems)
        where TArgs : MessageArgs, IMessageArgs<TArgs>
    {
        TArgs.Register();
        return new(id, MessageKind.Call, handler, CheckedArgsCodec<TArgs>.For(handler, nonNull, nonNullItems), MessageCodec<TReply>.Instance);
    }

    /// <summary>A call whose arguments travel in a shared carrier and whose handler returns nothing.</summary>
    /// <typeparam name="TArgs">The carrier.</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    /// <param name="nonNull">Bit i set: argument i refuses null.</param>
    /// <param name="nonNullItems">Bit i set: argument i refuses null items.</param>
    public static MessageSpec Call<TArgs>(int id, string handler, int nonNull, int nonNullItems)
        where TArgs : MessageArgs, IMessageArgs<TArgs> => Call<TArgs, Unit>(id, handler, nonNull, nonNullItems);

    /// <summary>A cast whose arguments travel in a shared carrier.</summary>
    /// <typeparam name="TArgs">The carrier.</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    /// <param name="nonNull">Bit i set: argument i refuses null.</param>
    /// <param name="nonNullItems">Bit i set: argument i refuses null items.</param>
    public static MessageSpec Cast<TArgs>(int id, string handler, int nonNull, int nonNullItems)
        where TArgs : MessageArgs, IMessageArgs<TArgs>
    {
        TArgs.Register();
        return new(id, MessageKind.Cast, handler, CheckedArgsCodec<TArgs>.For(handler, nonNull, nonNullItems), null);
    }

    /// <summary>An info message, matched by its type.</summary>
    /// <typeparam name="TMessage">The message type the handler takes.</typeparam>
    /// <param name="id">The message id.</param>
    /// <param name="handler">The handler method's name.</param>
    public static MessageSpec Info<TMessage>(int id, string handler) =>
        new(id, MessageKind.Info, handler, MessageCodec<TMessage>.Instance, null);
}
