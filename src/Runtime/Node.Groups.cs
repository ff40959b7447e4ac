using System.Collections.Concurrent;

namespace Typed;

/// <summary>Process groups (Erlang's <c>pg</c>): the default scope and named scopes.</summary>
public sealed partial class Node
{
    readonly ConcurrentDictionary<string, ProcessGroups> _groupScopes = new(StringComparer.Ordinal);

    /// <summary>
    /// The default process-group scope (Erlang's <c>pg</c>, registered as <c>"pg"</c>): started with the
    /// node under its kernel supervisor. Its memberships are shared with every visible node.
    /// </summary>
    public ProcessGroups Groups => GroupsOf(ProcessGroups.DefaultScope);

    /// <summary>
    /// A named process-group scope (<c>pg:start_link(Scope)</c>): its server is started on this node on
    /// first use, as a child of the kernel supervisor (which restarts it), registered under
    /// <paramref name="scope"/>. The start goes on after this returns; joins, leaves and monitors wait
    /// for it. Memberships are shared only with nodes that run the same scope, as in Erlang: start it
    /// on each node that takes part.
    /// </summary>
    /// <param name="scope">The scope's name, also its server's registered name.</param>
    /// <exception cref="InvalidOperationException">Another kind of process is registered under that name.</exception>
    /// <exception cref="ObjectDisposedException">The node is stopping and the scope was not running.</exception>
    public ProcessGroups GroupScope(string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var groups = GroupsOf(scope);
        groups.Start();
        return groups;
    }

    /// <summary>The scope's table, whether or not its server runs (the server publishes into it).</summary>
    internal ProcessGroups GroupsOf(string scope) =>
        _groupScopes.GetOrAdd(scope, static (name, node) => new ProcessGroups(node, name), this);
}
