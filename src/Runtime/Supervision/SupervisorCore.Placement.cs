using Typed.Diagnostics;

namespace Typed.Supervision;

/// <summary>Children on other nodes: where each start goes, and takeover when a preferred node returns.</summary>
public sealed partial class SupervisorCore
{
    /// <summary>The node for the next start of <paramref name="child"/>, by its placement; null when none is live.</summary>
    string? PlaceChild(Child child)
    {
        var placement = child.Spec.Placement;
        if (ReferenceEquals(placement, Placement.Local))
        {
            return Self.Node.Name;
        }

        var node = Self.Node;
        var live = new List<string>(node.Nodes.Count + 1) { node.Name };
        live.AddRange(node.Nodes);
        live.Sort(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pid in _running.Keys)
        {
            counts[pid.Node] = counts.GetValueOrDefault(pid.Node) + 1;
        }

        return placement.Choose(new PlacementContext(child.Spec.Id, node.Name, live, child.LastNode, counts, group => node.Groups.GetMembers(group)));
    }

    /// <summary>
    /// Watches what <paramref name="spec"/> needs from the cluster, from the first child that needs it
    /// on: node ups when it can be taken over, majority and minority when it keeps to the majority.
    /// </summary>
    void WatchClusterFor(ChildSpec spec)
    {
        if (Self.Node.Kernel is null)
        {
            return;
        }

        if (spec.Placement.CanTakeOver)
        {
            Self.MonitorNodes(true);
        }

        if (spec.SplitBrain == SplitBrain.KeepMajority)
        {
            Self.MonitorCluster(true);
        }
    }

    /// <summary>
    /// A node came up: each running child whose placement prefers it to the node it runs on moves
    /// there (stopped by its shutdown rule, then started there), as OTP's takeover does. A move is
    /// not a restart and does not count toward the intensity; a start that fails there is one.
    /// </summary>
    async ValueTask OnNodeUpAsync(NodeUp up)
    {
        foreach (var child in Children.ToList())
        {
            if (!child.IsRunning || !child.Spec.Placement.TakesOver(up.Node, child.Pid.Node) || Self.IsDead)
            {
                continue;
            }

            Log.ChildTakeover(Self.Self, child.Spec.Id, child.Pid, up.Node);
            await StopAsync([child]).ConfigureAwait(SimulationContext.Capture);
            if (await StartAsync(child).ConfigureAwait(SimulationContext.Capture) is not null)
            {
                await RestartAsync(child).ConfigureAwait(SimulationContext.Capture);
            }
        }
    }
}
