using System.Collections.Concurrent;
using Typed.Distribution.Connections;
using Typed.Distribution.Framing;
using Typed.CompilerServices;
using Typed.Messaging;
using Typed.Processes;

namespace Typed.Distribution;

/// <summary>What local processes send to other nodes.</summary>
internal sealed partial class NetKernel
{
    readonly ConcurrentDictionary<ulong, IRemoteCall> _calls = new();
    readonly ConcurrentDictionary<ulong, PendingSpawn> _spawns = new();

    /// <summary>Queues a frame for <paramref name="node"/>, connecting first if need be (auto-connect).</summary>
    public void Enqueue(string node, OutFrame frame)
    {
        Connection? up = null;
        var dial = false;
        lock (_peers)
        {
            var slot = Slot(node);
            if (slot.Connection is { } connection)
            {
                up = connection;
            }
            else
            {
                var backlog = slot.Backlog ??= [];
                if (backlog.Count < Options.OutgoingQueueLimit)
                {
                    backlog.Add(frame);
                }

                if (!slot.Dialling && !slot.Accepting && !_stopping.IsCancellationRequested)
                {
                    slot.Dialling = dial = true;
                }
            }
        }

        up?.Enqueue(frame);
        if (dial)
        {
            _ = DialAsync(node);
        }
    }

    public void Send(Pid to, object message)
    {
        if (InfoCodecs.TryGet(message.GetType(), out var id, out var codec))
        {
            Enqueue(to.Node, new SendFrame(to, null, id, message, codec));
        }
        else
        {
            Log.MessageDropped(to.Node, $"no behaviour has an [Info] handler for {message.GetType().Name}, so it has no wire id");
        }
    }

    public void SendNamed(string name, string node, object message)
    {
        if (InfoCodecs.TryGet(message.GetType(), out var id, out var codec))
        {
            Enqueue(node, new SendFrame(default, name, id, message, codec));
        }
        else
        {
            Log.MessageDropped(node, $"no behaviour has an [Info] handler for {message.GetType().Name}, so it has no wire id");
        }
    }

    public ValueTask<TReply> Call<TMessage, TReply>(ProcessAddress to, int id, TMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        where TMessage : class
    {
        var callRef = (ulong)Interlocked.Increment(ref _nextCall);
        var call = new PendingCall<TReply>(Node.Timers, to.Pid, timeout);
        var entry = new RemoteCall<TReply>(to.NodeName, call, to.ToString());
        _calls[callRef] = entry;
        call.Finished = () => _calls.TryRemove(callRef, out _);
        var result = call.Start(cancellationToken);
        var from = ProcessCell.Current?.Self ?? Node.NodePid;
        Enqueue(to.NodeName, new RequestFrame(FrameKind.Call, callRef, from, to.Pid, to.Name, id, message, MessageCodec<TMessage>.Instance));
        return result;
    }

    public void Cast<TMessage>(ProcessAddress to, int id, TMessage message)
        where TMessage : class
    {
        var from = ProcessCell.Current?.Self ?? Node.NodePid;
        Enqueue(to.NodeName, new RequestFrame(FrameKind.Cast, 0, from, to.Pid, to.Name, id, message, MessageCodec<TMessage>.Instance));
    }

    public void Link(Pid from, Pid to) => Enqueue(to.Node, new SignalFrame(FrameKind.Link, from, to));

    public void Unlink(Pid from, Pid to) => Enqueue(to.Node, new SignalFrame(FrameKind.Unlink, from, to));

    public void Exit(Pid from, Pid to, ExitReason reason, bool viaLink) => Enqueue(to.Node, new SignalFrame(FrameKind.Exit, from, to, reason, viaLink));

    public void Monitor(Pid watcher, Pid target, MonitorRef monitor) => Enqueue(target.Node, new MonitorFrame(FrameKind.Monitor, watcher, target, monitor));

    public void Demonitor(Pid watcher, Pid target, MonitorRef monitor) => Enqueue(target.Node, new MonitorFrame(FrameKind.Demonitor, watcher, target, monitor));

    /// <summary>
    /// Spawns on <paramref name="node"/> (Erlang's <c>spawn_request</c>). The link or monitor is set up
    /// on both sides before the new process runs, so an early exit is never lost.
    /// </summary>
    public async Task<Pid> SpawnAsync(string node, BehaviourDescriptor descriptor, object? args, SpawnOptions? options, ProcessCell? parent, CancellationToken cancellationToken)
    {
        var requestId = (ulong)Interlocked.Increment(ref _nextCall);
        MonitorRef? monitor = options is { Monitor: true } ? Node.NewRef() : null;
        var pending = new PendingSpawn(node, parent, options?.Link ?? false, monitor);
        _spawns[requestId] = pending;
        var from = parent?.Self ?? Node.NodePid;
        Enqueue(node, new SpawnRequestFrame(requestId, from, descriptor.Id, options?.Link ?? false, monitor, options?.Name, args, args is null ? null : descriptor.StartArgs));
        try
        {
            return await pending.Task.WaitAsync(Node.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new NodeDownException(node, "no answer to the spawn request within " + Node.CallTimeout);
        }
        finally
        {
            _spawns.TryRemove(requestId, out _);
        }
    }

    /// <summary>Fails what waits on <paramref name="node"/> and fires links and monitors with <c>noconnection</c>.</summary>
    void NodeUnreachable(string node, string reason)
    {
        foreach (var (callRef, call) in _calls)
        {
            if (call.Node == node && _calls.TryRemove(callRef, out _))
            {
                call.Fail(new NodeDownException(node, reason));
            }
        }

        foreach (var (requestId, spawn) in _spawns)
        {
            if (spawn.Node == node && _spawns.TryRemove(requestId, out _))
            {
                spawn.TrySetException(new NodeDownException(node, reason));
            }
        }

        Node.PeerDown(node);
    }

    /// <summary>A call waiting for a reply frame.</summary>
    interface IRemoteCall
    {
        string Node { get; }

        void Fail(Exception exception);

        void Complete(ref MemoryPack.MemoryPackReader reader, ReplyStatus status, FramePeers ends);
    }

    sealed class RemoteCall<TReply>(string node, PendingCall<TReply> call, string callee) : IRemoteCall
    {
        public string Node => node;

        public void Fail(Exception exception) => call.Fail(exception);

        public void Complete(ref MemoryPack.MemoryPackReader reader, ReplyStatus status, FramePeers ends)
        {
            switch (status)
            {
                case ReplyStatus.Ok:
                    call.Complete(reader.ReadValue<TReply>()!);
                    break;
                case ReplyStatus.Exited:
                    var pid = ends.Read(ref reader);
                    var reason = reader.ReadValue<ExitReason>() ?? ExitReason.NoProc;
                    call.Fail(pid.IsEmpty ? new ProcessExitedException(callee, reason) : new ProcessExitedException(pid, reason));
                    break;
                case ReplyStatus.Unhandled:
                    call.Unhandled(ends.Read(ref reader), reader.ReadString() ?? "");
                    break;
                case ReplyStatus.Raised:
                    var type = reader.ReadString() ?? "";
                    var message = reader.ReadString() ?? "";
                    call.Raised(type, message, reader.ReadString());
                    break;
                case ReplyStatus.Undefined:
                    reader.ReadUnmanaged(out int functionId);
                    call.Undefined(node, functionId, reader.ReadString() ?? "");
                    break;
                default:
                    throw new ProtocolException($"unknown reply status {(byte)status}");
            }
        }
    }

    /// <summary>A spawn request waiting for its reply; what the parent asked to link or monitor.</summary>
    sealed class PendingSpawn(string node, ProcessCell? parent, bool link, MonitorRef? monitor)
        : TaskCompletionSource<Pid>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public string Node => node;

        public ProcessCell? Parent => parent;

        public bool Link => link;

        public MonitorRef? Monitor => monitor;
    }
}
