using Typed.Processes;
using Typed.Supervision;

namespace Typed.Introspection;

/// <summary>
/// The node's introspection service (<see cref="RegisteredName"/>), a child of the kernel supervisor on
/// every node: it answers snapshot requests about its own node and carries out the observer's
/// supervisor actions on its node's supervisors.
/// </summary>
/// <remarks>
/// Design note. An observer on one node sees the others through this service, over the cluster's own
/// distribution: it calls <c>{typed_observer, Node}</c> on each node it is connected to, as Erlang's
/// observer calls its helper on each node. What comes back is plain data (<see cref="NodeSnapshot"/>);
/// no request runs code it names. The supervisors are asked in parallel, each with a short budget, so
/// one busy supervisor (stopping a slow child, say) shows as missing from one snapshot rather than
/// holding the service up. A supervisor action is a call from here to a local supervisor with the
/// supervisor's own behaviour, because every supervisor serves the same request ids.
/// </remarks>
[Process]
internal sealed partial class IntrospectionServer
{
    /// <summary>The local name of the service on every node.</summary>
    public const string RegisteredName = NodeIntrospection.ServiceName;

    /// <summary>How long one supervisor may take to describe itself before a snapshot goes without it.</summary>
    static readonly TimeSpan DescribeBudget = TimeSpan.FromSeconds(1);

    Node Node => Context.Node;

    /// <summary>Registers the service's name.</summary>
    [Init]
    public void Start() => Context.Node.Register(RegisteredName, Context.Self);

    /// <summary>This node's snapshot, with at most <paramref name="maxProcesses"/> processes (longest mailboxes first).</summary>
    [Call]
    public async ValueTask<NodeSnapshot> Snapshot(int maxProcesses)
    {
        var cells = Node.Cells.Where(c => !c.IsDead).ToArray();
        var supervisors = await Task.WhenAll(cells.Where(c => c.Descriptor.IsSupervisor).Select(DescribeAsync)).ConfigureAwait(SimulationContext.Capture);
        return Node.TakeSnapshot(cells, [.. supervisors.OfType<SupervisorSnapshot>()], Math.Max(0, maxProcesses));
    }

    /// <summary>Stops the child <paramref name="id"/> of the local supervisor <paramref name="supervisor"/>, keeping its spec; the supervisor's answer.</summary>
    [Call]
    public ValueTask<ChildActionReply> TerminateChild(Pid supervisor, string id) => ChildActionAsync(supervisor, SupervisorMessages.TerminateChild, id);

    /// <summary>Starts again the terminated child <paramref name="id"/> of the local supervisor <paramref name="supervisor"/>; the supervisor's answer.</summary>
    [Call]
    public ValueTask<ChildActionReply> RestartChild(Pid supervisor, string id) => ChildActionAsync(supervisor, SupervisorMessages.RestartChild, id);

    async Task<SupervisorSnapshot?> DescribeAsync(ProcessCell cell)
    {
        try
        {
            return await Node.Router.Call<ChildRequest, SupervisorSnapshot>(cell, cell.Descriptor, DescribeBudget, SupervisorMessages.Describe, ChildRequest.None, default).ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception ex) when (ex is TypedException or OperationCanceledException)
        {
            // Exited meanwhile, or busy past the budget: this snapshot goes without it.
            return null;
        }
    }

    async ValueTask<ChildActionReply> ChildActionAsync(Pid supervisor, int request, string id)
    {
        if (Node.FindLocal(supervisor) is not { Descriptor.IsSupervisor: true } cell)
        {
            // No such supervisor here: noproc, as a call to it would say.
            return ChildActionReply.Failed(SupervisorError.NotFound, ExitReason.NoProc);
        }

        try
        {
            var reply = await Node.Router.Call<ChildRequest, ChildReply>(cell, cell.Descriptor, Node.CallTimeout, request, new ChildRequest(id), default).ConfigureAwait(SimulationContext.Capture);
            return reply.Error is { } error ? ChildActionReply.Failed(error, reply.Reason) : ChildActionReply.Ok;
        }
        catch (TypedException ex)
        {
            // The supervisor exited or did not answer in time: the service goes on, the asker hears why.
            return ChildActionReply.Failed(SupervisorError.NotFound, ExitReason.Custom(ex.Message));
        }
    }
}
