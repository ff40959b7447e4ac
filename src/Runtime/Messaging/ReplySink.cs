using System.ComponentModel;

namespace Typed.Generated;

/// <summary>
/// Where a call's outcome goes: a caller waiting on this node, or a connection to a caller on
/// another node. Exactly one outcome is kept; later ones are ignored.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ReplySink
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
}
