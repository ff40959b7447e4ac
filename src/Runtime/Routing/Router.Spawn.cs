using Typed.CompilerServices;
using Typed.Distribution.Protocol;
using Typed.Processes;

namespace Typed.Routing;

/// <summary>Spawning on other nodes (Erlang's <c>spawn_request</c>).</summary>
internal sealed partial class Router
{
    /// <summary>
    /// Spawns on <paramref name="node"/>. The link or monitor is set up on both sides before the new
    /// process runs, so an early exit is never lost. With <paramref name="afterInit"/> the answer
    /// comes once the process's init hook has returned (a supervisor's synchronous start), and only
    /// the node going down or <paramref name="cancellationToken"/> ends the wait; otherwise the
    /// node's call timeout bounds it.
    /// </summary>
    public async Task<Pid> SpawnAsync(string node, BehaviourDescriptor descriptor, object? args, SpawnOptions? options, ProcessCell? parent, bool afterInit, CancellationToken cancellationToken)
    {
        var kernel = _kernel ?? throw new NodeDownException(node, $"{_node.Name} is not distributed: set NodeOptions.Cookie");
        var requestId = NextRef();
        MonitorRef? monitor = options is { Monitor: true } ? _node.NewRef() : null;
        var pending = new PendingSpawn(node, parent, options?.Link ?? false, monitor);
        _spawns[requestId] = pending;
        var from = parent?.Self ?? _node.NodePid;
        _ = kernel.Enqueue(node, new SpawnRequestFrame(requestId, from, descriptor.Id, options?.Link ?? false, monitor, options?.Name, args, args is null ? null : descriptor.StartArgs, afterInit));
        try
        {
            return await pending.Task.WaitAsync(afterInit ? Timeout.InfiniteTimeSpan : _node.CallTimeout, SimulationContext.Clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (TimeoutException)
        {
            throw new NodeDownException(node, "no answer to the spawn request within " + _node.CallTimeout);
        }
        finally
        {
            _spawns.TryRemove(requestId, out _);
        }
    }

    /// <summary>A spawn request waiting for its reply; what the parent asked to link or monitor.</summary>
    sealed class PendingSpawn(string node, ProcessCell? parent, bool link, MonitorRef? monitor)
        : TaskCompletionSource<Pid>(SimulationContext.SourceOptions)
    {
        public string Node => node;

        public ProcessCell? Parent => parent;

        public bool Link => link;

        public MonitorRef? Monitor => monitor;
    }
}
