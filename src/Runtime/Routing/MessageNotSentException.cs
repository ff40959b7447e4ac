namespace Typed;

/// <summary>
/// A message for another node was never sent: it could not be serialized, or the connection to that
/// node is not up yet and too many frames already wait for it. The connection and everything else on
/// it go on. The request was not applied.
/// </summary>
public sealed class MessageNotSentException : TypedException
{
    /// <summary>Creates the exception for a message that could not be serialized.</summary>
    /// <param name="node">The node the message was for.</param>
    /// <param name="inner">Why it could not be serialized.</param>
    public MessageNotSentException(string node, Exception inner)
        : base($"A message for {node} could not be serialized and was not sent: {inner.Message}", inner) => Node = node;

    /// <summary>Creates the exception for a message that was refused for another reason.</summary>
    /// <param name="node">The node the message was for.</param>
    /// <param name="reason">Why it was not sent.</param>
    public MessageNotSentException(string node, string reason)
        : base($"A message for {node} was not sent: {reason}") => Node = node;

    /// <summary>The node the message was for.</summary>
    public string Node { get; }
}
