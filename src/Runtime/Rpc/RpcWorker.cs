using Typed.CompilerServices;
using Typed.Processes;

namespace Typed.Rpc;

/// <summary>
/// The process an RPC function runs in (Erlang's <c>erpc</c> spawns one per call): a fresh process
/// on the target node, visible in <see cref="Node.Processes"/> while the function runs, killed with
/// the node. It starts the function from its init hook, completes the reply with the function's
/// outcome, and exits normally.
/// </summary>
/// <remarks>
/// Design note. The worker is spawned from wherever the request arrives (a connection's read loop,
/// or the local caller) and the function never runs there. It is a linked child of the node's
/// <see cref="RpcHost"/> (<c>rex</c>): killing the host kills the workers it has. The reply keeps the first outcome only:
/// the value or the raised exception is given before the worker exits, and the exit observer set
/// before it starts answers a worker killed mid-function with its exit reason. The worker is not in
/// <see cref="BehaviourRegistry"/>, so no peer can spawn it by id.
/// </remarks>
internal sealed class RpcWorker : IProcessBehaviour<RpcWorker>
{
    static readonly BehaviourDescriptor<RpcWorker> s_descriptor = new(0, "Typed.Rpc.RpcWorker", static _ => new RpcWorker(), []);

    static readonly SpawnOptions s_linked = new() { Link = true };

    ProcessContext? _context;

    public static BehaviourDescriptor Descriptor => s_descriptor;

    /// <summary>
    /// Spawns a worker for one request, linked to the RPC host; if the node is stopping, or its host is
    /// being restarted, the caller hears so at once (<c>shutdown</c>, <c>noproc</c>).
    /// <paramref name="traceParent"/> is the caller's span, which the function's span continues (a
    /// call's reply sink carries its own).
    /// </summary>
    public static void TryStart(Node node, RpcFunction function, object args, ReplySink? reply, string? traceParent = null)
    {
        if (node.Registry.Find(RpcHost.RegisteredName) is not { } host)
        {
            reply?.Exited(node.NodePid, node.IsStopping ? ExitReason.Shutdown : ExitReason.NoProc);
            return;
        }

        try
        {
            node.SpawnCell(s_descriptor, new Job(function, args, reply, traceParent ?? reply?.TraceParent), s_linked, host, reply is null ? null : cell =>
                cell.AddWatcher(node.NewRef(), new ReplyOnExit(reply)));
        }
        catch (ObjectDisposedException)
        {
            reply?.Exited(node.NodePid, ExitReason.Shutdown);
        }
    }

    void IProcessBehaviour.Attach(ProcessContext context) => _context = context;

    ValueTask IProcessBehaviour.InitAsync(object? startArgs)
    {
        // The function runs as the process's own work, not inside its init hook: the process stays
        // responsive to stop requests (a node stopping ends it at once and cancels the token).
        var cell = (ProcessCell)_context!;
        var job = (Job)startArgs!;
        RpcLog.FunctionStarted(cell.Node.Log, job.Function.Name, cell.Self);
        _ = RunAsync(cell, job, cell.Stopping);
        return default;
    }

    static async Task RunAsync(ProcessCell cell, Job job, CancellationToken stopping)
    {
        // The function's token: the worker stopping, or its caller giving up (erpc does not cancel; Typed does).
        var aborted = job.Reply?.Aborted ?? default;
        using var linked = aborted.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted) : null;
        var token = linked?.Token ?? stopping;

        // The function's span (Server for a call, Consumer for a cast), only while someone listens; it
        // is this flow's current activity, so calls the function makes are its children.
        using var span = Diagnostics.TypedActivities.Source.HasListeners()
            ? Diagnostics.TypedActivities.StartHandle(job.Function.Names.Module, job.Function.Names.Method, cell.Node.Name, job.Reply is not null, job.Trace)
            : null;
        try
        {
            await job.Function.RunAsync(job.Args, job.Reply, token).ConfigureAwait(SimulationContext.Capture);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The worker was stopped or killed: its exit observer answers the caller with the exit reason.
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The caller gave up: nobody waits for an answer.
            cell.RequestStop(ExitReason.Normal);
            return;
        }
        catch (Exception ex)
        {
            // erpc's {exception, Class, Reason, Stack}: described, never the object; the worker ends normally.
            var type = ex.GetType().FullName ?? ex.GetType().Name;
            Diagnostics.TypedActivities.Failed(span, ex);
            RpcLog.FunctionRaised(cell.Node.Log, job.Function.Name, cell.Self, type, ex.Message);
            job.Reply?.Raised(type, ex.Message, ex.StackTrace);
        }

        cell.RequestStop(ExitReason.Normal);
    }

    ValueTask IProcessBehaviour.HandleAsync(in Envelope envelope) => Dispatch.Unhandled(_context!, in envelope);

    ValueTask IProcessBehaviour.TerminateAsync(ExitReason reason) => default;

    /// <summary>What one worker runs.</summary>
    sealed record Job(RpcFunction Function, object Args, ReplySink? Reply, string? Trace);

    /// <summary>Answers a worker that exits before the function returned (killed) with its exit reason.</summary>
    sealed class ReplyOnExit(ReplySink reply) : IExitObserver
    {
        public void OnExit(MonitorRef monitor, Pid pid, ExitReason reason) => reply.Exited(pid, reason);
    }
}
