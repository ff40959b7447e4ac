namespace Typed.Processes;

/// <summary>Exit signals, links and monitors.</summary>
internal sealed partial class ProcessCell
{
    /// <summary>
    /// Delivers an exit signal (Erlang's semantics): <c>kill</c> sent directly kills; a trapping process
    /// gets an <see cref="ExitSignal"/> message (or stops through its terminate hook if the signal comes
    /// from its parent); <c>normal</c> is ignored; anything else kills. A signal that arrives through a
    /// link acts only while the link still exists.
    /// </summary>
    internal void Signal(Pid from, ExitReason reason, bool viaLink)
    {
        ExitReason lethal;
        bool schedule;
        lock (this)
        {
            if (_dead || (viaLink && (_links is null || !_links.Remove(from))))
            {
                return;
            }

            if (reason.Kind == ExitReasonKind.Kill && !viaLink)
            {
                lethal = Typed.ExitReason.Killed;
            }
            else if (_trapExits)
            {
                object message = !_parent.IsEmpty && from == _parent ? new StopRequest(reason) : new ExitSignal(from, reason);
                schedule = EnqueueSystemLocked(message);
                goto delivered;
            }
            else if (reason.IsNormal)
            {
                return;
            }
            else
            {
                lethal = reason;
            }

            _dead = true;
            _exitReason = lethal;
            schedule = TryClaimLocked() || _suspended;
            _scheduled = true;
        }

        // Dead. If no loop was running (idle, or suspended in an async handler), this signal claimed
        // the loop: queue it to tear down (never inline, so chains of links do not recurse).
        _stopping?.Cancel();
        if (schedule)
        {
            SimulationContext.Queue(this, _node.Simulation);
        }

        return;

    delivered:
        if (schedule)
        {
            SimulationContext.Queue(this, _node.Simulation);
        }
    }

    /// <summary>Asks the process to run its terminate hook and exit, ahead of its queued messages.</summary>
    internal void RequestStop(ExitReason reason) => PostSystem(new StopRequest(reason));

    /// <summary>Adds the other side of a link. False if this process is dead.</summary>
    internal bool AddLink(Pid other)
    {
        lock (this)
        {
            if (_dead)
            {
                return false;
            }

            (_links ??= []).Add(other);
            return true;
        }
    }

    internal void RemoveLink(Pid other)
    {
        lock (this)
        {
            _links?.Remove(other);
        }
    }

    /// <summary>Adds a monitor on this process. False if it is dead (the watcher must be told <c>noproc</c>).</summary>
    internal bool AddWatcher(MonitorRef monitor, object watcher)
    {
        lock (this)
        {
            if (_dead)
            {
                return false;
            }

            (_watchers ??= [])[monitor] = new Watch(monitor, watcher);
            return true;
        }
    }

    internal void RemoveWatcher(MonitorRef monitor)
    {
        lock (this)
        {
            _watchers?.Remove(monitor);
        }
    }

    public override void Link(Pid pid)
    {
        if (pid == _pid)
        {
            return;
        }

        lock (this)
        {
            if (_dead || !(_links ??= []).Add(pid))
            {
                return;
            }
        }

        _node.Router.Link(this, pid);
    }

    public override void Unlink(Pid pid)
    {
        RemoveLink(pid);
        _node.Router.Unlink(_pid, pid);
    }

    public override MonitorRef Monitor(Pid pid) => Watch(pid, _node.NewRef(), waiter: null);

    /// <summary>
    /// Records a monitor this process holds on <paramref name="pid"/> and asks for it; its Down goes to
    /// <paramref name="waiter"/> when there is one (<see cref="AwaitExit"/>), otherwise to the mailbox,
    /// at once when the monitor cannot be set up.
    /// </summary>
    MonitorRef Watch(Pid pid, MonitorRef monitor, ExitWaiter? waiter)
    {
        lock (this)
        {
            (_watching ??= [])[monitor.Id] = pid;
            if (waiter is not null)
            {
                (_awaiting ??= [])[monitor.Id] = waiter;
            }
        }

        if (_node.Router.Monitor(this, pid, monitor) is { } failure)
        {
            bool unreported;
            lock (this)
            {
                // A node going down meanwhile may have reported it already (PeerDown): one Down only.
                unreported = _watching?.Remove(monitor.Id) == true;   // null once torn down
                _awaiting?.Remove(monitor.Id);
            }

            if (unreported)
            {
                ReportDown(waiter, monitor, pid, failure);
            }
        }

        return monitor;
    }

    public override bool Demonitor(MonitorRef monitor)
    {
        Pid target = default;
        lock (this)
        {
            var active = _watching is not null && _watching.Remove(monitor.Id, out target);

            // Flush: a Down for this monitor that is already queued is never delivered.
            if (_system is { Count: > 0 } queue)
            {
                var kept = new Queue<object>(queue.Count);
                foreach (var message in queue)
                {
                    if (message is not Down down || down.Ref != monitor)
                    {
                        kept.Enqueue(message);
                    }
                }

                _system = kept;
                _systemCount = kept.Count;
            }

            if (!active)
            {
                return false;
            }
        }

        ForgetWatch(target, monitor);
        return true;
    }

    /// <summary>Tells the target of a monitor this process holds that it is gone.</summary>
    void ForgetWatch(Pid target, MonitorRef monitor) => _node.Router.Demonitor(_pid, target, monitor);

    /// <summary>Records a monitor this process holds on <paramref name="target"/> (a remote spawn's monitor).</summary>
    internal void AddWatching(MonitorRef monitor, Pid target)
    {
        lock (this)
        {
            if (!_dead)
            {
                (_watching ??= [])[monitor.Id] = target;
            }
        }
    }

    /// <summary>
    /// A monitor on <paramref name="pid"/> held by code running in this process (a supervisor stopping a
    /// child, say): the task completes with the exit reason instead of a Down in the mailbox, so the
    /// code can wait for it without receiving. A remote one reports <c>noconnection</c> if its node goes.
    /// </summary>
    internal Task<ExitReason> AwaitExit(Pid pid)
    {
        var waiter = new ExitWaiter();
        var monitor = _node.NewRef();
        if (pid.Node == _node.Name)
        {
            if (_node.FindLocal(pid) is not { } cell || !cell.AddWatcher(monitor, waiter))
            {
                waiter.TrySetResult(Typed.ExitReason.NoProc);
            }

            return waiter.Task;
        }

        Watch(pid, monitor, waiter);
        return waiter.Task;
    }

    /// <summary>A Down from another node for a monitor this process holds, unless it was removed.</summary>
    internal void RemoteDown(MonitorRef monitor, Pid target, ExitReason reason)
    {
        ExitWaiter? waiter = null;
        lock (this)
        {
            if (_dead || _watching is null || !_watching.Remove(monitor.Id))
            {
                return;
            }

            _awaiting?.Remove(monitor.Id, out waiter);
        }

        ReportDown(waiter, monitor, target, reason);
    }

    /// <summary>Reports a monitor's Down to the code awaiting it, or to the mailbox.</summary>
    void ReportDown(ExitWaiter? waiter, MonitorRef monitor, Pid target, ExitReason reason)
    {
        if (waiter is not null)
        {
            waiter.OnExit(monitor, target, reason);
        }
        else
        {
            PostSystem(new Down(monitor, target, reason));
        }
    }

    /// <summary>
    /// The connection to <paramref name="node"/> is gone: links to its processes fire and monitors on
    /// them report <c>noconnection</c>; monitors its processes held on this one are dropped.
    /// </summary>
    internal void PeerDown(string node)
    {
        List<Pid>? links = null;
        List<(ulong Id, Pid Target, ExitWaiter? Waiter)>? downs = null;
        lock (this)
        {
            if (_dead)
            {
                return;
            }

            if (_links is not null)
            {
                foreach (var pid in _links)
                {
                    if (pid.Node == node)
                    {
                        (links ??= []).Add(pid);
                    }
                }
            }

            if (_watching is not null)
            {
                foreach (var (id, target) in _watching)
                {
                    if (target.Node == node)
                    {
                        ExitWaiter? waiter = null;
                        _awaiting?.Remove(id, out waiter);
                        (downs ??= []).Add((id, target, waiter));
                    }
                }

                downs?.ForEach(d => _watching.Remove(d.Id));
            }

            if (_watchers is not null)
            {
                foreach (var key in _watchers.Where(w => w.Value.Watcher is Routing.RemoteWatcher r && r.Node == node).Select(w => w.Key).ToList())
                {
                    _watchers.Remove(key);
                }
            }
        }

        if (downs is not null)
        {
            foreach (var (id, target, waiter) in downs)
            {
                ReportDown(waiter, new MonitorRef(_node.Name, id), target, Typed.ExitReason.NoConnection);
            }
        }

        if (links is not null)
        {
            foreach (var pid in links)
            {
                Signal(pid, Typed.ExitReason.NoConnection, viaLink: true);
            }
        }
    }

    public override void Exit(Pid pid, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _node.Router.Exit(_pid, pid, reason, viaLink: false);
    }

    public override bool TrapExits
    {
        get => _trapExits;
        set => _trapExits = value;
    }
}
