using Typed.CompilerServices;
using Typed.Distribution;
using Typed.Distribution.Kernel;
using Typed.Distribution.Protocol;
using Typed.Messaging;
using Typed.Processes;

namespace Typed.Routing;

/// <summary>Messages: send, call, cast.</summary>
internal sealed partial class Router
{
    /// <summary>
    /// A plain message to a pid (Erlang's <c>Pid ! Msg</c>); dropped if the process does not exist.
    /// Returns null, or a task to wait for when the connection it went on is busy (a sending process
    /// already waits for it before its next message).
    /// </summary>
    public Task? Send(Pid to, object message)
    {
        if (IsRemote(to))
        {
            return SendRemote(to.Node, to, null, message);
        }

        Diagnostics.TypedMetrics.MessageSent(_node.Name);
        _node.FindLocal(to)?.Post(new Envelope(Envelope.InfoId, Isolated(message), null));
        return null;
    }

    /// <summary>A plain message to <c>{name, node}</c>; dropped if no process has that name. Returns as <see cref="Send(Pid, object)"/>.</summary>
    public Task? Send(string name, string node, object message)
    {
        if (node != _node.Name)
        {
            return SendRemote(node, default, name, message);
        }

        Diagnostics.TypedMetrics.MessageSent(_node.Name);
        _node.Registry.Find(name)?.Post(new Envelope(Envelope.InfoId, Isolated(message), null));
        return null;
    }

    /// <summary>A plain message to what a ref names (a cell, an address, a global name).</summary>
    public Task? Send(object target, object message)
    {
        switch (Route(target, out var cell, out var remote))
        {
            case Destination.Local:
                Diagnostics.TypedMetrics.MessageSent(_node.Name);
                cell!.Post(new Envelope(Envelope.InfoId, Isolated(message), null));
                return null;
            case Destination.Remote when remote!.Name is { } name:
                return SendRemote(remote.NodeName, default, name, message);
            case Destination.Remote:
                return SendRemote(remote!.NodeName, remote.Pid, null, message);
            default:
                return null;
        }
    }

    /// <summary>
    /// A plain message as a local process gets it: a copy unless its type is deeply immutable
    /// (<see cref="LocalCopy{T}"/>); a type no behaviour takes as [Info] has no codec and goes as it is.
    /// </summary>
    object Isolated(object message) =>
        InfoCodecs.TryGet(message.GetType(), out _, out var codec) ? codec.LocalCopy(message, _node) : message;

    Task? SendRemote(string node, Pid to, string? name, object message)
    {
        Diagnostics.TypedMetrics.MessageSent(_node.Name);
        if (_kernel is not { } kernel)
        {
            return null;
        }

        if (InfoCodecs.TryGet(message.GetType(), out var id, out var codec))
        {
            return Pressure(kernel.Enqueue(node, new SendFrame(to, name, id, message, codec), ProcessCell.Current?.Reach ?? Reach.Dial));
        }

        throw new MessageNotSentException(node, $"no behaviour has an [Info] handler for {message.GetType().Name}, so it has no wire id");
    }

    /// <summary>A busy connection slows the process that sent on it: it takes no next message until there is room.</summary>
    internal static Task? Pressure(Task? room)
    {
        if (room is not null && ProcessCell.Current is { } sender)
        {
            sender.Backpressure(room);
        }

        return room;
    }

    /// <summary>
    /// A call (Erlang's <c>gen_server:call</c>): the callee is monitored for the call's length, so it
    /// fails at once with <see cref="ProcessExitedException"/> or <see cref="NodeDownException"/> when
    /// the answer is known, else with <see cref="CallTimeoutException"/> at its deadline.
    /// </summary>
    public ValueTask<TReply> Call<TMessage, TReply>(object target, BehaviourDescriptor expected, TimeSpan timeout, int id, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TReply>(cancellationToken);
        }

        Diagnostics.TypedMetrics.MessageSent(_node.Name);
        switch (Route(target, out var cell, out var remote))
        {
            case Destination.Local:
                return CallLocal<TMessage, TReply>(cell!, expected, Budget(timeout, out var inherited), inherited, id, message, cancellationToken);
            case Destination.Remote when _kernel is { } kernel:
                return CallRemote<TMessage, TReply>(kernel, remote!, expected, Budget(timeout, out var inheritedRemote), inheritedRemote, id, message, cancellationToken);
            default:
                return ValueTask.FromException<TReply>(Unreachable(target, remote));
        }
    }

    ValueTask<TReply> CallLocal<TMessage, TReply>(ProcessCell cell, BehaviourDescriptor expected, TimeSpan timeout, bool inherited, int id, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        var pid = cell.Self;
        if (ReferenceEquals(ProcessCell.Current, cell))
        {
            return ValueTask.FromException<TReply>(new CallingSelfException(pid));
        }

        if (!ReferenceEquals(cell.Descriptor, expected) && cell.Behaviour is not null)
        {
            return ValueTask.FromException<TReply>(new UnhandledMessageException(pid, $"calls of {expected.Name}: it runs {cell.Descriptor.Name}"));
        }

        try
        {
            message = LocalCopy<TMessage>.Of(message, _node);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ValueTask.FromException<TReply>(ex);
        }

        var call = new PendingCall<TReply>(_node.Timers, pid, timeout) { DeadlineInherited = inherited, CopyReplyOn = _node };
        Observe(call, expected, id, _node.Name);
        var result = call.Start(cancellationToken);
        if (!cell.Post(new Envelope(id, message, call)))
        {
            // As in Erlang, a monitor set on a process that is already gone says noproc.
            call.Exited(pid, ExitReason.NoProc);
        }

        return result;
    }

    ValueTask<TReply> CallRemote<TMessage, TReply>(Distribution.Kernel.NetKernel kernel, ProcessAddress to, BehaviourDescriptor expected, TimeSpan timeout, bool inherited, int id, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        var callRef = NextRef();
        var call = new PendingCall<TReply>(_node.Timers, to.Pid, timeout) { CalleeText = to.Name is null ? null : to.ToString(), DeadlineInherited = inherited };
        Observe(call, expected, id, to.NodeName);
        Track(callRef, to.NodeName, call, to.ToString());
        var result = call.Start(cancellationToken);
        Pressure(kernel.Enqueue(to.NodeName, new RequestFrame<TMessage>(FrameKind.Call, callRef, Sender, to.Pid, to.Name, id, message, new FrameHeaders(call.Deadline, call.TraceParent), call)));
        return result;
    }

    /// <summary>
    /// A cast (Erlang's <c>gen_server:cast</c>): returns at once; dropped if the process is not alive or
    /// runs another behaviour. Returns as <see cref="Send(Pid, object)"/>.
    /// </summary>
    public Task? Cast<TMessage>(object target, BehaviourDescriptor expected, int id, TMessage message)
        where TMessage : class
    {
        Diagnostics.TypedMetrics.MessageSent(_node.Name);
        var route = Route(target, out var cell, out var remote);
        if (route == Destination.Local && !ReferenceEquals(cell!.Descriptor, expected) || route == Destination.Nowhere)
        {
            return null;
        }

        // The cast's span (a Producer span, only while someone listens) ends once the cast is posted or
        // queued; the handler's Consumer span continues it through the message's metadata.
        using var span = Diagnostics.TypedActivities.Source.HasListeners()
            ? Diagnostics.TypedActivities.StartSend(expected.Name, HandlerName(expected, id), remote?.NodeName ?? _node.Name, expectsReply: false)
            : null;
        var trace = Diagnostics.TypedActivities.TraceParent(span);
        if (route == Destination.Local)
        {
            cell!.Post(new Envelope(id, LocalCopy<TMessage>.Of(message, _node), trace is null ? null : new HeadersOnly { Trace = trace }));
            return null;
        }

        var sender = ProcessCell.Current;
        var frame = new RequestFrame<TMessage>(FrameKind.Cast, 0, sender?.Self ?? _node.NodePid, remote!.Pid, remote.Name, id, message, new FrameHeaders(0, trace));
        return Pressure(_kernel?.Enqueue(remote.NodeName, frame, sender?.Reach ?? Reach.Dial));
    }

    /// <summary>
    /// The caller's span and the call's duration, only while someone listens: the span starts with the
    /// call and ends with it, and is not left as the caller's current activity (the call returns
    /// before its reply).
    /// </summary>
    static void Observe<TReply>(PendingCall<TReply> call, BehaviourDescriptor behaviour, int id, string node)
    {
        var traced = Diagnostics.TypedActivities.Source.HasListeners();
        if (!traced && !Diagnostics.TypedMetrics.CallDurationEnabled)
        {
            return;
        }

        Observe(call, behaviour.Name, HandlerName(behaviour, id), node, traced);
    }

    /// <summary>As <see cref="Observe{TReply}(PendingCall{TReply}, BehaviourDescriptor, int, string)"/>, by service and method names (RPC).</summary>
    static void Observe<TReply>(PendingCall<TReply> call, string service, string method, string node, bool traced)
    {
        if (Diagnostics.TypedMetrics.CallDurationEnabled)
        {
            call.Measure(service, method);
        }

        if (!traced)
        {
            return;
        }

        var previous = System.Diagnostics.Activity.Current;
        var span = Diagnostics.TypedActivities.StartSend(service, method, node, expectsReply: true);
        System.Diagnostics.Activity.Current = previous;
        if (span is not null)
        {
            call.Trace(span);
        }
    }

    /// <summary>The handler a message id picks, for span names.</summary>
    internal static string HandlerName(BehaviourDescriptor behaviour, int id) =>
        behaviour.TryGetMessage(id, out var spec) ? spec.Handler : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why a target cannot be called: not distributed, or no such process.</summary>
    Exception Unreachable(object target, ProcessAddress? remote)
    {
        if (remote is not null)
        {
            return new NodeDownException(remote.NodeName, "no connection to that node (distribution is not running on " + _node.Name + ")");
        }

        return target switch
        {
            ProcessCell cell => new ProcessExitedException(cell.Self, ExitReason.NoProc),
            ProcessAddress { Name: null } address => new ProcessExitedException(address.Pid, ExitReason.NoProc),
            _ => new ProcessExitedException(target.ToString() ?? "?", ExitReason.NoProc),
        };
    }
}
