using MemoryPack;

namespace Typed;

/// <summary>What changed in a node's view of its cluster (<see cref="ClusterMembership.Subscribe"/>).</summary>
public abstract record ClusterChange;

/// <summary>A visible node connected to this one.</summary>
/// <param name="Node">Its full name.</param>
[MemoryPackable]
public sealed partial record NodeJoined(string Node) : ClusterChange;

/// <summary>A visible node's connection to this one went down.</summary>
/// <param name="Node">Its full name.</param>
/// <param name="Reason">Why, as the connection said.</param>
/// <param name="Kind">Why, as a kind.</param>
[MemoryPackable]
public sealed partial record NodeLeft(string Node, string Reason, NodeDownKind Kind) : ClusterChange;

/// <summary>
/// This node, whole before, lost one or more expected nodes (<see cref="ClusterOptions.ExpectedNodes"/>);
/// said again each time another one goes while it is partitioned.
/// </summary>
/// <param name="Missing">The expected nodes it does not see now, in name order.</param>
[MemoryPackable]
public sealed partial record PartitionDetected(IReadOnlyList<string> Missing) : ClusterChange
{
    /// <inheritdoc />
    public override string ToString() => $"PartitionDetected {{ Missing = {string.Join(", ", Missing)} }}";
}

/// <summary>Every expected node is connected again; the global registry is synchronized with them (as <see cref="GlobalNames.SyncAsync"/>).</summary>
[MemoryPackable]
public sealed partial record PartitionHealed : ClusterChange
{
    /// <inheritdoc />
    public override string ToString() => "PartitionHealed";
}
