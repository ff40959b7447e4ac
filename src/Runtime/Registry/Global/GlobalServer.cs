using System.Collections.Immutable;

namespace Typed.Registry.Global;

/// <summary>
/// The global name server (Erlang's <c>global_name_server</c>): one per node, registered locally as
/// <see cref="RegisteredName"/>, holding this node's copy of the cluster-wide name table.
/// </summary>
/// <remarks>
/// Design note. Every node holds the whole table; nothing is looked up remotely. Changes are made by
/// a registrar outside any server (<see cref="GlobalNames"/>): it takes the name's lock on every
/// node it knows, in node-name order (so two registrars never hold parts of each other's locks for
/// long: the one that wins the first node wins), checks the name is free on all of them, commits the
/// entry on all of them, and releases the locks. A lock is a lease: it lapses after
/// <see cref="LockLease"/> and goes with its owner's node. Servers never call each other, they only
/// cast, so no server waits on another.
///
/// Each server monitors every process in its table: a name goes when its process exits, or when
/// its node goes down (the monitor fires with <c>noconnection</c>). When two nodes meet (NodeUp),
/// each casts its table to the other, which merges it. A clash — the same name for two processes,
/// registered in two partitions — is settled by the lower pid's resolve rule; the rules are
/// deterministic, so every node that sees the clash settles it alike, and only the loser's own
/// node tells the loser (kill or <see cref="GlobalNameConflict"/>). Losers are remembered
/// (name, pid) until they exit, so an older copy of the table arriving later cannot bring them back.
/// </remarks>
[Process]
internal sealed partial class GlobalServer
{
    /// <summary>The local name of the server on every node.</summary>
    public const string RegisteredName = "global_name_server";

    /// <summary>How long a name's lock holds if its owner never releases it.</summary>
    static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    readonly Dictionary<string, (string Owner, long Expires)> _locks = new(StringComparer.Ordinal);
    readonly Dictionary<Pid, MonitorRef> _monitors = [];
    readonly Dictionary<(string Name, Pid Loser), GlobalEviction> _evicted = [];
    ImmutableDictionary<string, GlobalEntry> _names = ImmutableDictionary.Create<string, GlobalEntry>(StringComparer.Ordinal);

    Node Node => Context.Node;

    /// <summary>
    /// Registers the server's name, takes up the table a crashed predecessor published, and on a
    /// distributed node resyncs with every visible peer.
    /// </summary>
    [Init]
    public void Start()
    {
        ((Typed.Processes.ProcessCell)Context).Reach = Typed.Distribution.Kernel.Reach.Pending;
        Node.Register(RegisteredName, Context.Self);

        // A server started again after a crash takes up the table its predecessor published.
        foreach (var entry in Node.Global.Snapshot.Values)
        {
            Set(entry);
        }

        Publish();
        if (Node.Kernel is null)
        {
            // A node without distribution: its names are its own.
            return;
        }

        // Subscribe first, then list: a node coming up in between is exchanged with twice, which is harmless.
        Context.MonitorNodes(true);
        foreach (var peer in Node.Nodes)
        {
            Peer(peer).Resync(Node.Name, Table());
        }
    }

    /// <summary>Takes the lock on <paramref name="name"/> for <paramref name="owner"/> unless another owner holds it.</summary>
    [Call]
    public LockReply TryLock(string name, string owner)
    {
        var now = SimulationContext.Milliseconds();
        if (_locks.TryGetValue(name, out var held) && held.Owner != owner && held.Expires > now)
        {
            return new LockReply(false, default);
        }

        _locks[name] = (owner, now + (long)LockLease.TotalMilliseconds);
        return new LockReply(true, _names.TryGetValue(name, out var entry) ? entry.Pid : default);
    }

    /// <summary>Releases the lock on <paramref name="name"/> if <paramref name="owner"/> holds it.</summary>
    [Cast]
    public void Unlock(string name, string owner)
    {
        if (_locks.TryGetValue(name, out var held) && held.Owner == owner)
        {
            _locks.Remove(name);
        }
    }

    /// <summary>Sets a registration, replacing whatever the name held (the registrar checked it under the lock).</summary>
    [Call]
    public bool Commit(string name, Pid pid, GlobalResolveKind resolve, string? resolver)
    {
        // The entry's fields travel one by one: a GlobalEntry written alone by a message formatter
        // crashed the NativeAOT sample node (a null call in shared generic code); inside arrays it is fine.
        var entry = new GlobalEntry(name, pid, resolve, resolver);
        _evicted.Remove((entry.Name, entry.Pid));
        var previous = _names.TryGetValue(entry.Name, out var old) ? old.Pid : default;
        Set(entry);
        if (!previous.IsEmpty && previous != entry.Pid)
        {
            Forget(previous);
        }

        Publish();
        return true;
    }

    /// <summary>Removes the registration of <paramref name="name"/>.</summary>
    [Call]
    public bool Remove(string name)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            return false;
        }

        _names = _names.Remove(name);
        Forget(entry.Pid);
        Publish();
        return true;
    }

    /// <summary>Another node's table, cast when the two nodes met.</summary>
    [Cast]
    public void Exchange(GlobalTable table) => Merge(table);

    /// <summary>
    /// The table of a peer whose server has just started (after a crash, perhaps): merged, and this
    /// one cast back, so the new server learns the names registered while none ran there.
    /// </summary>
    [Cast]
    public void Resync(string node, GlobalTable table)
    {
        Merge(table);
        SendTable(node);
    }

    /// <summary>Merges another node's table and answers with this one (<see cref="GlobalNames.SyncAsync"/>).</summary>
    [Call]
    public GlobalTable Sync(GlobalTable table)
    {
        Merge(table);
        return Table();
    }

    /// <summary>
    /// Casts this table to <paramref name="node"/>'s server. A registrar that found no server there (it
    /// was being restarted) asks for this after its change: a server that started in between, and
    /// resynced before the change, learns it from this.
    /// </summary>
    [Cast]
    public void Push(string node) => SendTable(node);

    /// <summary>
    /// A node came up: it gets this table. Handled after the node went down again, nothing: casting
    /// would dial it back (undoing a disconnect), and the next NodeUp sends the table.
    /// </summary>
    [Info]
    public void Handle(NodeUp up)
    {
        if (Typed.Distribution.Protocol.NodeNames.IsValid(up.Node) && !Node.IsConnected(up.Node))
        {
            return;
        }

        SendTable(up.Node);
    }

    /// <summary>
    /// Casts this table to <paramref name="node"/>'s server; a name that is not a node name (anyone may
    /// send a NodeUp, as anyone may send <c>{nodeup, Node}</c> in Erlang) is ignored with a log line.
    /// </summary>
    void SendTable(string node)
    {
        if (Typed.Distribution.Protocol.NodeNames.IsValid(node))
        {
            Peer(node).Exchange(Table());
        }
        else
        {
            GlobalLog.NotANode(Node.Log, node);
        }
    }

    [Info]
    public void Handle(NodeDown down)
    {
        foreach (var (name, held) in _locks.ToArray())
        {
            if (OwnerNode(held.Owner) == down.Node)
            {
                _locks.Remove(name);
            }
        }

        // The monitors fire with noconnection too; dropping now means no name outlives its node's NodeDown.
        DropWhere(pid => pid.Node == down.Node);

        // prevent_overlapping_partitions: every node this one still reaches lets go of the lost one too.
        if (Node.Options.Cluster.PreventOverlappingPartitions)
        {
            foreach (var peer in Node.Nodes)
            {
                Peer(peer).LostConnection(Node.Name, down.Node);
            }
        }
    }

    /// <summary>
    /// <paramref name="reporter"/> lost <paramref name="lost"/>: with
    /// <see cref="ClusterOptions.PreventOverlappingPartitions"/> this node disconnects it too, so no node
    /// stays in both halves of a partition. Without the option, or for names that are not nodes, nothing.
    /// </summary>
    [Cast]
    public void LostConnection(string reporter, string lost)
    {
        if (!Node.Options.Cluster.PreventOverlappingPartitions || lost == Node.Name
            || !Typed.Distribution.Protocol.NodeNames.IsValid(lost) || !Node.Nodes.Contains(lost))
        {
            return;
        }

        GlobalLog.OverlapCut(Node.Log, lost, reporter);
        Node.Disconnect(lost);
    }

    [Info]
    public void Handle(Down down)
    {
        if (_monitors.TryGetValue(down.Pid, out var monitor) && monitor == down.Ref)
        {
            DropWhere(pid => pid == down.Pid);
        }
    }

    GlobalTable Table() => new([.. _names.Values], [.. _evicted.Values]);

    void Merge(GlobalTable table)
    {
        // Losers first: a clash another node settled is settled here the same way, whichever entry this node held.
        foreach (var eviction in table.Evicted)
        {
            if (!_evicted.ContainsKey((eviction.Name, eviction.Loser)))
            {
                Evict(eviction);
            }
        }

        var connected = Node.Nodes;
        foreach (var entry in table.Entries)
        {
            if (_evicted.ContainsKey((entry.Name, entry.Pid)) || !IsReachable(entry.Pid, connected))
            {
                continue;
            }

            if (!_names.TryGetValue(entry.Name, out var mine))
            {
                Set(entry);
            }
            else if (mine.Pid != entry.Pid)
            {
                Settle(mine, entry);
            }
        }

        Publish();
    }

    /// <summary>A pid worth a table entry: alive here, or on a node this one is connected to.</summary>
    bool IsReachable(Pid pid, IReadOnlyCollection<string> connected) =>
        pid.Node == Node.Name ? Node.FindLocal(pid) is not null : connected.Contains(pid.Node);

    void Set(GlobalEntry entry)
    {
        _names = _names.SetItem(entry.Name, entry);
        if (!_monitors.ContainsKey(entry.Pid))
        {
            _monitors[entry.Pid] = Context.Monitor(entry.Pid);
        }
    }

    /// <summary>Stops watching <paramref name="pid"/> once nothing in the table or the evicted set names it.</summary>
    void Forget(Pid pid)
    {
        if (_names.Values.Any(e => e.Pid == pid) || _evicted.Keys.Any(e => e.Loser == pid))
        {
            return;
        }

        if (_monitors.Remove(pid, out var monitor))
        {
            Context.Demonitor(monitor);
        }
    }

    void DropWhere(Func<Pid, bool> gone)
    {
        var names = _names.Values.Where(e => gone(e.Pid)).Select(e => e.Name).ToArray();
        _names = _names.RemoveRange(names);
        foreach (var key in _evicted.Keys.Where(k => gone(k.Loser)).ToArray())
        {
            _evicted.Remove(key);
        }
        foreach (var pid in _monitors.Keys.Where(gone).ToArray())
        {
            _monitors.Remove(pid);
        }

        if (names.Length > 0)
        {
            Publish();
        }
    }

    void Publish() => Node.Global.Publish(_names);

    ProcessRef<GlobalServer> Peer(string node) => Node.At<GlobalServer>(RegisteredName, node);

    static string OwnerNode(string owner) => owner[..Math.Max(0, owner.LastIndexOf('#'))];
}
