namespace Typed.Introspection;

/// <summary>
/// Looks into a running cluster through each node's introspection service (<c>typed_observer</c>, a
/// child of every node's kernel supervisor): snapshots of a node's processes, connections,
/// supervisors, global names and groups, and the observer's supervisor actions. The observer
/// (<c>Typed.Observer</c>) is built on these; they work from any node to any node it can reach.
/// </summary>
public static class NodeIntrospection
{
    /// <summary>The introspection service's registered name on every node.</summary>
    public const string ServiceName = "typed_observer";

    /// <summary>The default limit of processes per snapshot.</summary>
    public const int DefaultMaxProcesses = 2000;

    /// <summary>Asks node <paramref name="target"/> (this node's own name included) for its snapshot.</summary>
    /// <param name="node">The node that asks.</param>
    /// <param name="target">The node to describe.</param>
    /// <param name="maxProcesses">At most this many processes, those with the longest mailboxes first.</param>
    /// <param name="timeout">How long to wait; the node's call timeout when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="NodeDownException">The node cannot be reached.</exception>
    /// <exception cref="ProcessExitedException">The node runs no introspection service.</exception>
    /// <exception cref="CallTimeoutException">No answer in time.</exception>
    public static async Task<NodeSnapshot> IntrospectAsync(this Node node, string target, int maxProcesses = DefaultMaxProcesses, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return await Server(node, target, timeout).Snapshot(maxProcesses, cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>Stops the child <paramref name="childId"/> of <paramref name="supervisor"/> (on any node) and keeps its spec (<c>supervisor:terminate_child</c>).</summary>
    /// <param name="node">The node that asks.</param>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="childId">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">The supervisor refused (no such child, say), or is not there (<see cref="SupervisorException.Reason"/> <c>noproc</c>).</exception>
    public static Task TerminateChildAsync(this Node node, Pid supervisor, string childId, CancellationToken cancellationToken = default) =>
        ChildActionAsync(node, supervisor, childId, terminate: true, cancellationToken);

    /// <summary>Starts again the terminated child <paramref name="childId"/> of <paramref name="supervisor"/> (<c>supervisor:restart_child</c>).</summary>
    /// <param name="node">The node that asks.</param>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="childId">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">The supervisor refused (the child runs, or failed to start); the message says why.</exception>
    public static Task RestartChildAsync(this Node node, Pid supervisor, string childId, CancellationToken cancellationToken = default) =>
        ChildActionAsync(node, supervisor, childId, terminate: false, cancellationToken);

    static async Task ChildActionAsync(Node node, Pid supervisor, string childId, bool terminate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrEmpty(childId);
        if (supervisor.IsEmpty)
        {
            throw new ArgumentException("No supervisor given", nameof(supervisor));
        }

        var server = Server(node, supervisor.Node, null);
        var reply = terminate
            ? await server.TerminateChild(supervisor, childId, cancellationToken).ConfigureAwait(SimulationContext.Capture)
            : await server.RestartChild(supervisor, childId, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        if (!reply.Done)
        {
            throw new SupervisorException(reply.Error, childId, reply.Reason);
        }
    }

    static ProcessRef<IntrospectionServer> Server(Node node, string target, TimeSpan? timeout)
    {
        var server = target == node.Name
            ? node.At<IntrospectionServer>(IntrospectionServer.RegisteredName)
            : node.At<IntrospectionServer>(IntrospectionServer.RegisteredName, target);
        return timeout is { } t ? server.WithTimeout(t) : server;
    }
}
