using Typed.Diagnostics;
using Typed.Groups;
using Typed.Processes;
using Typed.Services;

namespace Typed;

/// <summary>
/// The node's system processes: the cluster services (the global name server, the process-group
/// scopes, the RPC workers' parent) are Typed processes like any other, children of the kernel
/// supervisor (<see cref="KernelSupervisor"/>), registered under well-known local names so that the
/// same service on other nodes can reach them by <c>{Name, Node}</c>.
/// </summary>
public sealed partial class Node
{
    ProcessCell? _kernel;

    /// <summary>Whether <see cref="StopAsync"/> has begun.</summary>
    internal bool IsStopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>
    /// Starts the kernel supervisor and waits until each of its children has run its init hook, so
    /// the services exist when the node is handed out. A distributed node starts it once its
    /// distribution runs, before it talks to other nodes (the services subscribe to node events).
    /// </summary>
    /// <exception cref="InvalidOperationException">The kernel supervisor failed to start.</exception>
    async Task StartKernelAsync(CancellationToken cancellationToken)
    {
        var cell = (ProcessCell)SpawnCore<KernelSupervisor>(null, new SpawnOptions { Name = KernelSupervisor.RegisteredName }, null).Target;
        _kernel = cell;
        cell.AddWatcher(NewRef(), new KernelExit(this));
        if (await cell.WhenStarted().WaitAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture) is { } failure)
        {
            throw new InvalidOperationException($"The kernel supervisor failed to start: {failure}");
        }
    }

    /// <summary>
    /// Asks the kernel supervisor to stop (its children in reverse start order) once the user's trees
    /// are down; completes when it has exited.
    /// </summary>
    Task StopKernelAsync()
    {
        if (_kernel is not { } cell)
        {
            return Task.CompletedTask;
        }

        var waiter = new ExitWaiter();
        if (!cell.AddWatcher(NewRef(), waiter))
        {
            return Task.CompletedTask;
        }

        cell.RequestStop(ExitReason.Shutdown);
        return waiter.Task;
    }

    /// <summary>Whether <paramref name="cell"/> is the kernel supervisor (stopped after every other top-level process).</summary>
    bool IsKernel(ProcessCell cell) => ReferenceEquals(cell, _kernel);

    /// <summary>Starts a named process-group scope's server as a dynamic child of the kernel supervisor, registered under the scope.</summary>
    internal async Task StartScopeAsync(string scope)
    {
        var kernel = At<KernelSupervisor>(KernelSupervisor.RegisteredName);
        try
        {
            await kernel.StartChild(ChildSpec.Of<ScopeServer>(scope, Restart.Permanent, name: scope)).ConfigureAwait(SimulationContext.Capture);
        }
        catch (SupervisorException ex) when (ex.Error == SupervisorError.AlreadyPresent)
        {
            // Started by an earlier call whose outcome was lost to its caller: it runs under the kernel supervisor.
        }
    }

    /// <summary>Logs the kernel supervisor exiting while the node runs: from then on it has no services.</summary>
    sealed class KernelExit(Node node) : IExitObserver
    {
        public void OnExit(MonitorRef monitor, Pid pid, ExitReason reason)
        {
            if (!node.IsStopping)
            {
                node.Log.KernelExited(pid, reason);
            }
        }
    }
}
