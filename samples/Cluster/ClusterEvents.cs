using System.Collections.Concurrent;

namespace Typed.Samples.Cluster;

/// <summary>
/// What node a has seen happen in the cluster, as tasks the narration awaits with a deadline: nodes
/// coming up and going down (from <see cref="Node.MonitorNodes"/>) and exit signals the
/// <see cref="Watchman"/> received. Callbacks run on the runtime's threads; the narration prints.
/// </summary>
public sealed class ClusterEvents
{
    readonly ConcurrentDictionary<string, TaskCompletionSource<NodeUp>> _up = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TaskCompletionSource<NodeDown>> _down = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Pid, TaskCompletionSource<ExitSignal>> _exits = new();

    /// <summary>Completes when <paramref name="node"/> is first seen up.</summary>
    public Task<NodeUp> Up(string node) => Slot(_up, node).Task;

    /// <summary>Completes when <paramref name="node"/> is first seen down.</summary>
    public Task<NodeDown> Down(string node) => Slot(_down, node).Task;

    /// <summary>Completes when the watchman receives the exit signal of <paramref name="pid"/>.</summary>
    public Task<ExitSignal> Exit(Pid pid) => Slot(_exits, pid).Task;

    /// <summary>Subscribes to <paramref name="node"/>'s NodeUp and NodeDown.</summary>
    public IDisposable Watch(Node node) =>
        node.MonitorNodes(up => Slot(_up, up.Node).TrySetResult(up), down => Slot(_down, down.Node).TrySetResult(down));

    internal void Exited(ExitSignal signal) => Slot(_exits, signal.From).TrySetResult(signal);

    static TaskCompletionSource<T> Slot<TKey, T>(ConcurrentDictionary<TKey, TaskCompletionSource<T>> slots, TKey key)
        where TKey : notnull =>
        slots.GetOrAdd(key, static _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
}
