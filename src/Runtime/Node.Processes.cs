using Typed.CompilerServices;
using Typed.Processes;

namespace Typed;

/// <summary>Spawning, addressing and signalling processes.</summary>
public sealed partial class Node
{
    /// <summary>Spawns a process of behaviour <typeparamref name="T"/>, its constructor dependencies taken from <see cref="Services"/>.</summary>
    /// <typeparam name="T">A <c>[Process]</c> class.</typeparam>
    /// <param name="options">A name to register; link and monitor need a spawning process (<see cref="ProcessContext.Spawn{T}(SpawnOptions?)"/>).</param>
    /// <returns>A typed ref to the new process. Its init hook runs inside it before any message.</returns>
    /// <exception cref="NameTakenException">The name is registered to another process.</exception>
    public ProcessRef<T> Spawn<T>(SpawnOptions? options = null)
        where T : class, IProcessBehaviour<T> => SpawnCore<T>(null, options, null);

    /// <summary>Spawns a process of behaviour <typeparamref name="T"/> with start arguments for its init hook.</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="args">The behaviour's generated <c>StartArgs</c> record.</param>
    /// <param name="options">A name to register.</param>
    public ProcessRef<T> Spawn<T>(IStartArgs<T> args, SpawnOptions? options = null)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(args);
        return SpawnCore<T>(args, options, null);
    }

    /// <summary>
    /// Spawns a process of behaviour <typeparamref name="T"/> and completes once its init hook has
    /// returned (OTP's <c>proc_lib:start</c>); for a supervisor, once its whole tree has started.
    /// </summary>
    /// <typeparam name="T">A <c>[Process]</c> or <c>[Supervisor]</c> class.</typeparam>
    /// <param name="options">A name to register.</param>
    /// <param name="cancellationToken">Stops waiting (the process goes on starting).</param>
    /// <exception cref="ProcessExitedException">The process exited before its init hook returned; the reason says why.</exception>
    public Task<ProcessRef<T>> SpawnAsync<T>(SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T> => SpawnStartedAsync<T>(null, options, null, cancellationToken);

    /// <summary>Spawns with start arguments and completes once the init hook has returned (<see cref="SpawnAsync{T}(SpawnOptions?, CancellationToken)"/>).</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="args">The behaviour's generated <c>StartArgs</c> record.</param>
    /// <param name="options">A name to register.</param>
    /// <param name="cancellationToken">Stops waiting (the process goes on starting).</param>
    /// <exception cref="ProcessExitedException">The process exited before its init hook returned.</exception>
    public Task<ProcessRef<T>> SpawnAsync<T>(IStartArgs<T> args, SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(args);
        return SpawnStartedAsync<T>(args, options, null, cancellationToken);
    }

    /// <summary>The one path behind both <c>SpawnAsync</c>s, a node's and a process's.</summary>
    internal async Task<ProcessRef<T>> SpawnStartedAsync<T>(object? args, SpawnOptions? options, ProcessCell? parent, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>
    {
        var cell = SpawnCell(T.Descriptor, args, options, parent);
        var failure = await cell.WhenStarted().WaitAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return failure is null ? new ProcessRef<T>(cell) : throw new ProcessExitedException(cell.Self, failure);
    }

    internal ProcessRef<T> SpawnCore<T>(object? args, SpawnOptions? options, ProcessCell? parent)
        where T : class, IProcessBehaviour<T> => new(SpawnCell(T.Descriptor, args, options, parent));

    /// <summary>Spawns by descriptor: the one path behind typed spawns, supervisors' child starts and remote spawns.</summary>
    /// <remarks>
    /// <paramref name="remoteParent"/> is the spawner on another node (a remote spawn): an exit signal
    /// from it stops the new process even when it traps exits, as one from a local parent does.
    /// </remarks>
    internal ProcessCell SpawnCell(BehaviourDescriptor descriptor, object? args, SpawnOptions? options, ProcessCell? parent, Action<ProcessCell>? beforeStart = null, Pid remoteParent = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopping) != 0, this);
        if (args is null && descriptor.StartArgs is not null)
        {
            throw new ArgumentException($"The init hook of {descriptor.Name} takes arguments: spawn it with its StartArgs record");
        }

        // Isolation: the new process gets its own copy of its start arguments, as of the spawn (a
        // supervisor's child spec keeps the originals for restarts).
        if (args is not null && descriptor.StartArgs is { } startArgs)
        {
            args = startArgs.LocalCopy(args, this);
        }

        if (parent is null && options is { Link: true } or { Monitor: true })
        {
            throw new InvalidOperationException("Only a process can link to or monitor what it spawns: spawn from its ProcessContext");
        }

        var behaviour = descriptor.CreateBehaviour(Services);
        var pid = new Pid(Name, (ulong)Interlocked.Increment(ref _nextPid), Creation);
        var cell = new ProcessCell(this, pid, descriptor, behaviour, args, parent?.Self ?? remoteParent, options?.TrapExits ?? false);
        behaviour.Attach(cell);
        _processes[pid.Id] = cell;
        Interlocked.Increment(ref _live);
        Diagnostics.TypedMetrics.ProcessSpawned(Name);
        if (options?.Name is { } name)
        {
            try
            {
                Registry.Register(name, cell);
            }
            catch
            {
                _processes.TryRemove(pid.Id, out _);
                Interlocked.Decrement(ref _live);
                throw;
            }
        }

        if (options is { Link: true })
        {
            parent!.LinkChild(cell);
        }

        if (options is { Monitor: true })
        {
            parent!.MonitorChild(cell);
        }

        beforeStart?.Invoke(cell);
        cell.Start();
        return cell;
    }

    /// <summary>A typed ref to the process registered locally as <paramref name="name"/>, resolved at every use (Erlang's <c>Name</c> as a destination).</summary>
    /// <typeparam name="T">The behaviour the process is expected to have.</typeparam>
    /// <param name="name">The registered name.</param>
    public ProcessRef<T> At<T>(string name)
        where T : class, IProcessBehaviour<T> => At<T>(name, Name);

    /// <summary>A typed ref to the process registered as <paramref name="name"/> on <paramref name="node"/> (Erlang's <c>{Name, Node}</c>).</summary>
    /// <typeparam name="T">The behaviour the process is expected to have.</typeparam>
    /// <param name="name">The registered name.</param>
    /// <param name="node">The node's full name.</param>
    public ProcessRef<T> At<T>(string name, string node)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new ProcessRef<T>(new ProcessAddress(this, name, node));
    }

    /// <summary>A typed ref to the process <paramref name="pid"/>. Nothing is checked until it is used.</summary>
    /// <typeparam name="T">The behaviour the process is expected to have.</typeparam>
    /// <param name="pid">The process.</param>
    public ProcessRef<T> Ref<T>(Pid pid)
        where T : class, IProcessBehaviour<T> =>
        FindLocal(pid) is { } cell ? new ProcessRef<T>(cell) : new ProcessRef<T>(new ProcessAddress(this, pid));

    /// <summary>
    /// Sends a plain message to <paramref name="pid"/> (Erlang's <c>Pid ! Msg</c>); its behaviour's
    /// <c>[Info]</c> handler for the message's type receives it. A message to a process that does not
    /// exist is dropped, as in Erlang.
    /// </summary>
    /// <param name="pid">The receiver.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="MessageTooLargeException">The message is for another node and over the frame cap (checked before it is queued).</exception>
    /// <exception cref="MessageNotSentException">The message is for another node and cannot go: it does not serialize, no <c>[Info]</c> handler gives its type a wire id, or the connection is not up yet and sixteen times <see cref="DistributionOptions.OutgoingQueueLimit"/> frames already wait for it.</exception>
    public void Send(Pid pid, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Router.Send(pid, message);
    }

    /// <summary>
    /// Sends as <see cref="Send(Pid, object)"/>, then waits while the connection the message went on is
    /// busy (more than <see cref="DistributionOptions.OutgoingQueueLimit"/> frames queued): code outside
    /// processes that sends in bulk uses this to be slowed down instead of piling frames up. A process
    /// needs no such call: one that sends on a busy connection waits before its next message.
    /// </summary>
    /// <param name="pid">The receiver.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops waiting for room (the message is queued either way).</param>
    /// <exception cref="MessageTooLargeException">The message is for another node and over the frame cap (checked before it is queued).</exception>
    /// <exception cref="MessageNotSentException">The message is for another node and cannot go: it does not serialize, no <c>[Info]</c> handler gives its type a wire id, or the connection is not up yet and sixteen times <see cref="DistributionOptions.OutgoingQueueLimit"/> frames already wait for it.</exception>
    public ValueTask SendAsync(Pid pid, object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Room(Router.Send(pid, message), cancellationToken);
    }

    /// <summary>Sends as <see cref="Send(string, string, object)"/>, then waits while the connection is busy (<see cref="SendAsync(Pid, object, CancellationToken)"/>).</summary>
    /// <param name="name">The registered name.</param>
    /// <param name="node">The node's full name.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops waiting for room (the message is queued either way).</param>
    /// <exception cref="MessageTooLargeException">The message is for another node and over the frame cap (checked before it is queued).</exception>
    /// <exception cref="MessageNotSentException">The message is for another node and cannot go: it does not serialize, no <c>[Info]</c> handler gives its type a wire id, or the connection is not up yet and sixteen times <see cref="DistributionOptions.OutgoingQueueLimit"/> frames already wait for it.</exception>
    public ValueTask SendAsync(string name, string node, object message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(message);
        return Room(Router.Send(name, node, message), cancellationToken);
    }

    static ValueTask Room(Task? room, CancellationToken cancellationToken) =>
        room is null || room.IsCompleted ? default : new ValueTask(room.WaitAsync(cancellationToken));

    /// <summary>
    /// Sends a plain message to the process registered as <paramref name="name"/> on <paramref name="node"/>
    /// (Erlang's <c>{Name, Node} ! Msg</c>); dropped if no process has that name.
    /// </summary>
    /// <param name="name">The registered name.</param>
    /// <param name="node">The node's full name; this node's own name sends locally.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="MessageTooLargeException">The message is for another node and over the frame cap (checked before it is queued).</exception>
    /// <exception cref="MessageNotSentException">The message is for another node and cannot go: it does not serialize, no <c>[Info]</c> handler gives its type a wire id, or the connection is not up yet and sixteen times <see cref="DistributionOptions.OutgoingQueueLimit"/> frames already wait for it.</exception>
    public void Send(string name, string node, object message)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(message);
        Router.Send(name, node, message);
    }

    /// <summary>
    /// Sends an exit signal to <paramref name="pid"/> from outside any process (Erlang's <c>exit/2</c>):
    /// <c>kill</c> kills it; <c>normal</c> is ignored unless it traps exits; another reason kills it unless it traps exits.
    /// </summary>
    /// <param name="pid">The process.</param>
    /// <param name="reason">The reason the signal carries.</param>
    public void Exit(Pid pid, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Router.Exit(NodePid, pid, reason, viaLink: false);
    }

    /// <summary>
    /// Completes with the exit reason of <paramref name="pid"/> when it exits, or with <c>noproc</c>
    /// at once if it is not alive (a monitor from outside any process).
    /// </summary>
    /// <param name="pid">The process to watch.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    public Task<ExitReason> WaitForExitAsync(Pid pid, CancellationToken cancellationToken = default)
    {
        var cell = FindLocal(pid);
        var waiter = new ExitWaiter();
        var monitor = NewRef();
        if (cell is null || !cell.AddWatcher(monitor, waiter))
        {
            return Task.FromResult(ExitReason.NoProc);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.CancelWith(cancellationToken, () => cell.RemoveWatcher(monitor));
        }

        return waiter.Task;
    }
}
