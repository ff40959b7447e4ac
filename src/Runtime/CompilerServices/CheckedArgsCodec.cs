using System.Buffers;
using MemoryPack;

namespace Typed.CompilerServices;

/// <summary>
/// The codec of one handler's argument carrier when some of its parameters refuse null: reads as the
/// carrier's own codec does, then refuses null where the handler's parameter (or an item of it) is not
/// nullable, before the message reaches the mailbox. A carrier is shared by handlers whose parameters
/// differ only in nullability, so this check is the handler's (its <see cref="MessageSpec"/>'s), not the type's.
/// </summary>
/// <typeparam name="TArgs">The carrier.</typeparam>
internal sealed class CheckedArgsCodec<TArgs> : MessageCodec
    where TArgs : MessageArgs
{
    readonly string _handler;
    readonly int _nonNull;
    readonly int _nonNullItems;

    CheckedArgsCodec(string handler, int nonNull, int nonNullItems)
    {
        _handler = handler;
        _nonNull = nonNull;
        _nonNullItems = nonNullItems;
    }

    static MessageCodec<TArgs> Inner => MessageCodec<TArgs>.Instance;

    /// <summary>The codec of a handler's carrier: the shared one when nothing is checked.</summary>
    /// <param name="handler">The handler, for errors.</param>
    /// <param name="nonNull">Bit i: argument i refuses null.</param>
    /// <param name="nonNullItems">Bit i: argument i, a collection, refuses null items.</param>
    public static MessageCodec For(string handler, int nonNull, int nonNullItems) =>
        nonNull == 0 && nonNullItems == 0 ? Inner : new CheckedArgsCodec<TArgs>(handler, nonNull, nonNullItems);

    public override Type Type => Inner.Type;

    public override void Serialize(IBufferWriter<byte> writer, object? value) => Inner.Serialize(writer, value);

    public override object? Deserialize(in ReadOnlySequence<byte> bytes)
    {
        var value = Inner.ReadValue(bytes);
        if (value is not null)
        {
            Check(value);
        }

        return value;
    }

    internal override int Write(Distribution.Protocol.FrameBuffer output, object? value) => Inner.Write(output, value);

    internal override object LocalCopy(object value, Node node) => Inner.LocalCopy(value, node);

    internal override ReplySink RemoteReply(Routing.IRemoteReplies replies, string peer, ulong callRef, Distribution.Protocol.FrameHeaders headers) =>
        Inner.RemoteReply(replies, peer, callRef, headers);

    void Check(TArgs value)
    {
        for (var i = 0; i < 32 && (_nonNull | _nonNullItems) >> i != 0; i++)
        {
            var argument = ((_nonNull | _nonNullItems) >> i & 1) == 0 ? null : value.Get(i);
            if ((_nonNull >> i & 1) != 0 && argument is null)
            {
                throw new MemoryPackSerializationException(_handler + "'s argument " + (i + 1) + " is null on the wire, but it is not nullable");
            }

            if ((_nonNullItems >> i & 1) != 0 && argument is System.Collections.IEnumerable items && NullItems.Any(items))
            {
                throw new MemoryPackSerializationException(_handler + "'s argument " + (i + 1) + " holds a null item on the wire, but its items are not nullable");
            }
        }
    }
}
