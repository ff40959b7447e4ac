using Typed.CompilerServices;

namespace Typed.Distribution.Protocol;

// The frames that carry messages and replies. Every field order here is the wire format documented
// in docs/protocol.md; FrameDecoder reads them back in the same order. A user payload always ends its frame.

internal sealed class TickFrame : OutFrame
{
    public static readonly TickFrame Instance = new();

    public override FrameKind Kind => FrameKind.Tick;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
    }
}

/// <summary>A plain send (info message), to a pid or to a registered name.</summary>
internal sealed class SendFrame(Pid to, string? name, int messageId, object message, MessageCodec codec) : OutFrame
{
    PreparedPayload? _payload;

    public override FrameKind Kind => name is null ? FrameKind.Send : FrameKind.SendNamed;

    public override long Prepare(long cap) => PreparedPayload.Prepare(codec, message, cap, out _payload);

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        if (name is null)
        {
            writer.Pid(to, peers);
        }
        else
        {
            writer.String(name);
        }

        writer.Int32(messageId);
        PreparedPayload.Write(ref writer, _payload, codec, message);
    }
}

/// <summary>
/// A request a caller may wait on (a call or cast, an RPC): it carries headers, and a frame that cannot
/// be written fails its waiter at once.
/// </summary>
internal abstract class RequestFrameBase(FrameKind kind, FrameHeaders headers, Messaging.IFailable? waiter) : OutFrame
{
    public sealed override FrameKind Kind => kind;

    public sealed override FrameHeaders Headers => headers;

    public sealed override void NotWritten(string peer, Exception exception) =>
        waiter?.Fail(exception as MessageTooLargeException ?? (Exception)new MessageNotSentException(peer, exception));

    public sealed override bool Refused(string peer, Exception exception, out OutFrame? instead)
    {
        instead = null;
        waiter?.Fail(exception);
        return waiter is not null;
    }
}

/// <summary>A call or a cast to a pid or a name; a call carries its reference and caller.</summary>
internal sealed class RequestFrame<TMessage>(FrameKind kind, ulong callRef, Pid from, Pid to, string? name, int messageId, TMessage message, FrameHeaders headers = default, Messaging.IFailable? waiter = null)
    : RequestFrameBase(kind, headers, waiter)
    where TMessage : class
{
    PreparedPayload? _payload;

    public override long Prepare(long cap) => PreparedPayload.Prepare(MessageCodec<TMessage>.Instance, message, cap, out _payload);

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.UInt64(callRef);
        writer.Int32(messageId);
        writer.Pid(from, peers);
        writer.Pid(to, peers);
        writer.String(name);
        PreparedPayload.Write(ref writer, _payload, MessageCodec<TMessage>.Instance, message);
    }
}

/// <summary>The caller of <c>callRef</c> gave up: cancel the handler's token.</summary>
internal sealed class CancelCallFrame(ulong callRef) : OutFrame
{
    public override FrameKind Kind => FrameKind.CancelCall;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers) => writer.UInt64(callRef);
}

/// <summary>How a remote call ended: the first two fields of every reply frame are the call's reference and this status.</summary>
internal enum ReplyStatus : byte
{
    Ok = 0,
    Exited = 1,
    Unhandled = 2,

    /// <summary>An RPC function raised: exception type name, message and stack text.</summary>
    Raised = 3,

    /// <summary>No RPC function with that id on the target (Erlang's <c>undef</c>): function id and detail.</summary>
    Undefined = 4,
}

/// <summary>A reply; one subclass per <see cref="ReplyStatus"/>.</summary>
internal abstract class ReplyFrame(ulong callRef, ReplyStatus status) : OutFrame
{
    public sealed override FrameKind Kind => FrameKind.Reply;

    /// <summary>The call this frame answers.</summary>
    protected ulong CallRef => callRef;

    public sealed override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.UInt64(callRef);
        writer.Byte((byte)status);
        WriteOutcome(ref writer, peers);
    }

    protected abstract void WriteOutcome(ref FrameWriter writer, FramePeers peers);
}

internal sealed class ReplyOkFrame<T>(ulong callRef, T value) : ReplyFrame(callRef, ReplyStatus.Ok)
{
    PreparedPayload? _payload;

    public override long Prepare(long cap) => PreparedPayload.Prepare(MessageCodec<T>.Instance, value, cap, out _payload);

    /// <summary>A reply that cannot be sent is answered with why (the caller gets a RemoteException), so the caller is not left waiting.</summary>
    public override bool Refused(string peer, Exception exception, out OutFrame? instead)
    {
        instead = new ReplyRaisedFrame(CallRef, exception.GetType().FullName ?? exception.GetType().Name, exception.Message, null);
        return true;
    }

    protected override void WriteOutcome(ref FrameWriter writer, FramePeers peers) =>
        PreparedPayload.Write(ref writer, _payload, MessageCodec<T>.Instance, value);
}

internal sealed class ReplyExitedFrame(ulong callRef, Pid callee, ExitReason reason) : ReplyFrame(callRef, ReplyStatus.Exited)
{
    protected override void WriteOutcome(ref FrameWriter writer, FramePeers peers)
    {
        writer.Pid(callee, peers);
        writer.Reason(reason);
    }
}

internal sealed class ReplyUnhandledFrame(ulong callRef, Pid callee, string detail) : ReplyFrame(callRef, ReplyStatus.Unhandled)
{
    protected override void WriteOutcome(ref FrameWriter writer, FramePeers peers)
    {
        writer.Pid(callee, peers);
        writer.String(detail);
    }
}

internal sealed class ReplyRaisedFrame(ulong callRef, string exceptionType, string message, string? stackTrace) : ReplyFrame(callRef, ReplyStatus.Raised)
{
    protected override void WriteOutcome(ref FrameWriter writer, FramePeers peers)
    {
        writer.String(exceptionType);
        writer.String(message);
        writer.String(stackTrace);
    }
}

internal sealed class ReplyUndefinedFrame(ulong callRef, int functionId, string detail) : ReplyFrame(callRef, ReplyStatus.Undefined)
{
    protected override void WriteOutcome(ref FrameWriter writer, FramePeers peers)
    {
        writer.Int32(functionId);
        writer.String(detail);
    }
}

/// <summary>An RPC call or cast: a generated function id and its generated arguments record (a cast's reference is zero).</summary>
internal sealed class RpcRequestFrame<TArgs>(FrameKind kind, ulong callRef, int functionId, Pid from, TArgs args, FrameHeaders headers = default, Messaging.IFailable? waiter = null)
    : RequestFrameBase(kind, headers, waiter)
    where TArgs : class
{
    PreparedPayload? _payload;

    public override long Prepare(long cap) => PreparedPayload.Prepare(MessageCodec<TArgs>.Instance, args, cap, out _payload);

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.UInt64(callRef);
        writer.Int32(functionId);
        writer.Pid(from, peers);
        PreparedPayload.Write(ref writer, _payload, MessageCodec<TArgs>.Instance, args);
    }
}
