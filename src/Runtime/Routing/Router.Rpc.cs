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
        if (_kernel is not { } kernel)
        {
            return ValueTask.FromException<TResult>(new NodeDownException(node, "no connection to that node (distribution is not running on " + _node.Name + ")"));
        }

        var callRef = NextRef();
        var call = new PendingCall<TResult>(_node.Timers, new Pid(node, 0, 0), Budget(timeout)) { CalleeText = "RPC on " + node };
        Track(callRef, node, call, "RPC on " + node);
        var result = call.Start(cancellationToken);
        kernel.Enqueue(node, new RpcRequestFrame<TArgs>(FrameKind.RpcCall, callRef, functionId, Sender, args, new FrameHeaders(call.Deadline)));
        return result;
    }

    public void RpcCast<TArgs>(string node, int functionId, TArgs args)
        where TArgs : class =>
        _kernel?.Enqueue(node, new RpcRequestFrame<TArgs>(FrameKind.RpcCast, 0, functionId, Sender, args));

    /// <summary>The deadline an RPC on this node may take: the ref's timeout, never past the running handler's.</summary>
    public TimeSpan RpcBudget(TimeSpan timeout) => Budget(timeout);
}
