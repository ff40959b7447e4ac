using System.Buffers;
using MemoryPack;
using Typed.Distribution.Connections;
using Typed.Distribution.Framing;
using Typed.CompilerServices;
using Typed.Processes;

namespace Typed.Distribution;

/// <summary>What frames from other nodes do to local processes.</summary>
internal sealed partial class NetKernel
{
    long _ticksReceived;

    /// <summary>How many ticks this node has received, from all peers.</summary>
    public long TicksReceived => Interlocked.Read(ref _ticksReceived);

    /// <summary>Makes this node silent towards <paramref name="node"/>: it writes nothing more to it (tests only).</summary>
    public void SilenceForTests(string node) => PeerConnection(node)?.Silence();

    /// <summary>Acts on one frame from <paramref name="connection"/>. Throws <see cref="ProtocolException"/> on frames it must not accept.</summary>
    public void Receive(Connection connection, in ReadOnlySequence<byte> body)
    {
        using var reading = Node.BeginReading();
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(body, state);
        var ends = connection.Ends;
        reader.ReadUnmanaged(out FrameKind kind);
        switch (kind)
        {
            case FrameKind.Tick:
                Interlocked.Increment(ref _ticksReceived);
                return;
            case FrameKind.Send:
            case FrameKind.SendNamed:
                ReceiveSend(ref reader, kind, ends);
                return;
            case FrameKind.Call:
            case FrameKind.Cast:
                ReceiveRequest(connection, ref reader, kind);
                return;
            case FrameKind.Reply:
                reader.ReadUnmanaged(out ulong callRef, out byte status);
                if (_calls.TryRemove(callRef, out var call))
                {
                    call.Complete(ref reader, (ReplyStatus)status, ends);
                }

                return;
            case FrameKind.Link:
            case FrameKind.Unlink:
            case FrameKind.Exit:
                ReceiveSignal(connection, ref reader, kind);
                return;
            case FrameKind.Monitor:
            case FrameKind.Demonitor:
            case FrameKind.Down:
                ReceiveMonitor(connection, ref reader, kind);
                return;
            case FrameKind.SpawnRequest:
                ReceiveSpawnRequest(connection, ref reader);
                return;
            case FrameKind.SpawnReply:
                ReceiveSpawnReply(ref reader, ends);
                return;
            case FrameKind.RpcCall:
            case FrameKind.RpcCast:
                ReceiveRpc(connection, ref reader, kind);
                return;
            case FrameKind.Peers:
                ReceivePeers(connection, [.. (reader.ReadArray<string>() ?? []).OfType<string>()]);
                return;
            default:
                throw new ProtocolException($"unknown frame kind {(byte)kind}");
        }
    }

    void ReceiveSend(ref MemoryPackReader reader, FrameKind kind, FramePeers ends)
    {
        var to = kind == FrameKind.Send ? ends.Read(ref reader) : default;
        var name = kind == FrameKind.SendNamed ? reader.ReadString() : null;
        reader.ReadUnmanaged(out int id);
        var codec = InfoCodecs.Find(id) ?? throw new ProtocolException($"unknown message id {id}");
        var message = codec.Read(ref reader) ?? throw new ProtocolException($"empty message {id}");
        var cell = name is null ? Node.FindLocal(to) : Node.Registry.Find(name);
        cell?.Post(new Envelope(Envelope.InfoId, message, null));
    }

    void ReceiveRequest(Connection connection, ref MemoryPackReader reader, FrameKind kind)
    {
        reader.ReadUnmanaged(out ulong callRef, out int id);
        var from = connection.Ends.Read(ref reader);
        var to = connection.Ends.Read(ref reader);
        var name = reader.ReadString();
        var isCall = kind == FrameKind.Call;
        var cell = name is null ? Node.FindLocal(to) : Node.Registry.Find(name);
        if (cell is null)
        {
            if (isCall)
            {
                connection.Enqueue(new ReplyFrame(callRef, ReplyStatus.Exited, (to, ExitReason.NoProc), null));
            }

            return;
        }

        var expected = isCall ? MessageKind.Call : MessageKind.Cast;
        if (!cell.Descriptor.TryGetMessage(id, out var spec) || spec.Kind != expected)
        {
            // As locally: a request the behaviour does not declare is refused, the callee unharmed.
            var detail = $"{expected.ToString().ToLowerInvariant()} message id {id} from {from}: it runs {cell.Descriptor.Name}";
            if (isCall)
            {
                connection.Enqueue(new ReplyFrame(callRef, ReplyStatus.Unhandled, (cell.Self, detail), null));
            }
            else
            {
                Diagnostics.Log.UnhandledMessage(Log, cell.Self, cell.Descriptor.Name, detail);
            }

            return;
        }

        var message = spec.Message.Read(ref reader);
        var reply = isCall ? spec.Reply!.RemoteReply(connection, callRef) : null;
        if (!cell.Post(new Envelope(id, message, reply)))
        {
            reply?.Exited(cell.Self, ExitReason.NoProc);
        }
    }

    void ReceiveSignal(Connection connection, ref MemoryPackReader reader, FrameKind kind)
    {
        var from = connection.Ends.Read(ref reader);
        var to = connection.Ends.Read(ref reader);
        var cell = Node.FindLocal(to);
        switch (kind)
        {
            case FrameKind.Link:
                if (cell is null || !cell.AddLink(from))
                {
                    // Linking to a process that is gone: the link fires at once with noproc.
                    connection.Enqueue(new SignalFrame(FrameKind.Exit, to, from, ExitReason.NoProc, viaLink: true));
                }

                break;
            case FrameKind.Unlink:
                cell?.RemoveLink(from);
                break;
            default:
                var reason = reader.ReadValue<ExitReason>() ?? throw new ProtocolException("an exit signal without a reason");
                reader.ReadUnmanaged(out bool viaLink);
                cell?.Signal(from, reason, viaLink);
                break;
        }
    }

    void ReceiveMonitor(Connection connection, ref MemoryPackReader reader, FrameKind kind)
    {
        var watcher = connection.Ends.Read(ref reader);
        var target = connection.Ends.Read(ref reader);
        var monitor = reader.ReadValue<MonitorRef>();
        switch (kind)
        {
            case FrameKind.Monitor:
                if (Node.FindLocal(target) is not { } cell || !cell.AddWatcher(monitor, new RemoteWatcher(this, watcher)))
                {
                    connection.Enqueue(new MonitorFrame(FrameKind.Down, watcher, target, monitor, ExitReason.NoProc));
                }

                break;
            case FrameKind.Demonitor:
                Node.FindLocal(target)?.RemoveWatcher(monitor);
                break;
            default:
                var reason = reader.ReadValue<ExitReason>() ?? throw new ProtocolException("a down without a reason");
                Node.FindLocal(watcher)?.RemoteDown(monitor, target, reason);
                break;
        }
    }

    void ReceiveSpawnRequest(Connection connection, ref MemoryPackReader reader)
    {
        reader.ReadUnmanaged(out ulong requestId, out int behaviourId, out bool link, out bool hasMonitor);
        var from = connection.Ends.Read(ref reader);
        MonitorRef? monitor = hasMonitor ? reader.ReadValue<MonitorRef>() : null;
        var name = reader.ReadString();
        reader.ReadUnmanaged(out bool hasArgs);
        if (!BehaviourRegistry.TryGet(behaviourId, out var descriptor))
        {
            connection.Enqueue(new SpawnReplyFrame(requestId, default, $"no behaviour with id {behaviourId} on {Node.Name}"));
            return;
        }

        if (hasArgs != (descriptor.StartArgs is not null))
        {
            connection.Enqueue(new SpawnReplyFrame(requestId, default, $"{descriptor.Name} {(hasArgs ? "takes no" : "needs")} start arguments"));
            return;
        }

        var args = hasArgs ? descriptor.StartArgs!.Read(ref reader) : null;
        try
        {
            Node.SpawnCell(descriptor, args, name is null ? null : new SpawnOptions { Name = name }, null, cell =>
            {
                if (link)
                {
                    cell.AddLink(from);
                }

                if (monitor is { } m)
                {
                    cell.AddWatcher(m, new RemoteWatcher(this, from));
                }

                connection.Enqueue(new SpawnReplyFrame(requestId, cell.Self, null));
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            connection.Enqueue(new SpawnReplyFrame(requestId, default, ex.Message));
        }
    }

    void ReceiveSpawnReply(ref MemoryPackReader reader, FramePeers ends)
    {
        reader.ReadUnmanaged(out ulong requestId);
        var pid = ends.Read(ref reader);
        var error = reader.ReadString();
        if (!_spawns.TryRemove(requestId, out var spawn))
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
}
