using Typed.CompilerServices;

namespace Typed.Distribution;

/// <summary>Where the reply to a call from another node goes: the connection it came in on.</summary>
internal interface IReplyChannel
{
    void Reply(ulong callRef, ReplyStatus status, object? value, MessageCodec? codec);
}

/// <summary>How a remote call ended, as the reply frame says.</summary>
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

/// <summary>
/// The reply sink of a call that came from another node: the generated dispatch completes it like
/// a local one, and the value (or the callee's exit reason) goes back as a reply frame.
/// </summary>
internal sealed class RemoteReply<TReply>(IReplyChannel channel, ulong callRef, MessageCodec<TReply> codec) : ReplyTo<TReply>
{
    int _done;

    public override void Complete(TReply value)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            channel.Reply(callRef, ReplyStatus.Ok, value, codec);
        }
    }

    public override void Exited(Pid callee, ExitReason reason)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            channel.Reply(callRef, ReplyStatus.Exited, (callee, reason), null);
        }
    }

    public override void Unhandled(Pid callee, string detail)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            channel.Reply(callRef, ReplyStatus.Unhandled, (callee, detail), null);
        }
    }

    internal override void Raised(string exceptionType, string message, string? stackTrace)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            channel.Reply(callRef, ReplyStatus.Raised, (exceptionType, message, stackTrace), null);
        }
    }

    internal override void Undefined(string node, int functionId, string detail)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            channel.Reply(callRef, ReplyStatus.Undefined, (functionId, detail), null);
        }
    }
}
