using System.ComponentModel;
using Typed.Messaging;
using Typed.Processes;

namespace Typed.CompilerServices;

/// <summary>
/// What the generated extension methods on <see cref="ProcessRef{T}"/> call: call, cast and send by
/// message id. User code calls the generated methods instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Proxy
{
    /// <summary>Sends a call and awaits its reply.</summary>
    /// <typeparam name="T">The callee's behaviour.</typeparam>
    /// <typeparam name="TMessage">The generated message record.</typeparam>
    /// <typeparam name="TReply">The handler's result type (<see cref="Unit"/> for none).</typeparam>
    /// <param name="to">The callee.</param>
    /// <param name="id">The message id.</param>
    /// <param name="message">The message record.</param>
    /// <param name="cancellationToken">Stops waiting; the request may or may not have been applied.</param>
    /// <exception cref="ProcessExitedException">The callee is not alive, or exited before replying.</exception>
    /// <exception cref="CallTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="CallingSelfException">A process called itself.</exception>
    public static ValueTask<TReply> Call<T, TMessage, TReply>(in ProcessRef<T> to, int id, TMessage message, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>
        where TMessage : class
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TReply>(cancellationToken);
        }

        var target = to.Current;
        var cell = target.Resolve(out var node, out var pid);
        if (cell is null)
        {
            if (target.Target is ProcessAddress { IsLocal: false } remote && node.Kernel is { } kernel)
            {
                var remoteTimeout = target.Timeout == TimeSpan.Zero ? node.Options.CallTimeout : target.Timeout;
                return kernel.Call<TMessage, TReply>(remote, id, message, remoteTimeout, cancellationToken);
            }

            return ValueTask.FromException<TReply>(Unreachable(target, node));
        }

        if (ReferenceEquals(ProcessCell.Current, cell))
        {
            return ValueTask.FromException<TReply>(new CallingSelfException(pid));
        }

        if (cell.Behaviour is not null and not T)
        {
            return ValueTask.FromException<TReply>(new UnhandledMessageException(pid, $"calls of {typeof(T).Name}: it runs {cell.Descriptor.Name}"));
        }

        var timeout = target.Timeout == TimeSpan.Zero ? node.Options.CallTimeout : target.Timeout;
        var call = new PendingCall<TReply>(node.Timers, pid, timeout);
        var result = call.Start(cancellationToken);
        if (!cell.Post(new Envelope(id, message, call)))
        {
            // As in Erlang, a monitor set on a process that is already gone says noproc.
            call.Exited(pid, ExitReason.NoProc);
        }

        return result;
    }

    /// <summary>Sends a call to a handler that returns nothing and awaits its completion.</summary>
    /// <typeparam name="T">The callee's behaviour.</typeparam>
    /// <typeparam name="TMessage">The generated message record.</typeparam>
    /// <param name="to">The callee.</param>
    /// <param name="id">The message id.</param>
    /// <param name="message">The message record.</param>
    /// <param name="cancellationToken">Stops waiting; the request may or may not have been applied.</param>
    public static ValueTask Call<T, TMessage>(in ProcessRef<T> to, int id, TMessage message, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>
        where TMessage : class
    {
        var pending = Call<T, TMessage, Unit>(to, id, message, cancellationToken);
        return pending.IsCompletedSuccessfully ? default : Discard(pending);

        static async ValueTask Discard(ValueTask<Unit> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>Sends a cast: returns at once; a cast to a process that is not alive is dropped, as in Erlang.</summary>
    /// <typeparam name="T">The callee's behaviour.</typeparam>
    /// <typeparam name="TMessage">The generated message record.</typeparam>
    /// <param name="to">The receiver.</param>
    /// <param name="id">The message id.</param>
    /// <param name="message">The message record.</param>
    public static void Cast<T, TMessage>(in ProcessRef<T> to, int id, TMessage message)
        where T : class, IProcessBehaviour<T>
        where TMessage : class
    {
        var target = to.Current;
        var cell = target.Resolve(out var node, out _);
        if (cell is { Behaviour: T })
        {
            cell.Post(new Envelope(id, message, null));
        }
        else if (cell is null && target.Target is ProcessAddress { IsLocal: false } remote)
        {
            node.Kernel?.Cast(remote, id, message);
        }
    }

    /// <summary>Sends a plain message to an <c>[Info]</c> handler; dropped if the process is not alive.</summary>
    /// <typeparam name="T">The receiver's behaviour.</typeparam>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="to">The receiver.</param>
    /// <param name="message">The message.</param>
    public static void Send<T, TMessage>(in ProcessRef<T> to, TMessage message)
        where T : class, IProcessBehaviour<T>
        where TMessage : notnull
    {
        var target = to.Current;
        var cell = target.Resolve(out var node, out var pid);
        if (cell is not null)
        {
            cell.Post(new Envelope(Envelope.InfoId, message, null));
        }
        else if (target.Target is ProcessAddress { IsLocal: false } remote)
        {
            if (remote.Name is { } name)
            {
                node.Send(name, remote.NodeName, message);
            }
            else
            {
                node.Send(pid, message);
            }
        }
    }

    /// <summary>A typed ref to the process a behaviour runs as (the generated <c>Self</c>).</summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    /// <param name="context">The behaviour's process.</param>
    public static ProcessRef<T> Self<T>(ProcessContext context)
        where T : class, IProcessBehaviour<T> => new((ProcessCell)context);

    static Exception Unreachable<T>(in ProcessRef<T> to, Node node)
        where T : class, IProcessBehaviour<T>
    {
        if (to.Target is ProcessAddress { IsLocal: false } address)
        {
            return new NodeDownException(address.NodeName, "no connection to that node (distribution is not running on " + node.Name + ")");
        }

        var pid = to.Pid;
        return pid.IsEmpty
            ? new ProcessExitedException(to.Describe(), ExitReason.NoProc)
            : new ProcessExitedException(pid, ExitReason.NoProc);
    }
}
