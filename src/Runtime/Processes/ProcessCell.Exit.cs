using Typed.CompilerServices;

namespace Typed.Processes;

/// <summary>Teardown: what happens once a process is dead.</summary>
internal sealed partial class ProcessCell
{
    /// <summary>
    /// Runs once, by the thread that owns the loop after the process was marked dead: fails every call
    /// still waiting in the mailbox with the exit reason, fires links and monitors, drops the name.
    /// </summary>
    void TearDown()
    {
        if (Interlocked.Exchange(ref _tornDown, 1) != 0)
        {
            return;
        }

        // Killed while a handler awaited: its span ends with the process.
        if (Interlocked.Exchange(ref _span, null) is { } span)
        {
            Diagnostics.TypedActivities.Failed(span, new OperationCanceledException("the process was killed"));
            span.Dispose();
        }

        ForgetOnThisThread();

        ExitReason reason;
        Envelope[] pendingIn;
        int pendingInCount;
        HashSet<Pid>? links;
        Dictionary<MonitorRef, Watch>? watchers;
        Dictionary<ulong, Pid>? watching;
        string? name;
        CancellationTokenSource? stopping;
        TaskCompletionSource<ExitReason?>? started;
        Action<ExitReason?>? startedHook;
        lock (this)
        {
            reason = _exitReason!;
            pendingIn = _in;
            pendingInCount = _inCount;
            _in = [];
            _inCount = 0;
            _system = null;
            _systemCount = 0;
            links = _links;
            _links = null;
            watchers = _watchers;
            _watchers = null;
            watching = _watching;
            _watching = null;
            name = _name;
            _name = null;
            stopping = _stopping;
            started = _started;
            startedHook = _startedHook;
            _startedHook = null;
        }

        stopping?.Cancel();
        Interlocked.Exchange(ref _nodeMonitor, null)?.Dispose();
        Interlocked.Exchange(ref _clusterMonitor, null)?.Dispose();

        // Order matters: the name and the table entry go first, then links and monitors fire, and
        // only then do waiting calls fail. A caller that sees the failure can count on linked and
        // monitoring processes having their signal queued already, and on the name being free.
        if (name is not null)
        {
            _node.Registry.Remove(name, this);
        }

        var linkReason = reason.Kind == ExitReasonKind.Kill ? Typed.ExitReason.Killed : reason;
        if (links is not null)
        {
            foreach (var linked in links)
            {
                _node.Router.Exit(_pid, linked, linkReason, viaLink: true);
            }
        }

        if (watchers is not null)
        {
            foreach (var watch in watchers.Values)
            {
                switch (watch.Watcher)
                {
                    case ProcessCell cell:
                        cell.PostSystem(new Down(watch.Ref, _pid, reason));
                        break;
                    case IExitObserver observer:
                        observer.OnExit(watch.Ref, _pid, reason);
                        break;
                }
            }
        }

        if (watching is not null)
        {
            foreach (var (id, target) in watching)
            {
                ForgetWatch(target, new MonitorRef(_node.Name, id));
            }
        }

        // A call waiting on a process that died gets the exit reason, as its monitor would in Erlang.
        FailCall(_current, reason);
        _current = default;
        for (var i = _outIndex; i < _outCount; i++)
        {
            FailCall(_out[i], reason);
        }

        _out = [];
        _outIndex = _outCount = 0;
        for (var i = 0; i < pendingInCount; i++)
        {
            FailCall(pendingIn[i], reason);
        }

        // A start that was being waited for fails with the reason (no-op when init had completed).
        started?.TrySetResult(reason);
        startedHook?.Invoke(reason);
        _node.Exited(this, reason);
        _behaviour = null;
        _startArgs = null;
        _pending = default;
    }

    void FailCall(in Envelope envelope, ExitReason reason) => envelope.Reply?.Exited(_pid, reason);

    /// <summary>Records the registered name. False if the process is dead or already has a name.</summary>
    internal bool TrySetName(string name)
    {
        lock (this)
        {
            if (_dead || _name is not null)
            {
                return false;
            }

            _name = name;
            return true;
        }
    }

    internal void ClearName(string name)
    {
        lock (this)
        {
            if (_name == name)
            {
                _name = null;
            }
        }
    }

    internal string? RegisteredName
    {
        get
        {
            lock (this)
            {
                return _name;
            }
        }
    }

    public override CancellationToken Stopping
    {
        get
        {
            lock (this)
            {
                if (_dead)
                {
                    return new CancellationToken(canceled: true);
                }

                return (_stopping ??= new CancellationTokenSource()).Token;
            }
        }
    }

    public override CancellationToken RequestAborted
    {
        get
        {
            var aborted = _current.Metadata?.Aborted ?? default;
            if (!aborted.CanBeCanceled)
            {
                return Stopping;
            }

            // Made once per message that asks, on the loop's thread; disposed when its handler is done.
            _requestAborted ??= CancellationTokenSource.CreateLinkedTokenSource(Stopping, aborted);
            return _requestAborted.Token;
        }
    }

    /// <summary>The deadline of the message being handled (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), 0 for none.</summary>
    internal long CurrentDeadline => _current.Metadata?.Deadline ?? 0;

    /// <summary>Cancelled when the sender of the message being handled gives up (none for a message without a caller).</summary>
    internal CancellationToken CurrentAborted => _current.Metadata is ReplySink reply ? reply.Aborted : default;

    public override TimeSpan? TimeLeft =>
        CurrentDeadline is var deadline and not 0 ? new Distribution.Protocol.FrameHeaders(deadline).Remaining : null;

    public override void Stop(ExitReason? reason = null) => _stopReason = reason ?? Typed.ExitReason.Normal;

    public override void Send(Pid pid, object message) => _node.Send(pid, message);

    public override ProcessRef<T> Spawn<T>(SpawnOptions? options = null) => _node.SpawnCore<T>(null, options, this);

    public override Task<ProcessRef<T>> SpawnAsync<T>(SpawnOptions? options = null, CancellationToken cancellationToken = default) =>
        _node.SpawnStartedAsync<T>(null, options, this, cancellationToken);

    public override ProcessRef<T> Spawn<T>(IStartArgs<T> args, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return _node.SpawnCore<T>(args, options, this);
    }

    public override ValueTask<ProcessRef<T>> SpawnOn<T>(string node, SpawnOptions? options = null, CancellationToken cancellationToken = default) =>
        _node.SpawnOnCore<T>(node, null, options, this, cancellationToken);

    public override ValueTask<ProcessRef<T>> SpawnOn<T>(string node, IStartArgs<T> args, SpawnOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return _node.SpawnOnCore<T>(node, args, options, this, cancellationToken);
    }

    public override void MonitorNodes(bool on)
    {
        lock (this)
        {
            if (on == _nodeMonitor is not null)
            {
                return;
            }

            if (!on)
            {
                _nodeMonitor!.Dispose();
                _nodeMonitor = null;
                return;
            }

            var kernel = _node.Kernel ?? throw new InvalidOperationException($"Node {_node.Name} is not distributed: set NodeOptions.Cookie");
            _nodeMonitor = kernel.MonitorNodes(
                up => Post(new Envelope(Envelope.InfoId, up, null)),
                down => Post(new Envelope(Envelope.InfoId, down, null)));
        }
    }

    public override void MonitorCluster(bool on)
    {
        lock (this)
        {
            if (on == _clusterMonitor is not null)
            {
                return;
            }

            if (!on)
            {
                _clusterMonitor!.Dispose();
                _clusterMonitor = null;
                return;
            }

            _clusterMonitor = _node.Cluster.Subscribe(change => Post(new Envelope(Envelope.InfoId, change, null)));
        }
    }

    /// <summary>Called from a spawn with <see cref="SpawnOptions.Link"/>: links this process with a new child.</summary>
    internal void LinkChild(ProcessCell child)
    {
        ExitReason? dead;
        lock (this)
        {
            dead = _dead ? _exitReason : null;
            if (dead is null)
            {
                (_links ??= []).Add(child.Self);
            }
        }

        child.AddLink(_pid);
        if (dead is not null)
        {
            // Spawned by a process that died meanwhile (a supervisor killed mid-restart): the link fires at once.
            child.Signal(_pid, dead.Kind == ExitReasonKind.Kill ? Typed.ExitReason.Killed : dead, viaLink: true);
        }
    }

    /// <summary>The process that spawned this one, if any.</summary>
    internal Pid Parent => _parent;

    /// <summary>Called from a spawn with <see cref="SpawnOptions.Monitor"/>: this process monitors a new child.</summary>
    internal void MonitorChild(ProcessCell child)
    {
        var monitor = _node.NewRef();
        lock (this)
        {
            (_watching ??= [])[monitor.Id] = child.Self;
        }

        child.AddWatcher(monitor, this);
    }
}
