using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Typed;

/// <summary>
/// An RPC call under way whose function returns nothing (Erlang's <c>rpc:async_call</c> key):
/// <c>await</c> it for the outcome (<c>rpc:yield</c>), or poll it with <see cref="TryGet()"/>
/// (<c>rpc:nb_yield</c>). Its failures are those of a call: see <see cref="RpcPromise{T}"/>.
/// </summary>
public class RpcPromise
{
    readonly Task _task;

    internal RpcPromise(Task task) => _task = task;

    /// <summary>Whether the outcome is known (value or failure).</summary>
    public bool IsCompleted => _task.IsCompleted;

    /// <summary>Lets <c>await</c> wait for the outcome: completes, or throws the call's failure.</summary>
    public TaskAwaiter GetAwaiter() => _task.GetAwaiter();

    /// <summary>The outcome as a task, to combine with others.</summary>
    public Task AsTask() => _task;

    /// <summary>Polls without waiting (<c>rpc:nb_yield</c> with timeout zero).</summary>
    /// <returns>False while the call runs; true once the function has completed.</returns>
    /// <exception cref="RemoteException">The function raised.</exception>
    /// <exception cref="UndefinedFunctionException">The target has no such function.</exception>
    /// <exception cref="NodeDownException">The target could not be reached; the function may or may not have run.</exception>
    /// <exception cref="CallTimeoutException">No answer in time; the function may or may not have run.</exception>
    public bool TryGet()
    {
        if (!_task.IsCompleted)
        {
            return false;
        }

        ThrowIfFailed(_task);
        return true;
    }

    /// <summary>Rethrows a completed task's failure with its original stack.</summary>
    private protected static void ThrowIfFailed(Task task)
    {
        if (task.IsCanceled)
        {
            throw new OperationCanceledException("The RPC call was cancelled");
        }

        if (task.Exception?.InnerException is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}

/// <summary>
/// An RPC call under way (Erlang's <c>rpc:async_call</c> key): <c>await</c> it for the value
/// (<c>rpc:yield</c>), or poll it with <see cref="TryGet(out T)"/> (<c>rpc:nb_yield</c>).
/// </summary>
/// <remarks>
/// The outcome is the function's value, or: <see cref="RemoteException"/> when the function raised
/// (it ran); <see cref="UndefinedFunctionException"/> when the target has no such function (it did
/// not run); <see cref="ProcessExitedException"/> when its worker process was killed;
/// <see cref="NodeDownException"/> or <see cref="CallTimeoutException"/>, after which the function
/// may or may not have run.
/// </remarks>
/// <typeparam name="T">The function's result.</typeparam>
public sealed class RpcPromise<T> : RpcPromise
{
    readonly Task<T> _task;

    internal RpcPromise(Task<T> task)
        : base(task) => _task = task;

    /// <summary>Lets <c>await</c> wait for the value: returns it, or throws the call's failure.</summary>
    public new TaskAwaiter<T> GetAwaiter() => _task.GetAwaiter();

    /// <summary>The outcome as a task, to combine with others.</summary>
    public new Task<T> AsTask() => _task;

    /// <summary>Polls without waiting (<c>rpc:nb_yield</c> with timeout zero).</summary>
    /// <param name="value">The function's value, once it has one.</param>
    /// <returns>False while the call runs; true with the value once the function has returned.</returns>
    /// <exception cref="RemoteException">The function raised.</exception>
    /// <exception cref="UndefinedFunctionException">The target has no such function.</exception>
    /// <exception cref="NodeDownException">The target could not be reached; the function may or may not have run.</exception>
    /// <exception cref="CallTimeoutException">No answer in time; the function may or may not have run.</exception>
    public bool TryGet(out T value)
    {
        if (!_task.IsCompleted)
        {
            value = default!;
            return false;
        }

        ThrowIfFailed(_task);
        value = _task.Result;
        return true;
    }
}
