using System.ComponentModel;
using Typed.Messaging;
using Typed.Processes;
using Typed.Routing;

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
        var target = to.Target;
        return Router.For(target).Call<TMessage, TReply>(target, T.Descriptor, to.Timeout, id, message, cancellationToken);
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

        static async ValueTask Discard(ValueTask<Unit> pending) => await pending.ConfigureAwait(SimulationContext.Capture);
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
        var target = to.Target;
        Router.For(target).Cast(target, T.Descriptor, id, message);
    }

    /// <summary>
    /// Sends a cast as <see cref="Cast{T, TMessage}"/>, then, outside a process, waits while the connection
    /// it went on is busy (Erlang's <c>busy_dist_port</c>). Completes at once, without allocating, when there
    /// is room; inside a process it always does (the process already takes no next message until there is room).
    /// </summary>
    /// <typeparam name="T">The callee's behaviour.</typeparam>
    /// <typeparam name="TMessage">The generated message record.</typeparam>
    /// <param name="to">The receiver.</param>
    /// <param name="id">The message id.</param>
    /// <param name="message">The message record.</param>
    /// <param name="cancellationToken">Stops waiting for room; the cast is queued either way.</param>
    public static ValueTask CastAsync<T, TMessage>(in ProcessRef<T> to, int id, TMessage message, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>
        where TMessage : class
    {
        var target = to.Target;
        var room = Router.For(target).Cast(target, T.Descriptor, id, message);
        return room is null || room.IsCompleted || ProcessCell.Current is not null ? default : new ValueTask(room.WaitAsync(cancellationToken));
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
        var target = to.Target;
        Router.For(target).Send(target, message);
    }

    /// <summary>
    /// The process a behaviour runs as (the generated <c>Context</c>): <paramref name="context"/>, or
    /// <see cref="InvalidOperationException"/> when the behaviour is not running as a process. The message
    /// is made here from the type's name, so no behaviour carries a string of its own for it.
    /// </summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    /// <param name="context">The behaviour's attached process, if any.</param>
    /// <exception cref="InvalidOperationException">The behaviour is not running as a process.</exception>
    public static ProcessContext Context<T>(ProcessContext? context)
        where T : class, IProcessBehaviour<T> => context ?? throw NotRunning(typeof(T).Name);

    static InvalidOperationException NotRunning(string behaviour) => new(behaviour + " is not running as a process");

    /// <summary>A typed ref to the process a behaviour runs as (the generated <c>Self</c>).</summary>
    /// <typeparam name="T">The behaviour.</typeparam>
    /// <param name="context">The behaviour's process.</param>
    public static ProcessRef<T> Self<T>(ProcessContext context)
        where T : class, IProcessBehaviour<T> => new((ProcessCell)context);
}
