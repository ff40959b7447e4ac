using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// Where a call's outcome goes: a caller waiting on this node, or a connection to a caller on
/// another node. Exactly one outcome is kept; later ones are ignored.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ReplySink : MessageMetadata
{
    private protected ReplySink()
    {
    }

    /// <summary>The callee exited (or never existed) before replying.</summary>
    /// <param name="callee">The process that was called.</param>
    /// <param name="reason">Its exit reason.</param>
    public abstract void Exited(Pid callee, ExitReason reason);

    /// <summary>The callee does not handle this message; it goes on unharmed.</summary>
    /// <param name="callee">The process that was called.</param>
    /// <param name="detail">What was not handled.</param>
    public abstract void Unhandled(Pid callee, string detail);

    /// <summary>An RPC function raised an exception: its type name, message and stack text travel, never the object.</summary>
    /// <param name="exceptionType">The exception's full type name.</param>
    /// <param name="message">Its message.</param>
    /// <param name="stackTrace">Its stack text where it was thrown.</param>
    internal virtual void Raised(string exceptionType, string message, string? stackTrace) =>
        Unhandled(default, exceptionType + ": " + message);

    /// <summary>The target node has no RPC function with the id asked for (Erlang's <c>undef</c>).</summary>
    /// <param name="node">The target node.</param>
    /// <param name="functionId">The function id asked for.</param>
    /// <param name="detail">Why.</param>
    internal virtual void Undefined(string node, int functionId, string detail) => Unhandled(default, detail);

    /// <summary>Completes the call with a reply value still in its serialized form (a reply frame's payload).</summary>
    /// <exception cref="Exception">The bytes do not decode as the reply type; the call is not completed.</exception>
    internal abstract void CompleteFrom(in System.Buffers.ReadOnlySequence<byte> payload);
}

/// <summary>A reply sink for replies of type <typeparamref name="TReply"/>.</summary>
/// <typeparam name="TReply">The handler's result type (<see cref="Unit"/> for none).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ReplyTo<TReply> : ReplySink
{
    private protected ReplyTo()
    {
    }

    /// <summary>The handler returned <paramref name="value"/>.</summary>
    /// <param name="value">The reply.</param>
    public abstract void Complete(TReply value);

    internal sealed override void CompleteFrom(in System.Buffers.ReadOnlySequence<byte> payload) =>
        Complete(MessageCodec<TReply>.Instance.ReadValue(payload)!);
}
