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

    /// <summary>
    /// Keeps the mesh whole, as OTP 25's <c>prevent_overlapping_partitions</c> does: when this node
    /// loses a node, it tells every node it is still connected to, and each of them disconnects the
    /// lost node too. Without it a cut between a and b while c sees both leaves an overlapping
    /// partition (c in both halves), where global names and groups can disagree for good. The price:
    /// one broken link cuts a node off from everyone this node reaches, until it reconnects. Off by
    /// default (OTP 25 has it on).
    /// </summary>
    public bool PreventOverlappingPartitions { get; set; }
}
