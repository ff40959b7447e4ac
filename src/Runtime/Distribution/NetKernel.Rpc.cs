using MemoryPack;
using Typed.Distribution.Connections;
using Typed.Distribution.Framing;
using Typed.CompilerServices;
using Typed.Messaging;
using Typed.Processes;
using Typed.Rpc;

namespace Typed.Distribution;

/// <summary>
/// RPC over the distribution (Erlang's <c>rpc</c>/<c>erpc</c>): RpcCall and RpcCast frames name a
/// function by its generated id; the target runs it in a fresh worker process, never on the read
/// loop, and a call's outcome comes back as a Reply frame (Ok, Raised, Undefined or Exited) through
/// the same call table as process calls.
/// </summary>
/// <remarks>
/// Design note. A request for a function this node does not have, or whose arguments do not decode
/// as that function's, is answered Undefined (a cast's is logged): the peer's frame is whole and
/// length-delimited, so nothing else on the connection is lost and the connection goes on.
/// </remarks>
internal sealed partial class NetKernel
{
    public ValueTask<TResult> RpcCall<TArgs, TResult>(string node, int functionId, TArgs args, TimeSpan timeout, CancellationToken cancellationToken)
        where TArgs : class
    {
        var callRef = (ulong)Interlocked.Increment(ref _nextCall);
        var target = new Pid(node, 0, 0);
        var call = new PendingCall<TResult>(Node.Timers, target, timeout) { CalleeText = "RPC on " + node };
        _calls[callRef] = new RemoteCall<TResult>(node, call, "RPC on " + node);
        call.Finished = () => _calls.TryRemove(callRef, out _);
        var result = call.Start(cancellationToken);
        var from = ProcessCell.Current?.Self ?? Node.NodePid;
        Enqueue(node, new RpcRequestFrame(FrameKind.RpcCall, callRef, functionId, from, args, MessageCodec<TArgs>.Instance));
        return result;
    }

    public void RpcCast<TArgs>(string node, int functionId, TArgs args)
        where TArgs : class
    {
        var from = ProcessCell.Current?.Self ?? Node.NodePid;
        Enqueue(node, new RpcRequestFrame(FrameKind.RpcCast, 0, functionId, from, args, MessageCodec<TArgs>.Instance));
    }

    void ReceiveRpc(Connection connection, ref MemoryPackReader reader, FrameKind kind)
    {
        reader.ReadUnmanaged(out ulong callRef, out int functionId);
        var from = connection.Ends.Read(ref reader);
        var isCall = kind == FrameKind.RpcCall;
        if (RpcRegistry.Find(functionId, out var problem) is not { } function)
        {
            RpcLog.UndefinedFunction(Log, Node.Name, functionId, from, problem!);
            Refuse(connection, isCall, callRef, functionId, problem!);
            return;
        }

        object? args;
        try
        {
            args = function.Args.Read(ref reader);
        }
        catch (Exception ex) when (ex is MemoryPackSerializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or FormatException)
        {
            RpcLog.BadArguments(Log, Node.Name, function.Name, from, ex.Message);
            Refuse(connection, isCall, callRef, functionId, $"the arguments sent do not decode as those of {function.Name}");
            return;
        }

        if (args is null)
        {
            RpcLog.BadArguments(Log, Node.Name, function.Name, from, "no arguments");
            Refuse(connection, isCall, callRef, functionId, $"no arguments sent for {function.Name}");
            return;
        }

        RpcWorker.TryStart(Node, function, args, isCall ? function.Result.RemoteReply(connection, callRef) : null);
    }

    /// <summary>Answers a call the node cannot run with Undefined; a cast has no one to answer.</summary>
    static void Refuse(Connection connection, bool isCall, ulong callRef, int functionId, string detail)
    {
        if (isCall)
        {
            connection.Enqueue(new ReplyFrame(callRef, ReplyStatus.Undefined, (functionId, detail), null));
        }
    }
}
