namespace Typed;

/// <summary>
/// A call failed because the connection to the callee's node was lost or could not be made
/// (Erlang's <c>noconnection</c>). The request may or may not have been applied.
/// </summary>
public sealed class NodeDownException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="node">The node that could not be reached.</param>
    /// <param name="reason">What is known of why.</param>
    public NodeDownException(string node, string reason)
        : base($"The node {node} is down: {reason}")
    {
        Node = node;
        Reason = reason;
    }

    /// <summary>The node that could not be reached.</summary>
    public string Node { get; }

    /// <summary>What is known of why.</summary>
    public string Reason { get; }
}
