using System.Collections.Concurrent;
using Typed.CompilerServices;
using Typed.Distribution.Kernel;
using Typed.Distribution.Protocol;
using Typed.Processes;
using Typed.Registry.Global;

namespace Typed.Routing;

/// <summary>
/// Every signal a process or the node sends goes through here: send, call, cast, reply, link, unlink,
/// monitor, demonitor, exit, spawn and RPC, addressed by pid, local name, <c>{name, node}</c> or global
/// name. This is the one place that decides whether a target is local (a mailbox on this node) or
/// remote (a frame for the kernel), and the one place frames from peers are turned into signals to
/// local processes (<see cref="ISignalFrames"/>).
/// </summary>
/// <remarks>
/// Design note. A local signal acts on the target cell directly, as Erlang's BIFs do; a remote one
/// becomes a protocol frame the kernel queues on the peer's connection (dialling it if need be).
/// Calls carry their deadline: a call made inside a handler never waits longer than what is left of
/// the call that handler serves, and when a caller gives up, the callee's token is cancelled, on this
/// node or across the connection (a CancelCall frame). Pending remote calls and spawns live in tables
/// here, failed at once when their node goes down.
/// </remarks>
internal sealed partial class Router
{
    readonly Node _node;
    readonly ConcurrentDictionary<ulong, RemoteCall> _calls = new();
    readonly ConcurrentDictionary<ulong, PendingSpawn> _spawns = new();
    readonly ConcurrentDictionary<(string Peer, ulong CallRef), IAbortable> _incoming = new();
    NetKernel? _kernel;
    long _nextRef;

    public Router(Node node) => _node = node;

    /// <summary>The node this router serves.</summary>
    public Node Node => _node;

    /// <summary>The kernel remote targets go through; null while the node is not distributed.</summary>
    public NetKernel? Kernel => _kernel;

    public void Attach(NetKernel kernel) => _kernel = kernel;

    /// <summary>The router of the node a ref's target belongs to.</summary>
    public static Router For(object target) => target switch
    {
        ProcessCell cell => cell.Node.Router,
        ProcessAddress address => (address.Node ?? Node.Ambient ?? throw new InvalidOperationException(
            $"The ProcessRef {address} was read outside any node; no node is running in this process to send from")).Router,
        GlobalAddress global => global.Node.Router,
        _ => throw new InvalidOperationException("Unknown process target"),
    };

    /// <summary>Whether <paramref name="pid"/> lives on another node (an older incarnation of this one is not remote: it is gone).</summary>
    bool IsRemote(Pid pid) => !pid.IsEmpty && pid.Node != _node.Name;

    /// <summary>The pid a name on this node stands for now (empty when none, or when the name is on another node).</summary>
    public Pid LocalPid(ProcessAddress address) =>
        address.NodeName == _node.Name && _node.Registry.Find(address.Name!) is { } cell ? cell.Self : default;

    /// <summary>Where a ref's target is now: a live local cell, a remote address, or nowhere.</summary>
    Destination Route(object target, out ProcessCell? cell, out ProcessAddress? remote)
    {
        cell = null;
        remote = null;
        if (target is GlobalAddress global)
        {
            // A held global name stands for its process; an unheld one names nobody.
            if (global.Resolve() is not { } holder)
            {
                return Destination.Nowhere;
            }

            target = holder;
        }

        switch (target)
        {
            case ProcessCell local:
                cell = local;
                return Destination.Local;
            case ProcessAddress address when address.NodeName == _node.Name:
                cell = address.Name is null ? _node.FindLocal(address.Pid) : _node.Registry.Find(address.Name);
                return cell is null ? Destination.Nowhere : Destination.Local;
            case ProcessAddress address:
                remote = address;
                return Destination.Remote;
            default:
                return Destination.Nowhere;
        }
    }

    /// <summary>
    /// How long a call may wait: the ref's timeout (or the node's default), never longer than what is
    /// left of the call the current handler serves.
    /// </summary>
    TimeSpan Budget(TimeSpan requested) => Budget(requested, out _);

    /// <summary>As <see cref="Budget(TimeSpan)"/>; <paramref name="inherited"/> says the served call's deadline is what limits it.</summary>
    TimeSpan Budget(TimeSpan requested, out bool inherited)
    {
        inherited = false;
        var timeout = requested == TimeSpan.Zero ? _node.CallTimeout : requested;
        if (ProcessCell.Current?.CurrentDeadline is not { } deadline || deadline == 0)
        {
            return timeout;
        }

        var left = new FrameHeaders(deadline).Remaining!.Value;
        if (left <= TimeSpan.Zero)
        {
            left = TimeSpan.FromTicks(1);
        }

        inherited = timeout == Timeout.InfiniteTimeSpan || left < timeout;
        return inherited ? left : timeout;
    }

    /// <summary>Who a signal sent from here comes from: the running process, or the node.</summary>
    Pid Sender => ProcessCell.Current?.Self ?? _node.NodePid;

    /// <summary>The sender's id, which orders frames behind a large message of the same sender (<see cref="Distribution.Connections.QueuedFrame.Origin"/>).</summary>
    internal ulong Origin() => ProcessCell.Current?.Self.Id ?? 0;

    ulong NextRef() => (ulong)Interlocked.Increment(ref _nextRef);

    enum Destination
    {
        Nowhere,
        Local,
        Remote,
    }

    /// <summary>A call from another node whose handler may be running: cancelled when the caller gives up.</summary>
    internal interface IAbortable
    {
        void Abandon();
    }
}
