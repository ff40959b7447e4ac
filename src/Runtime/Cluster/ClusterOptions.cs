namespace Typed;

/// <summary>The cluster a node expects to be part of (<see cref="NodeOptions.Cluster"/>).</summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// The full names of the nodes that make up the cluster (this node's own may be among them). A node
    /// connected to all of them is whole; one that loses any of them afterwards is partitioned, until
    /// they are all back (<see cref="ClusterMembership"/>). Read as nodes come and go.
    /// </summary>
    public ISet<string> ExpectedNodes { get; } = new HashSet<string>(StringComparer.Ordinal);
}
