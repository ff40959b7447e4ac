namespace Typed;

/// <summary>Another node refused a spawn request (unknown behaviour, name taken, bad start arguments).</summary>
public sealed class RemoteSpawnException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="node">The node asked to spawn.</param>
    /// <param name="reason">Why it refused.</param>
    public RemoteSpawnException(string node, string reason)
        : base($"{node} could not spawn: {reason}")
    {
        Node = node;
        Reason = reason;
    }

    /// <summary>The node asked to spawn.</summary>
    public string Node { get; }

    /// <summary>Why it refused.</summary>
    public string Reason { get; }
}
