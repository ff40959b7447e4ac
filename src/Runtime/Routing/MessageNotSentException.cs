namespace Typed;

/// <summary>
/// A message for another node could not be serialized, so it was never sent; the connection and
/// everything else on it go on. The request was not applied.
/// </summary>
public sealed class MessageNotSentException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="node">The node the message was for.</param>
    /// <param name="inner">Why it could not be serialized.</param>
    public MessageNotSentException(string node, Exception inner)
        : base($"A message for {node} could not be serialized and was not sent: {inner.Message}", inner) => Node = node;

    /// <summary>The node the message was for.</summary>
    public string Node { get; }
}
