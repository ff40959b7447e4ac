using Typed.CompilerServices;
using Typed.Distribution.Kernel;
using Typed.Distribution.Protocol;
using Typed.Messaging;

namespace Typed.Routing;

/// <summary>Calls waiting on other nodes, replies going back to them, and what a lost peer does to both.</summary>
internal sealed partial class Router : IRemoteReplies, IPendingOwner
{
    /// <summary>Registers a remote call until it ends; a caller that gives up tells the callee's node.</summary>
    void Track<TReply>(ulong callRef, string node, PendingCall<TReply> call, string callee)
    {
        _calls[callRef] = new RemoteCall(node, call, callee);
        call.OwnedBy(this, callRef);
    }

    void IPendingOwner.Finished(ulong reference) => _calls.TryRemove(reference, out _);

    void IPendingOwner.Abandoned(ulong reference)
    {
        // Called before Finished: the entry still says which node to tell.
        if (_calls.TryGetValue(reference, out var call))
        {
            _ = _kernel?.Enqueue(call.Node, new CancelCallFrame(reference), Reach.Connected);
        }
    }

    /// <summary>
    /// A peer is gone (its connection closed, or it could not be reached): what waits on it fails with
    /// <see cref="NodeDownException"/>, calls it was making here are abandoned, links to its processes
    /// fire and monitors on them report <c>noconnection</c>.
    /// </summary>
    public void PeerDown(string node, string reason)
    {
        foreach (var (callRef, call) in _calls)
        {
            if (call.Node == node && _calls.TryRemove(callRef, out _))
            {
                call.Fail(new NodeDownException(node, reason));
            }
        }

        foreach (var (requestId, spawn) in _spawns)
        {
            if (spawn.Node == node && _spawns.TryRemove(requestId, out _))
            {
                spawn.TrySetException(new NodeDownException(node, reason));
            }
        }

        foreach (var (key, incoming) in _incoming)
        {
            if (key.Peer == node && _incoming.TryRemove(key, out _))
            {
                incoming.Abandon();
            }
        }

        _node.PeerDown(node);
    }

    /// <summary>A reply sink for a call from <paramref name="peer"/>, registered so the caller can cancel it.</summary>
    ReplySink Incoming(MessageCodec replyCodec, string peer, ulong callRef, FrameHeaders headers)
    {
        var reply = replyCodec.RemoteReply(this, peer, callRef, headers);
        _incoming[(peer, callRef)] = (IAbortable)reply;
        return reply;
    }

    void Reply(string peer, ulong callRef, OutFrame frame)
    {
        _incoming.TryRemove((peer, callRef), out _);
        _kernel?.Enqueue(peer, frame, Reach.Connected);
    }

    void IRemoteReplies.Ok<T>(string peer, ulong callRef, T value) => Reply(peer, callRef, new ReplyOkFrame<T>(callRef, value));

    void IRemoteReplies.Exited(string peer, ulong callRef, Pid callee, ExitReason reason) => Reply(peer, callRef, new ReplyExitedFrame(callRef, callee, reason));

    void IRemoteReplies.Unhandled(string peer, ulong callRef, Pid callee, string detail) => Reply(peer, callRef, new ReplyUnhandledFrame(callRef, callee, detail));

    void IRemoteReplies.Raised(string peer, ulong callRef, string exceptionType, string message, string? stackTrace) =>
        Reply(peer, callRef, new ReplyRaisedFrame(callRef, exceptionType, message, stackTrace));

    void IRemoteReplies.Undefined(string peer, ulong callRef, int functionId, string detail) => Reply(peer, callRef, new ReplyUndefinedFrame(callRef, functionId, detail));

    /// <summary>A call waiting for a reply frame from <paramref name="Node"/>: its sink, and how to name the callee.</summary>
    readonly record struct RemoteCall(string Node, ReplySink Sink, string Callee)
    {
        public void Fail(Exception exception) => ((IFailable)Sink).Fail(exception);

        /// <summary>Completes the call from a decoded reply; a value that does not decode fails it and throws <see cref="ProtocolException"/>.</summary>
        public void Complete(in ReplyOutcome outcome, Node reading)
        {
            switch (outcome.Status)
            {
                case ReplyStatus.Ok:
                    try
                    {
                        using var scope = reading.BeginReading();
                        Sink.CompleteFrom(outcome.Payload);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        Fail(new NodeDownException(Node, "its reply did not decode: " + ex.Message));
                        throw new ProtocolException($"a reply that does not decode: {ex.Message}");
                    }

                    break;
                case ReplyStatus.Exited:
                    var reason = outcome.Reason ?? ExitReason.NoProc;
                    Fail(outcome.Callee.IsEmpty ? new ProcessExitedException(Callee, reason) : new ProcessExitedException(outcome.Callee, reason));
                    break;
                case ReplyStatus.Unhandled:
                    Sink.Unhandled(outcome.Callee, outcome.Detail ?? "");
                    break;
                case ReplyStatus.Raised:
                    Sink.Raised(outcome.ExceptionType ?? "", outcome.Detail ?? "", outcome.StackTrace);
                    break;
                default:
                    Sink.Undefined(Node, outcome.FunctionId, outcome.Detail ?? "");
                    break;
            }
        }
    }
}
