using System.ComponentModel;

namespace Typed.Rpc;

/// <summary>Where generated RPC stubs send a call: the local node, the target node's name and the timeout.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct RpcTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="node">The node that sends the call.</param>
    /// <param name="nodeName">The full name of the node that runs the function; the local node's own name runs it locally.</param>
    /// <param name="timeout">How long a call waits; zero means the local node's <see cref="Node.CallTimeout"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeName"/> is empty.</exception>
    public RpcTarget(Node node, string nodeName, TimeSpan timeout = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        Node = node;
        NodeName = nodeName;
        Timeout = RpcTimeouts.Check(timeout);
    }

    /// <summary>The node that sends the call.</summary>
    public Node Node { get; }

    /// <summary>The node that runs the function.</summary>
    public string NodeName { get; }

    /// <summary>How long a call waits; zero means the local node's <see cref="Node.CallTimeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The timeout a call uses.</summary>
    internal TimeSpan Effective => Timeout == TimeSpan.Zero ? Node.CallTimeout : Timeout;

    /// <summary>The same target with another timeout.</summary>
    /// <param name="timeout">Positive, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is neither positive nor infinite.</exception>
    public RpcTarget WithTimeout(TimeSpan timeout) => new(Node, NodeName, RpcTimeouts.CheckExplicit(timeout));
}
