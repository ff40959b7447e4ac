using Typed.CompilerServices;

namespace Typed;

/// <summary>
/// The running process as its behaviour sees it (Erlang's <c>self()</c> and the BIFs that act on
/// the calling process). Generated code exposes it to handlers as <c>Context</c>; use it only from
/// the process's own handlers and hooks.
/// </summary>
public abstract class ProcessContext
{
    private protected ProcessContext()
    {
    }

    /// <summary>
    /// The process running the code that reads this: inside a handler, a hook or an RPC function (which
    /// runs in its own fresh worker process), that process; elsewhere null. It flows across
    /// <c>await</c>s within that code.
    /// </summary>
    public static ProcessContext? Current => Processes.ProcessCell.Current;

    /// <summary>This process's pid.</summary>
    public abstract Pid Self { get; }

    /// <summary>The node this process runs on.</summary>
    public abstract Node Node { get; }

    /// <summary>
    /// Whether exit signals from linked processes arrive as <see cref="ExitSignal"/> messages instead
    /// of killing this process (Erlang's <c>process_flag(trap_exit, true)</c>). <c>kill</c> is never trapped.
    /// </summary>
    public abstract bool TrapExits { get; set; }

    /// <summary>
    /// Cancelled when this process is killed while a handler is still awaiting something, so the
    /// handler can give up its work.
    /// </summary>
    public abstract CancellationToken Stopping { get; }

    /// <summary>
    /// Cancelled when the current message's sender gives up on it (a caller's token is cancelled or its
    /// deadline passes, on this node or another) or when this process is killed (<see cref="Stopping"/>).
    /// A handler's own <see cref="CancellationToken"/> parameter is this token.
    /// </summary>
    public abstract CancellationToken RequestAborted { get; }

    /// <summary>
    /// What is left of the current message's deadline: a call's timeout, carried across nodes; null when
    /// the message has none. Calls this handler makes never wait longer than this.
    /// </summary>
    public abstract TimeSpan? TimeLeft { get; }

    /// <summary>Spawns a process of behaviour <typeparamref name="T"/>, optionally linked to or monitored by this one.</summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    /// <param name="options">Name, link, monitor.</param>
    public abstract ProcessRef<T> Spawn<T>(SpawnOptions? options = null)
        where T : class, IProcessBehaviour<T>;

    /// <summary>
    /// Spawns a process of behaviour <typeparamref name="T"/> and completes once its init hook has
    /// returned (OTP's <c>proc_lib:start_link</c> with <see cref="SpawnOptions.Link"/>).
    /// </summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    /// <param name="options">Name, link, monitor.</param>
    /// <param name="cancellationToken">Stops waiting (the process goes on starting).</param>
    /// <exception cref="ProcessExitedException">The process exited before its init hook returned.</exception>
    public abstract Task<ProcessRef<T>> SpawnAsync<T>(SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>;

    /// <summary>Spawns a process of behaviour <typeparamref name="T"/> with start arguments for its init hook.</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="args">The behaviour's generated <c>StartArgs</c>.</param>
    /// <param name="options">Name, link, monitor.</param>
    public abstract ProcessRef<T> Spawn<T>(IStartArgs<T> args, SpawnOptions? options = null)
        where T : class, IProcessBehaviour<T>;

    /// <summary>
    /// Spawns a process of behaviour <typeparamref name="T"/> on <paramref name="node"/>, optionally
    /// linked to or monitored by this one (Erlang's <c>spawn_link/2</c>, <c>spawn_monitor/2</c> on a node).
    /// The link or monitor is in place before the new process runs.
    /// </summary>
    /// <typeparam name="T">A <c>[Process]</c> class known to both nodes.</typeparam>
    /// <param name="node">The node's full name; this node's own name spawns locally.</param>
    /// <param name="options">Name, link, monitor.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <exception cref="NodeDownException">The node cannot be reached.</exception>
    /// <exception cref="RemoteSpawnException">The node refused.</exception>
    public abstract ValueTask<ProcessRef<T>> SpawnOn<T>(string node, SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>;

    /// <summary>Spawns on <paramref name="node"/> with start arguments for the behaviour's init hook.</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="node">The node's full name.</param>
    /// <param name="args">The behaviour's generated <c>StartArgs</c>.</param>
    /// <param name="options">Name, link, monitor.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public abstract ValueTask<ProcessRef<T>> SpawnOn<T>(string node, IStartArgs<T> args, SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>;

    /// <summary>
    /// Subscribes this process to <see cref="NodeUp"/> and <see cref="NodeDown"/> messages for visible
    /// nodes (Erlang's <c>net_kernel:monitor_nodes/1</c>); they arrive at its <c>[Info]</c> handlers.
    /// </summary>
    /// <param name="on">True to subscribe, false to stop.</param>
    public abstract void MonitorNodes(bool on);

    /// <summary>
    /// Subscribes this process to its node's cluster changes (<see cref="NodeJoined"/>, <see cref="NodeLeft"/>,
    /// <see cref="PartitionDetected"/>, <see cref="PartitionHealed"/>, see <see cref="Node.Cluster"/>);
    /// they arrive at its <c>[Info]</c> handlers.
    /// </summary>
    /// <param name="on">True to subscribe, false to stop.</param>
    public abstract void MonitorCluster(bool on);

    /// <summary>
    /// Links this process with <paramref name="pid"/> (Erlang's <c>link/1</c>): when either exits
    /// abnormally, the other gets an exit signal. Linking to a process that does not exist sends this
    /// process an exit signal with reason <c>noproc</c>.
    /// </summary>
    /// <param name="pid">The process to link with.</param>
    public abstract void Link(Pid pid);

    /// <summary>Removes the link with <paramref name="pid"/>, if any (Erlang's <c>unlink/1</c>).</summary>
    /// <param name="pid">The linked process.</param>
    public abstract void Unlink(Pid pid);

    /// <summary>
    /// Monitors <paramref name="pid"/> (Erlang's <c>monitor(process, Pid)</c>): one <see cref="Down"/>
    /// message arrives when it exits, at once with <c>noproc</c> if it does not exist.
    /// </summary>
    /// <param name="pid">The process to watch.</param>
    /// <returns>The monitor's reference, carried by its <see cref="Down"/> message.</returns>
    public abstract MonitorRef Monitor(Pid pid);

    /// <summary>
    /// Removes a monitor (Erlang's <c>demonitor(Ref, [flush])</c>): after this returns, no
    /// <see cref="Down"/> for it is delivered.
    /// </summary>
    /// <param name="monitor">The monitor to remove.</param>
    /// <returns>True if the monitor was still active.</returns>
    public abstract bool Demonitor(MonitorRef monitor);

    /// <summary>
    /// Sends an exit signal to <paramref name="pid"/> (Erlang's <c>exit/2</c>): <c>kill</c> kills it
    /// outright; <c>normal</c> is ignored unless it traps exits; any other reason kills it unless it traps exits.
    /// </summary>
    /// <param name="pid">The process to signal.</param>
    /// <param name="reason">The reason the signal carries.</param>
    public abstract void Exit(Pid pid, ExitReason reason);

    /// <summary>Sends a plain message to <paramref name="pid"/>; its behaviour's <c>[Info]</c> handler for the message's type receives it.</summary>
    /// <param name="pid">The receiver.</param>
    /// <param name="message">The message.</param>
    public abstract void Send(Pid pid, object message);

    /// <summary>
    /// Stops this process once the current handler returns (a gen_server's <c>{stop, Reason, State}</c>):
    /// the terminate hook runs, then links and monitors fire with <paramref name="reason"/>.
    /// A call being handled still gets its reply first.
    /// </summary>
    /// <param name="reason">The exit reason; <c>normal</c> when null.</param>
    public abstract void Stop(ExitReason? reason = null);
}
