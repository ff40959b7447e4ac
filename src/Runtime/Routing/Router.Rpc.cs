using Typed.Distribution.Protocol;
using Typed.Messaging;
using Typed.Rpc;

namespace Typed.Routing;

/// <summary>
/// RPC (Erlang's <c>rpc</c>/<c>erpc</c>): RpcCall and RpcCast frames name a function by its generated
/// id; the target runs it in a fresh worker process, and a call's outcome comes back as a Reply through
/// the same call table as process calls. Unlike erpc, a caller that gives up cancels the function's token.
/// </summary>
internal sealed partial class Router
{
    public ValueTask<TResult> RpcCall<TArgs, TResult>(string node, int functionId, TArgs args, TimeSpan timeout, CancellationToken cancellationToken)
        where TArgs : class
    {
        if (node == _node.Name)
        {
            return RpcLocal<TArgs, TResult>(functionId, args, Budget(timeout), cancellationToken);
        }

        if (_kernel is not { } kernel)
        {
            return ValueTask.FromException<TResult>(new NodeDownException(node, "no connection to that node (distribution is not running on " + _node.Name + ")"));
        }

        var callRef = NextRef();
        var call = new PendingCall<TResult>(_node.Timers, new Pid(node, 0, 0), Budget(timeout)) { CalleeText = "RPC on " + node };
        ObserveRpc(call, functionId, node);
        Track(callRef, node, call, "RPC on " + node);
        var result = call.Start(cancellationToken);
        Pressure(kernel.Enqueue(node, new RpcRequestFrame<TArgs>(FrameKind.RpcCall, callRef, functionId, Sender, args, new FrameHeaders(call.Deadline, call.TraceParent), call)));
        return result;
    }

    public void RpcCast<TArgs>(string node, int functionId, TArgs args)
        where TArgs : class
    {
        // A Producer span while someone listens; the worker's Consumer span continues it.
        using var span = Diagnostics.TypedActivities.Source.HasListeners() ? StartRpcCast(functionId, node) : null;
        var trace = Diagnostics.TypedActivities.TraceParent(span);
        if (node != _node.Name)
        {
            Pressure(_kernel?.Enqueue(node, new RpcRequestFrame<TArgs>(FrameKind.RpcCast, 0, functionId, Sender, args, new FrameHeaders(0, trace))));
        }
        else if (RpcRegistry.Find(functionId, out var problem) is { } function && function.Args.Type == typeof(TArgs))
        {
            RpcWorker.TryStart(_node, function, LocalCopy<TArgs>.Of(args, _node), null, trace);
        }
        else
        {
            RpcLog.UndefinedFunction(_node.Log, _node.Name, functionId, _node.NodePid, problem ?? "its arguments are of another type");
        }
    }

    /// <summary>A function run on this node: a fresh local worker, no frames.</summary>
    ValueTask<TResult> RpcLocal<TArgs, TResult>(int functionId, TArgs args, TimeSpan timeout, CancellationToken cancellationToken)
        where TArgs : class
    {
        try
        {
            args = LocalCopy<TArgs>.Of(args, _node);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ValueTask.FromException<TResult>(ex);
        }

        var call = new PendingCall<TResult>(_node.Timers, _node.NodePid, timeout) { CalleeText = "RPC on " + _node.Name, CopyReplyOn = _node };
        ObserveRpc(call, functionId, _node.Name);
        var result = call.Start(cancellationToken);
        if (RpcRegistry.Find(functionId, out var problem) is RpcFunction<TArgs, TResult> function)
        {
            RpcWorker.TryStart(_node, function, args, call);
        }
        else
        {
            call.Undefined(_node.Name, functionId, problem ?? "its arguments or result are of other types");
        }

        return result;
    }

    static System.Diagnostics.Activity? StartRpcCast(int functionId, string node)
    {
        var (module, method) = RpcFunction.NamesOf(functionId);
        return Diagnostics.TypedActivities.StartSend(module, method, node, expectsReply: false);
    }

    /// <summary>An RPC call's span and duration, only while someone listens (as a process call's).</summary>
    static void ObserveRpc<TResult>(PendingCall<TResult> call, int functionId, string node)
    {
        var traced = Diagnostics.TypedActivities.Source.HasListeners();
        if (traced || Diagnostics.TypedMetrics.CallDurationEnabled)
        {
            var (module, method) = RpcFunction.NamesOf(functionId);
            Observe(call, module, method, node, traced);
        }
    }
}
