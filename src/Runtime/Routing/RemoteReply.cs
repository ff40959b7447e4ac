using Typed.CompilerServices;
using Typed.Messaging;

namespace Typed.Routing;

/// <summary>
/// The reply sink of a call that came from another node: the generated dispatch completes it like a
/// local one, and the router sends the outcome back. Its token is cancelled when the caller gives up
/// (a CancelCall frame, or the caller's node going down).
/// </summary>
internal sealed class RemoteReply<TReply>(IRemoteReplies replies, string peer, ulong callRef) : ReplyTo<TReply>, Router.IAbortable
{
    AbortToken _aborted;
    int _done;

    /// <summary>The caller's span, from the request's headers.</summary>
    public string? Trace { get; init; }

    internal override string? TraceParent => Trace;

    internal override CancellationToken Aborted => _aborted.Token;

    /// <summary>The caller gave up: cancel the handler's token.</summary>
    public void Abandon() => _aborted.Abandon();

    public override void Complete(TReply value)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            replies.Ok(peer, callRef, value);
        }
    }

    public override void Exited(Pid callee, ExitReason reason)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            replies.Exited(peer, callRef, callee, reason);
        }
    }

    public override void Unhandled(Pid callee, string detail)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            replies.Unhandled(peer, callRef, callee, detail);
        }
    }

    internal override void Raised(string exceptionType, string message, string? stackTrace)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            replies.Raised(peer, callRef, exceptionType, message, stackTrace);
        }
    }

    internal override void Undefined(string node, int functionId, string detail)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            replies.Undefined(peer, callRef, functionId, detail);
        }
    }
}
