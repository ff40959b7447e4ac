using System.ComponentModel;

namespace Typed.Rpc;

/// <summary>Where generated multicall stubs send a call: the local node, the target nodes and the timeout.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct RpcNodes
{
    /// <summary>Creates the target set.</summary>
    /// <param name="node">The node that sends the calls.</param>
    /// <param name="nodeNames">The nodes that run the function; duplicates are asked once.</param>
    /// <param name="timeout">How long the calls wait; zero means the local node's <see cref="Node.CallTimeout"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> or <paramref name="nodeNames"/> is null.</exception>
    /// <exception cref="ArgumentException">A node name is empty.</exception>
    public RpcNodes(Node node, IEnumerable<string> nodeNames, TimeSpan timeout = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(nodeNames);
        var names = nodeNames.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(nodeNames));
        }

        Node = node;
        NodeNames = names;
        Timeout = RpcTimeouts.Check(timeout);
    }

    RpcNodes(Node node, string[] names, TimeSpan timeout)
    {
        Node = node;
        NodeNames = names;
        Timeout = timeout;
    }

    /// <summary>The node that sends the calls.</summary>
    public Node Node { get; }

    /// <summary>The nodes that run the function, without duplicates, in the order given.</summary>
    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>How long the calls wait; zero means the local node's <see cref="Node.CallTimeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The same nodes with another timeout.</summary>
    /// <param name="timeout">Positive, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is neither positive nor infinite.</exception>
    public RpcNodes WithTimeout(TimeSpan timeout) => new(Node, (string[])NodeNames, RpcTimeouts.CheckExplicit(timeout));
}
