using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// The metadata slot of a message in a mailbox: its deadline and the token that says its sender gave
/// up, and the sender's span (W3C <c>traceparent</c>) while it is traced. A call's reply sink is its
/// metadata (no extra allocation); other messages have none unless a peer sent headers or the sender
/// is traced.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MessageMetadata
{
    private protected MessageMetadata()
    {
    }

    /// <summary>The absolute deadline (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or 0 for none.</summary>
    internal long Deadline { get; init; }

    /// <summary>Cancelled when the sender gives up on the message (a caller's token or deadline); none by default.</summary>
    internal virtual CancellationToken Aborted => default;

    /// <summary>The W3C <c>traceparent</c> of the sender's span, when it was traced; the handler's span continues it.</summary>
    internal virtual string? TraceParent => null;
}

/// <summary>Metadata on a message that is not a call (a send or cast that came with headers, or a traced local cast).</summary>
internal sealed class HeadersOnly : MessageMetadata
{
    public string? Trace { get; init; }

    internal override string? TraceParent => Trace;
}
