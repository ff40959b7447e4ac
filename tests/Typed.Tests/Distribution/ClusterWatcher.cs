using Typed;

namespace Typed.Tests.Distribution;

/// <summary>A process that subscribes to its node's cluster changes and records them.</summary>
[Process]
public partial class ClusterWatcher
{
    readonly List<string> _changes = [];

    [Call]
    public void Watch() => Context.MonitorCluster(true);

    [Info]
    public void On(NodeLeft left) => _changes.Add($"left:{left.Node}");

    [Info]
    public void On(PartitionDetected detected) => _changes.Add($"partition:{string.Join(",", detected.Missing)}");

    [Info]
    public void On(PartitionHealed healed) => _changes.Add("healed");

    [Call]
    public List<string> Changes() => _changes;
}
