using Typed.Distribution.Kernel;
using Typed.Distribution.Protocol;
using Typed.Processes;

namespace Typed.Routing;

/// <summary>Links, monitors and exit signals.</summary>
internal sealed partial class Router
{
    /// <summary>
    /// The other side of a link <paramref name="from"/> has just recorded. A link to a process that is
    /// gone fires at once with <c>noproc</c>; to a node this one cannot reach, with <c>noconnection</c>.
    /// </summary>
    public void Link(ProcessCell from, Pid to)
    {
        if (IsRemote(to))
        {
            if (_kernel is { } kernel)
            {
                kernel.Enqueue(to.Node, new SignalFrame(FrameKind.Link, from.Self, to));
            }
            else
            {
                from.Signal(to, ExitReason.NoConnection, viaLink: true);
            }
        }
        else if (_node.FindLocal(to) is not { } target || !target.AddLink(from.Self))
        {
            from.Signal(to, ExitReason.NoProc, viaLink: true);
        }
    }

    public void Unlink(Pid from, Pid to)
    {
        if (IsRemote(to))
        {
            // A link to a node not connected went with the connection: nothing to undo there, nothing to
            // dial; behind a connection under way (the link may be queued there) it follows the link.
            _kernel?.Enqueue(to.Node, new SignalFrame(FrameKind.Unlink, from, to), Reach.Pending);
        }
        else
        {
            _node.FindLocal(to)?.RemoveLink(from);
        }
    }

    /// <summary>Sets up a monitor <paramref name="watcher"/> holds on <paramref name="target"/>; the reason to report at once when it cannot be.</summary>
    public ExitReason? Monitor(ProcessCell watcher, Pid target, MonitorRef monitor)
    {
        if (IsRemote(target))
        {
            if (_kernel is not { } kernel)
            {
                return ExitReason.NoConnection;
            }

            // The watch is recorded before this: a connection that closes or fails after the check fires it.
            if (watcher.Reach == Reach.Pending && !kernel.IsConnectedOrConnecting(target.Node))
            {
                return ExitReason.NoConnection;
            }

            kernel.Enqueue(target.Node, new MonitorFrame(FrameKind.Monitor, watcher.Self, target, monitor), watcher.Reach);
            return null;
        }

        return _node.FindLocal(target) is { } cell && cell.AddWatcher(monitor, watcher) ? null : ExitReason.NoProc;
    }

    public void Demonitor(Pid watcher, Pid target, MonitorRef monitor)
    {
        if (IsRemote(target))
        {
            // Likewise a demonitor (a process's cleanup would otherwise connect a node it just lost).
            _kernel?.Enqueue(target.Node, new MonitorFrame(FrameKind.Demonitor, watcher, target, monitor), Reach.Pending);
        }
        else
        {
            _node.FindLocal(target)?.RemoveWatcher(monitor);
        }
    }

    /// <summary>An exit signal (Erlang's <c>exit/2</c>, or a link firing when <paramref name="viaLink"/>).</summary>
    public void Exit(Pid from, Pid to, ExitReason reason, bool viaLink)
    {
        if (IsRemote(to))
        {
            _kernel?.Enqueue(to.Node, new SignalFrame(FrameKind.Exit, from, to, reason, viaLink));
            return;
        }

        _node.FindLocal(to)?.Signal(from, reason, viaLink);
    }

    /// <summary>A monitored local process exited; its watcher is on another node.</summary>
    public void RemoteDown(Pid watcher, Pid target, MonitorRef monitor, ExitReason reason) =>
        _kernel?.Enqueue(watcher.Node, new MonitorFrame(FrameKind.Down, watcher, target, monitor, reason), Reach.Connected);
}
