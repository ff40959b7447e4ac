namespace Typed.Hosting;

/// <summary>
/// The host's node, for code that may be built before the node has started (Akka.Hosting's
/// <c>IRequiredActor&lt;T&gt;</c> idea): <see cref="GetAsync"/> completes once the node runs.
/// Hosted services can simply take <see cref="Node"/> in their constructors.
/// </summary>
public interface INodeAccessor
{
    /// <summary>The node if it has started, else null.</summary>
    Node? Current { get; }

    /// <summary>Completes with the node once the host has started it.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<Node> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>The accessor over the host's <see cref="NodeHost"/>.</summary>
internal sealed class NodeAccessor(NodeHost host) : INodeAccessor
{
    public Node? Current => host.Current;

    public Task<Node> GetAsync(CancellationToken cancellationToken = default) =>
        host.Ready.WaitAsync(cancellationToken);
}
