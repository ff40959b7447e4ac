using Typed.Diagnostics;

namespace Typed.Supervision;

/// <summary>Children kept to the majority side of a partition (<see cref="SplitBrain.KeepMajority"/>).</summary>
public sealed partial class SupervisorCore
{
    /// <summary>Whether <paramref name="spec"/> must not run now: it keeps to the majority and this node is not in one.</summary>
    bool InMinority(ChildSpec spec) =>
        spec.SplitBrain == SplitBrain.KeepMajority && Self.Node.Kernel is not null && !Self.Node.Cluster.HasMajority;

    void Suspend(Child child)
    {
        child.Suspended = true;
        child.Restarting = false;
        Log.ChildSuspended(Self.Self, child.Spec.Id, string.Join(", ", Self.Node.Cluster.Members));
    }

    /// <summary>
    /// The node's view of the cluster changed: in a minority, children that keep to the majority stop
    /// (by their shutdown rule; not an exit that restarts them); back in a majority, they start again.
    /// Neither counts toward the restart intensity; a start that fails then is a restart like any other.
    /// </summary>
    async ValueTask OnClusterChangeAsync()
    {
        foreach (var child in Children.ToList())
        {
            if (Self.IsDead || child.Spec.SplitBrain != SplitBrain.KeepMajority)
            {
                continue;
            }

            if (InMinority(child.Spec))
            {
                if (child.IsRunning)
                {
                    await StopAsync([child]).ConfigureAwait(SimulationContext.Capture);
                    Suspend(child);
                }
            }
            else if (child.Suspended)
            {
                Log.ChildResumed(Self.Self, child.Spec.Id);
                if (await StartAsync(child).ConfigureAwait(SimulationContext.Capture) is not null)
                {
                    await RestartAsync(child).ConfigureAwait(SimulationContext.Capture);
                }
            }
        }
    }
}
