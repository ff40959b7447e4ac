using Typed.CompilerServices;
using System.ComponentModel;
using Typed.Messaging;

namespace Typed.Rpc;

/// <summary>
/// What generated RPC stubs call (<c>Maths.On(node, target).Add(1, 2)</c> and the like): call, cast,
/// async call and multicall by function id. User code calls the generated stubs instead.
/// </summary>
/// <remarks>
/// A call's outcome is one of: the function's value; <see cref="RemoteException"/> (the function
/// raised; it ran); <see cref="UndefinedFunctionException"/> (no such function on the target; it did
/// not run); <see cref="ProcessExitedException"/> (its worker process was killed while it ran);
/// <see cref="NodeDownException"/> or <see cref="CallTimeoutException"/> (the function may or may
/// not have run); <see cref="OperationCanceledException"/> (the caller stopped waiting; it may or
/// may not have run).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RpcStub
{
    /// <summary>Runs a function on the target in a fresh process and awaits its result (<c>rpc:call</c>).</summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <typeparam name="TResult">The function's result.</typeparam>
    /// <param name="target">The node to run it on and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting; the function may or may not have run.</param>
    public static ValueTask<TResult> Call<TArgs, TResult>(in RpcTarget target, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class
    {
        ArgumentNullException.ThrowIfNull(args);
        var node = target.Node ?? throw new ArgumentException("An RPC target needs a node", nameof(target));
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        return node.Router.RpcCall<TArgs, TResult>(target.NodeName, functionId, args, target.Effective, cancellationToken);
    }

    /// <summary>Runs a function that returns nothing on the target and awaits its completion.</summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <param name="target">The node to run it on and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting; the function may or may not have run.</param>
    public static ValueTask Call<TArgs>(in RpcTarget target, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class
    {
        var pending = Call<TArgs, Unit>(target, functionId, args, cancellationToken);
        return pending.IsCompletedSuccessfully ? default : Discard(pending);

        static async ValueTask Discard(ValueTask<Unit> pending) => await pending.ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>
    /// Runs a function on the target in a fresh process and returns at once (<c>rpc:cast</c>): nobody
    /// learns its outcome; if the node cannot be reached the request is dropped.
    /// </summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <param name="target">The node to run it on.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    public static void Cast<TArgs>(in RpcTarget target, int functionId, TArgs args)
        where TArgs : class
    {
        ArgumentNullException.ThrowIfNull(args);
        var node = target.Node ?? throw new ArgumentException("An RPC target needs a node", nameof(target));
        node.Router.RpcCast(target.NodeName, functionId, args);
    }

    /// <summary>Starts a call and returns its promise at once (<c>rpc:async_call</c>); await it later (<c>rpc:yield</c>).</summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <typeparam name="TResult">The function's result.</typeparam>
    /// <param name="target">The node to run it on and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting; the function may or may not have run.</param>
    public static RpcPromise<TResult> Async<TArgs, TResult>(in RpcTarget target, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class => new(Call<TArgs, TResult>(target, functionId, args, cancellationToken).AsTask());

    /// <summary>Starts a call of a function that returns nothing and returns its promise at once.</summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <param name="target">The node to run it on and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting; the function may or may not have run.</param>
    public static RpcPromise Async<TArgs>(in RpcTarget target, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class => new(Call<TArgs>(target, functionId, args, cancellationToken).AsTask());

    /// <summary>
    /// Runs a function on every node at once and collects the outcomes (<c>rpc:multicall</c>): values,
    /// failures of nodes that answered, and the bad nodes that did not (down, unreachable or timed out).
    /// </summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <typeparam name="TResult">The function's result.</typeparam>
    /// <param name="nodes">The nodes and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting for all of them.</param>
    public static async ValueTask<MulticallResult<TResult>> Multicall<TArgs, TResult>(RpcNodes nodes, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class
    {
        var (names, tasks) = Start<TArgs, TResult>(nodes, functionId, args, cancellationToken);
        await Settle(tasks, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        var values = new Dictionary<string, TResult>(StringComparer.Ordinal);
        var (succeeded, failures, bad) = Sort(names, tasks, (name, task) => values[name] = ((Task<TResult>)task).Result);
        return new MulticallResult<TResult>(names, succeeded, values, failures, bad);
    }

    /// <summary>Runs a function that returns nothing on every node at once and collects the outcomes.</summary>
    /// <typeparam name="TArgs">The generated arguments record.</typeparam>
    /// <param name="nodes">The nodes and the timeout.</param>
    /// <param name="functionId">The generated function id.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting for all of them.</param>
    public static async ValueTask<MulticallResult> Multicall<TArgs>(RpcNodes nodes, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class
    {
        var (names, tasks) = Start<TArgs, Unit>(nodes, functionId, args, cancellationToken);
        await Settle(tasks, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        var (succeeded, failures, bad) = Sort(names, tasks, static (_, _) => { });
        return new MulticallResult(names, succeeded, failures, bad);
    }

    /// <summary>The completion of a function that returns a task, as the unit result the wire carries.</summary>
    /// <param name="task">The function's task.</param>
    public static ValueTask<Unit> Done(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : Await(task);

        static async ValueTask<Unit> Await(Task task)
        {
            await task.ConfigureAwait(SimulationContext.Capture);
            return default;
        }
    }

    /// <summary>The completion of a function that returns a value task, as the unit result the wire carries.</summary>
    /// <param name="task">The function's task.</param>
    public static ValueTask<Unit> Done(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? default : Await(task);

        static async ValueTask<Unit> Await(ValueTask task)
        {
            await task.ConfigureAwait(SimulationContext.Capture);
            return default;
        }
    }

    static (IReadOnlyList<string> Names, Task[] Tasks) Start<TArgs, TResult>(RpcNodes nodes, int functionId, TArgs args, CancellationToken cancellationToken)
        where TArgs : class
    {
        ArgumentNullException.ThrowIfNull(args);
        var node = nodes.Node ?? throw new ArgumentException("A multicall needs a node", nameof(nodes));
        var names = nodes.NodeNames;
        var tasks = new Task[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            tasks[i] = Call<TArgs, TResult>(new RpcTarget(node, names[i], nodes.Timeout), functionId, args, cancellationToken).AsTask();
        }

        return (names, tasks);
    }

    static async Task Settle(Task[] tasks, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Each node's outcome is sorted below; one failure must not hide the others.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    static (List<string> Succeeded, Dictionary<string, Exception> Failures, List<string> BadNodes) Sort(
        IReadOnlyList<string> names, Task[] tasks, Action<string, Task> value)
    {
        var succeeded = new List<string>();
        var failures = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var bad = new List<string>();
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            if (task.IsCompletedSuccessfully)
            {
                succeeded.Add(names[i]);
                value(names[i], task);
            }
            else if (task.Exception?.InnerException is NodeDownException or CallTimeoutException)
            {
                bad.Add(names[i]);
            }
            else
            {
                failures[names[i]] = task.Exception?.InnerException ?? new OperationCanceledException();
            }
        }

        return (succeeded, failures, bad);
    }

}
