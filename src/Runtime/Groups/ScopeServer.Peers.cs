namespace Typed.Groups;

/// <summary>
/// The peer exchange: discover, sync, remote joins and leaves, and peers going away. The four casts
/// between servers have explicit message ids (1-4), so the wire protocol does not move with a rename.
/// </summary>
internal sealed partial class ScopeServer
{
    /// <summary>A peer's server announces itself: tell it our memberships, and discover it back if it is new.</summary>
    [Cast(Id = 1)]
    public void Discover(Pid peer)
    {
        if (peer == Context.Self || peer.Node == Context.Node.Name || !IsServerOnANode(peer, nameof(Discover)) || !IsConnected(peer, nameof(Discover)))
        {
            return;
        }

        var to = Context.Node.Ref<ScopeServer>(peer);
        to.Sync(Context.Self, LocalMemberships());
        if (!_peers.ContainsKey(peer))
        {
            AddPeer(peer);
            to.Discover(Context.Self);
        }
    }

    /// <summary>A peer's full local memberships: they replace what we knew of it; the difference is reported.</summary>
    [Cast(Id = 2)]
    public void Sync(Pid peer, GroupMembers[] groups)
    {
        if (peer.Node == Context.Node.Name || !IsServerOnANode(peer, nameof(Sync)) || !IsConnected(peer, nameof(Sync)))
        {
            return;
        }

        if (!_peers.TryGetValue(peer, out var known))
        {
            // Its Discover may still be on the way (or was lost with an old connection): know it from now on.
            known = AddPeer(peer);
        }

        var before = known.Groups;
        var after = new Dictionary<string, List<Pid>>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var pids = OnNode(peer, g.Pids);
            if (pids.Length > 0)
            {
                if (!after.TryGetValue(g.Group, out var list))
                {
                    after[g.Group] = list = [];
                }

                list.AddRange(pids);
            }
        }

        known.Groups = after;
        var touched = before.Keys.Union(after.Keys, StringComparer.Ordinal).ToList();
        var changes = new List<(string Group, GroupChange Change, Pid[] Pids)>();
        foreach (var group in touched)
        {
            var old = before.GetValueOrDefault(group) ?? [];
            var now = after.GetValueOrDefault(group) ?? [];
            if (Minus(now, old) is { Length: > 0 } joined)
            {
                changes.Add((group, GroupChange.Joined, joined));
            }

            if (Minus(old, now) is { Length: > 0 } left)
            {
                changes.Add((group, GroupChange.Left, left));
            }
        }

        _log.PeerSynced(_scope, peer, after.Count, known.Count);
        Changed(changes);
    }

    /// <summary>Processes on a peer joined a group.</summary>
    [Cast(Id = 3)]
    public void Joined(Pid peer, string group, Pid[] pids)
    {
        if (!_peers.TryGetValue(peer, out var known))
        {
            _log.UnknownPeer(_scope, nameof(Joined), peer);
            return;
        }

        pids = OnNode(peer, pids);
        if (pids.Length == 0)
        {
            return;
        }

        if (!known.Groups.TryGetValue(group, out var members))
        {
            known.Groups[group] = members = [];
        }

        members.AddRange(pids);
        Changed(group, GroupChange.Joined, pids);
    }

    /// <summary>Processes on a peer left a group (once per listed pid), or exited.</summary>
    [Cast(Id = 4)]
    public void Left(Pid peer, string group, Pid[] pids)
    {
        if (!_peers.TryGetValue(peer, out var known))
        {
            _log.UnknownPeer(_scope, nameof(Left), peer);
            return;
        }

        if (!known.Groups.TryGetValue(group, out var members))
        {
            return;
        }

        var left = pids.Where(members.Remove).ToArray();
        if (members.Count == 0)
        {
            known.Groups.Remove(group);
        }

        if (left.Length > 0)
        {
            Changed(group, GroupChange.Left, left);
        }
    }

    /// <summary>A local member, a peer server or a subscriber went away.</summary>
    [Info]
    public void On(Down down)
    {
        if (_members.TryGetValue(down.Pid, out var member) && member.Monitor == down.Ref)
        {
            MemberExited(down.Pid, member, down.Reason);
        }
        else if (_peers.TryGetValue(down.Pid, out var peer) && peer.Monitor == down.Ref)
        {
            DropPeer(down.Pid, peer, down.Reason.ToString());
        }
        else
        {
            SubscriberDown(down.Ref);
        }
    }

    /// <summary>A node came up: the scope there (if it runs) learns of us and syncs.</summary>
    [Info]
    public void On(NodeUp up)
    {
        // Anyone may send a NodeUp (as anyone may send {nodeup, Node} in Erlang): only a node name is acted on.
        if (!Typed.Distribution.Protocol.NodeNames.IsValid(up.Node))
        {
            _log.NotANode(_scope, nameof(NodeUp), up.Node);
            return;
        }

        // Handled after the node went down again: its NodeDown follows, and a later NodeUp discovers.
        if (!Context.Node.IsConnected(up.Node))
        {
            return;
        }

        _log.Discovering(_scope, up.Node);
        Context.Node.At<ScopeServer>(_scope, up.Node).Discover(Context.Self);
    }

    /// <summary>
    /// A node went down: its peers' members go now. Their monitors fire <c>noconnection</c> too;
    /// whichever comes first drops the peer, the other finds nothing left to drop.
    /// </summary>
    [Info]
    public void On(NodeDown down)
    {
        foreach (var (pid, peer) in _peers.Where(p => p.Key.Node == down.Node).ToList())
        {
            Context.Demonitor(peer.Monitor);
            DropPeer(pid, peer, "nodedown: " + down.Reason);
        }
    }

    Peer AddPeer(Pid peer)
    {
        var known = new Peer(Context.Monitor(peer));
        _peers[peer] = known;
        _log.PeerDiscovered(_scope, peer);
        return known;
    }

    void DropPeer(Pid pid, Peer peer, string reason)
    {
        _peers.Remove(pid);
        _log.PeerLost(_scope, pid, reason, peer.Count);
        Changed(peer.Groups.Select(g => (g.Key, GroupChange.Left, g.Value.ToArray())).ToList());
    }

    /// <summary>
    /// A peer speaks only for its own node's processes (they join on their node): pids of other nodes
    /// in its messages are dropped, so a confused peer cannot plant members that nothing would remove.
    /// </summary>
    static Pid[] OnNode(Pid peer, Pid[] pids) =>
        Array.TrueForAll(pids, p => p.Node == peer.Node) ? pids : Array.FindAll(pids, p => p.Node == peer.Node);

    /// <summary>The multiset difference <paramref name="a"/> minus <paramref name="b"/>: each pid of b cancels one of a.</summary>
    static Pid[] Minus(List<Pid> a, List<Pid> b)
    {
        if (b.Count == 0)
        {
            return [.. a];
        }

        var cancel = new Dictionary<Pid, int>();
        foreach (var pid in b)
        {
            cancel[pid] = cancel.GetValueOrDefault(pid) + 1;
        }

        var rest = new List<Pid>();
        foreach (var pid in a)
        {
            if (cancel.TryGetValue(pid, out var n) && n > 0)
            {
                cancel[pid] = n - 1;
            }
            else
            {
                rest.Add(pid);
            }
        }

        return [.. rest];
    }

    /// <summary>A peer's server is a pid on a node: an empty pid, or one whose node is not a node name, came from a confused or hostile member and is ignored.</summary>
    /// <summary>
    /// A Discover or Sync handled after its sender's node went down is stale: the NodeDown that drops
    /// the peer is behind it in the mailbox, and answering or monitoring would dial the node again, so
    /// undoing a disconnect (a partition rule's, or the user's). A reconnect discovers anew.
    /// </summary>
    bool IsConnected(Pid peer, string message)
    {
        if (Context.Node.IsConnected(peer.Node))
        {
            return true;
        }

        _log.StalePeer(_scope, message, peer);
        return false;
    }

    bool IsServerOnANode(Pid peer, string message)
    {
        if (!peer.IsEmpty && Typed.Distribution.Protocol.NodeNames.IsValid(peer.Node))
        {
            return true;
        }

        _log.NotANode(_scope, message, peer.Node ?? "");
        return false;
    }
}
