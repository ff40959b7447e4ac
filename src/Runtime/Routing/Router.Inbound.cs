using System.Buffers;
using Typed.CompilerServices;
using Typed.Distribution.Kernel;
using Typed.Distribution.Protocol;
using Typed.Processes;
using Typed.Rpc;

namespace Typed.Routing;

/// <summary>What frames from other nodes do to local processes: the same cell methods local signals use.</summary>
internal sealed partial class Router : ISignalFrames
{
    void ISignalFrames.Send(string peer, Pid to, string? name, int messageId, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease)
    {
        var codec = InfoCodecs.Find(messageId) ?? throw new ProtocolException($"unknown message id {messageId}");
        var message = Inbound(codec, payload, messageId, peer, lease);
        var cell = name is null ? _node.FindLocal(to) : _node.Registry.Find(name);
        cell?.Post(new Envelope(Envelope.InfoId, message, headers.IsEmpty ? null : new HeadersOnly { Deadline = headers.Deadline, Trace = headers.TraceParent }));
    }

    void ISignalFrames.Request(string peer, bool isCall, ulong callRef, int messageId, Pid from, Pid to, string? name, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease)
    {
        var cell = name is null ? _node.FindLocal(to) : _node.Registry.Find(name);
        if (cell is null)
        {
            if (isCall)
            {
                Reply(peer, callRef, new ReplyExitedFrame(callRef, to, ExitReason.NoProc));
            }

            return;
        }

        var expected = isCall ? MessageKind.Call : MessageKind.Cast;
        if (!cell.Descriptor.TryGetMessage(messageId, out var spec) || spec.Kind != expected)
        {
            // As locally: a request the behaviour does not declare is refused, the callee unharmed.
            var detail = $"{expected.ToString().ToLowerInvariant()} message id {messageId} from {from}: it runs {cell.Descriptor.Name}";
            if (isCall)
            {
                Reply(peer, callRef, new ReplyUnhandledFrame(callRef, cell.Self, detail));
            }
            else
            {
                Diagnostics.Log.UnhandledMessage(_node.Log, cell.Self, cell.Descriptor.Name, detail);
            }

            return;
        }

        // A message record is never null: a payload that reads as null (MemoryPack's null object header)
        // is refused like any payload that does not decode, before a handler can trip on it.
        var message = Inbound(spec.Message, payload, messageId, peer, lease);
        MessageMetadata? metadata = isCall
            ? Incoming(spec.Reply!, peer, callRef, headers)
            : headers.IsEmpty ? null : new HeadersOnly { Deadline = headers.Deadline, Trace = headers.TraceParent };
        if (!cell.Post(new Envelope(messageId, message, metadata)))
        {
            (metadata as ReplySink)?.Exited(cell.Self, ExitReason.NoProc);
        }
    }

    void ISignalFrames.CancelCall(string peer, ulong callRef)
    {
        if (_incoming.TryRemove((peer, callRef), out var incoming))
        {
            incoming.Abandon();
        }
    }

    void ISignalFrames.Reply(string peer, ulong callRef, in ReplyOutcome outcome, IFrameLease? lease)
    {
        // Only the node a call went to may answer it.
        if (!_calls.TryGetValue(callRef, out var call) || call.Node != peer || !_calls.TryRemove(callRef, out _))
        {
            return;
        }

        // A large value is built on a thread of its own, as a large message is (DeferredMessage), so the
        // read loop goes on and the pool's threads are not held.
        if (outcome.Status == ReplyStatus.Ok && outcome.Payload.Length >= DeferredMessage.OwnThreadThreshold && lease?.Keep() is { } buffers)
        {
            var kept = outcome;
            _ = DeferredMessage.OnOwnThread(() =>
            {
                try
                {
                    call.Complete(kept, _node);
                }
                catch (Exception ex)
                {
                    call.Fail(new NodeDownException(peer, "its reply did not decode: " + ex.Message));
                    Refused(peer, ex.Message);
                }
                finally
                {
                    buffers.Dispose();
                }

                return true;
            });
            return;
        }

        call.Complete(outcome, _node);
    }

    void ISignalFrames.Link(string peer, Pid from, Pid to)
    {
        if (_node.FindLocal(to) is not { } cell || !cell.AddLink(from))
        {
            // Linking to a process that is gone: the link fires at once with noproc.
            _kernel?.Enqueue(peer, new SignalFrame(FrameKind.Exit, to, from, ExitReason.NoProc, viaLink: true), Reach.Connected);
        }
    }

    void ISignalFrames.Unlink(string peer, Pid from, Pid to) => _node.FindLocal(to)?.RemoveLink(from);

    void ISignalFrames.Exit(string peer, Pid from, Pid to, ExitReason reason, bool viaLink) => _node.FindLocal(to)?.Signal(from, reason, viaLink);

    void ISignalFrames.Monitor(string peer, Pid watcher, Pid target, MonitorRef monitor)
    {
        if (_node.FindLocal(target) is not { } cell || !cell.AddWatcher(monitor, new RemoteWatcher(this, watcher)))
        {
            _kernel?.Enqueue(peer, new MonitorFrame(FrameKind.Down, watcher, target, monitor, ExitReason.NoProc), Reach.Connected);
        }
    }

    void ISignalFrames.Demonitor(string peer, Pid watcher, Pid target, MonitorRef monitor) => _node.FindLocal(target)?.RemoveWatcher(monitor);

    void ISignalFrames.Down(string peer, Pid watcher, Pid target, MonitorRef monitor, ExitReason reason) =>
        _node.FindLocal(watcher)?.RemoteDown(monitor, target, reason);

    void ISignalFrames.SpawnRequest(string peer, in SpawnRequest request)
    {
        var requestId = request.RequestId;
        if (!BehaviourRegistry.TryGet(request.BehaviourId, out var descriptor))
        {
            SpawnReply(peer, requestId, default, $"no behaviour with id {request.BehaviourId} on {_node.Name}");
            return;
        }

        if (request.HasArgs != (descriptor.StartArgs is not null))
        {
            SpawnReply(peer, requestId, default, $"{descriptor.Name} {(request.HasArgs ? "takes no" : "needs")} start arguments");
            return;
        }

        var args = request.HasArgs ? Decode(descriptor.StartArgs!, request.Args, request.BehaviourId) : null;
        var (from, link, monitor, afterInit) = (request.From, request.Link, request.Monitor, request.AfterInit);
        try
        {
            _node.SpawnCell(descriptor, args, request.Name is null ? null : new SpawnOptions { Name = request.Name }, null, cell =>
            {
                if (link)
                {
                    cell.AddLink(from);
                }

                if (monitor is { } m)
                {
                    cell.AddWatcher(m, new RemoteWatcher(this, from));
                }

                if (afterInit)
                {
                    cell.OnStarted(failure => SpawnReply(peer, requestId, failure is null ? cell.Self : default, failure is null ? null : "init failed: " + failure));
                }
                else
                {
                    SpawnReply(peer, requestId, cell.Self, null);
                }
            }, remoteParent: from);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SpawnReply(peer, requestId, default, ex.Message);
        }
    }

    void SpawnReply(string peer, ulong requestId, Pid pid, string? error) =>
        _kernel?.Enqueue(peer, new SpawnReplyFrame(requestId, pid, error), Reach.Connected);

    void ISignalFrames.SpawnReply(string peer, ulong requestId, Pid pid, string? error)
    {
        if (!_spawns.TryGetValue(requestId, out var spawn) || spawn.Node != peer || !_spawns.TryRemove(requestId, out _))
        {
            return;
        }

        if (error is not null)
        {
            spawn.TrySetException(new RemoteSpawnException(spawn.Node, error));
            return;
        }

        // Set up here, on the read loop, before any later frame from the child can arrive.
        if (spawn.Parent is { } parent)
        {
            if (spawn.Link && !parent.AddLink(pid))
            {
                Exit(parent.Self, pid, ExitReason.NoProc, viaLink: true);
            }

            if (spawn.Monitor is { } monitor)
            {
                parent.AddWatching(monitor, pid);
            }
        }

        spawn.TrySetResult(pid);
    }

    /// <summary>
    /// Runs RPC requests in fresh workers. A request for a function this node does not have, or whose
    /// arguments do not decode as that function's, is answered Undefined (a cast's is logged): the
    /// frame is whole and length-delimited, so the connection goes on.
    /// </summary>
    void ISignalFrames.Rpc(string peer, bool isCall, ulong callRef, int functionId, Pid from, in ReadOnlySequence<byte> args, FrameHeaders headers)
    {
        if (RpcRegistry.Find(functionId, out var problem) is not { } function)
        {
            RpcLog.UndefinedFunction(_node.Log, _node.Name, functionId, from, problem!);
            RefuseRpc(peer, isCall, callRef, functionId, problem!);
            return;
        }

        object? decoded;
        try
        {
            using var scope = _node.BeginReading();
            decoded = function.Args.Deserialize(args);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RpcLog.BadArguments(_node.Log, _node.Name, function.Name, from, ex.Message);
            RefuseRpc(peer, isCall, callRef, functionId, $"the arguments sent do not decode as those of {function.Name}");
            return;
        }

        if (decoded is null)
        {
            RpcLog.BadArguments(_node.Log, _node.Name, function.Name, from, "no arguments");
            RefuseRpc(peer, isCall, callRef, functionId, $"no arguments sent for {function.Name}");
            return;
        }

        RpcWorker.TryStart(_node, function, decoded, isCall ? Incoming(function.Result, peer, callRef, headers) : null, headers.TraceParent);
    }

    void RefuseRpc(string peer, bool isCall, ulong callRef, int functionId, string detail)
    {
        if (isCall)
        {
            Reply(peer, callRef, new ReplyUndefinedFrame(callRef, functionId, detail));
        }
    }

    /// <summary>
    /// A message for a local process: decoded here, or, when it is large and came in fragments, left in
    /// its bytes for the process to decode (<see cref="DeferredMessage"/>).
    /// </summary>
    object Inbound(MessageCodec codec, in ReadOnlySequence<byte> payload, int id, string peer, IFrameLease? lease)
    {
        if (payload.Length > DeferredMessage.Threshold && lease?.Keep() is { } buffers)
        {
            return new DeferredMessage(this, codec, payload, buffers, peer, id);
        }

        return Decode(codec, payload, id) ?? throw new ProtocolException($"an empty message {id}");
    }

    /// <summary>A message from <paramref name="peer"/> did not decode in its process: the connection closes, as it would have at once.</summary>
    internal void Refused(string peer, string reason) => _kernel?.Refused(peer, reason);

    /// <summary>Decodes a user payload; one that does not decode is refused at the connection, never delivered.</summary>
    internal object? Decode(MessageCodec codec, in ReadOnlySequence<byte> payload, int id)
    {
        try
        {
            using var scope = _node.BeginReading();
            return codec.Deserialize(payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not ProtocolException)
        {
            throw new ProtocolException($"message {id} does not decode as {codec.Type.Name}: {ex.Message}");
        }
    }
}
