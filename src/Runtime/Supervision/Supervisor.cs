using System.ComponentModel;
using Typed.CompilerServices;
using Typed.Supervision;

namespace Typed;

/// <summary>
/// The supervisor operations (OTP's <c>supervisor:which_children/1</c> and friends) on the
/// <see cref="ProcessRef{T}"/> of any <c>[Supervisor]</c> class. Each is a call to the supervisor
/// process, so it waits for the supervisor to finish what it is doing, restarts included.
/// </summary>
public static class Supervisor
{
    /// <summary>Every child, running or not, in start order (OTP's <c>which_children</c>).</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async ValueTask<IReadOnlyList<ChildInfo>> WhichChildren<T>(this ProcessRef<T> supervisor, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor =>
        await Proxy.Call<T, ChildRequest, ChildInfo[]>(supervisor, SupervisorMessages.WhichChildren, ChildRequest.None, cancellationToken).ConfigureAwait(SimulationContext.Capture);

    /// <summary>How many children there are, running and by type (OTP's <c>count_children</c>).</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static ValueTask<ChildCounts> CountChildren<T>(this ProcessRef<T> supervisor, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor =>
        Proxy.Call<T, ChildRequest, ChildCounts>(supervisor, SupervisorMessages.CountChildren, ChildRequest.None, cancellationToken);

    /// <summary>
    /// Stops the child <paramref name="id"/> by its shutdown rule and keeps its spec, so
    /// <see cref="RestartChild{T}"/> can start it again; a temporary child's spec is deleted
    /// (OTP's <c>terminate_child</c>). Stopping a child that is not running succeeds.
    /// </summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">No such child.</exception>
    public static ValueTask TerminateChild<T>(this ProcessRef<T> supervisor, string id, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Void(Request(supervisor, SupervisorMessages.TerminateChild, new ChildRequest(id), cancellationToken));
    }

    /// <summary>Stops the dynamic child <paramref name="child"/> of a simple_one_for_one supervisor and forgets it.</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="child">The child's pid.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">No such child.</exception>
    public static ValueTask TerminateChild<T>(this ProcessRef<T> supervisor, Pid child, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor =>
        Void(Request(supervisor, SupervisorMessages.TerminateChild, new ChildRequest(Pid: child), cancellationToken));

    /// <summary>Starts again a child that was terminated, from its kept spec (OTP's <c>restart_child</c>).</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The new child's pid.</returns>
    /// <exception cref="SupervisorException">No such child, it is running, or it failed to start.</exception>
    public static ValueTask<Pid> RestartChild<T>(this ProcessRef<T> supervisor, string id, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Request(supervisor, SupervisorMessages.RestartChild, new ChildRequest(id), cancellationToken);
    }

    /// <summary>Deletes the spec of a child that is not running (OTP's <c>delete_child</c>).</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">No such child, or it is running or restarting.</exception>
    public static ValueTask DeleteChild<T>(this ProcessRef<T> supervisor, string id, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Void(Request(supervisor, SupervisorMessages.DeleteChild, new ChildRequest(id), cancellationToken));
    }

    /// <summary>
    /// Adds a child to a supervisor that is not simple_one_for_one and starts it, after the existing
    /// ones (OTP's <c>start_child/2</c> with a child spec). A simple_one_for_one supervisor has a
    /// generated <c>StartChild</c> taking its template's start arguments instead.
    /// </summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="spec">The child, from <see cref="ChildSpec.Of{TChild}(string, Restart, int, bool, string?)"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The new child's pid, once its init hook has run.</returns>
    /// <exception cref="SupervisorException">The id is taken, or the child failed to start.</exception>
    public static ValueTask<Pid> StartChild<T>(this ProcessRef<T> supervisor, ChildSpec spec, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Request(supervisor, SupervisorMessages.StartChild, new ChildRequest(Spec: spec), cancellationToken);
    }

    /// <summary>The running child <paramref name="id"/> as a typed ref; called by generated accessors.</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <typeparam name="TChild">The child's behaviour.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="id">The child's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">No such child, or it is not running now.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static async ValueTask<ProcessRef<TChild>> Child<T, TChild>(ProcessRef<T> supervisor, string id, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>, ISupervisor
        where TChild : class, IProcessBehaviour<TChild>
    {
        var pid = await Request(supervisor, SupervisorMessages.GetChild, new ChildRequest(id), cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return ChildRef<T, TChild>(supervisor, pid);
    }

    /// <summary>Starts a dynamic child of a simple_one_for_one supervisor; called by its generated <c>StartChild</c>.</summary>
    /// <typeparam name="T">The supervisor class.</typeparam>
    /// <typeparam name="TChild">The template's behaviour.</typeparam>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="args">The child's start arguments, or null when its init hook takes none.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SupervisorException">The child failed to start.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static async ValueTask<ProcessRef<TChild>> StartDynamicChild<T, TChild>(ProcessRef<T> supervisor, IStartArgs<TChild>? args, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>, ISupervisor
        where TChild : class, IProcessBehaviour<TChild>
    {
        var pid = await Request(supervisor, SupervisorMessages.StartChild, new ChildRequest(Args: args, ArgsBehaviour: TChild.Descriptor), cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return ChildRef<T, TChild>(supervisor, pid);
    }

    static ProcessRef<TChild> ChildRef<T, TChild>(ProcessRef<T> supervisor, Pid pid)
        where T : class, IProcessBehaviour<T>
        where TChild : class, IProcessBehaviour<TChild>
    {
        return Routing.Router.For(supervisor.Target).Node.Ref<TChild>(pid);
    }

    static async ValueTask<Pid> Request<T>(ProcessRef<T> supervisor, int id, ChildRequest request, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        var reply = await Proxy.Call<T, ChildRequest, ChildReply>(supervisor, id, request, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return reply.Error is { } error ? throw new SupervisorException(error, request.Describe(), reply.Reason) : reply.Pid;
    }

    static async ValueTask Void(ValueTask<Pid> pending) => await pending.ConfigureAwait(SimulationContext.Capture);
}
