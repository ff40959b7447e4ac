using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Typed.Processes;

namespace Typed.Groups;

/// <summary>
/// One process-group scope on one node: Erlang's <c>pg</c> server, registered locally under the
/// scope's name (<c>"pg"</c> for the default scope).
/// </summary>
/// <remarks>
/// <para><b>Design.</b> Every node running a scope runs one server for it; a server owns the
/// memberships of its node's processes and keeps a copy of each peer server's. There is no leader
/// and no global lock: memberships are eventually consistent, as in pg.</para>
/// <para><b>Exchange</b> (all casts between servers of the same scope; one sender to one receiver keeps order):</para>
/// <list type="number">
/// <item><c>Discover(self)</c> goes to <c>{Scope, Node}</c> of every visible node when the server
/// starts and on every <c>NodeUp</c>. A server that sees <c>Discover(peer)</c> answers
/// <c>Sync(self, local memberships)</c>; if the peer was unknown it monitors the peer's server and
/// sends <c>Discover(self)</c> back, so each side syncs the other whoever started first.</item>
/// <item><c>Sync(peer, groups)</c> replaces everything known of that peer (a peer not yet known is
/// monitored and added, since its Discover may still be on the way); the difference is reported as
/// joins and leaves.</item>
/// <item><c>Joined(peer, group, pids)</c> / <c>Left(peer, group, pids)</c> go to every known peer
/// after each local join and leave, and when a local member exits (it leaves all its groups).
/// From an unknown peer they are ignored: that peer's next Sync carries them.</item>
/// <item>A peer server's <c>Down</c> (<c>noconnection</c> when its node goes) or a <c>NodeDown</c>
/// of its node drops all of that peer's members; the next <c>NodeUp</c> rediscovers it.</item>
/// </list>
/// <para><b>Invariants.</b> Only this server writes its memberships; after each change it publishes
/// an immutable <see cref="GroupsView"/> that readers take without messaging it. A local member is
/// monitored while it belongs to any group; a pid joined n times is a member n times and leaves
/// once per listed leave. Each change applied here produces exactly one <see cref="GroupChanged"/>
/// per subscriber (none for a change that changes nothing, such as a repeated Sync).</para>
/// </remarks>
[Process]
internal sealed partial class ScopeServer
{
    // Local memberships: group -> pids, once per join, in join order.
    readonly Dictionary<string, List<Pid>> _local = new(StringComparer.Ordinal);

    // Each local member: its monitor and the groups it joined, once per join.
    readonly Dictionary<Pid, Member> _members = [];

    // Each known peer server: its monitor and its local memberships as it last told us.
    readonly Dictionary<Pid, Peer> _peers = [];

    string _scope = "";
    ILogger _log = NullLogger.Instance;
    ProcessGroups _table = null!;
    GroupsView _view = GroupsView.Empty;

    /// <summary>
    /// Finds its scope by its registered name (started unnamed, it is the default scope and registers
    /// itself as <c>pg</c>, as <c>pg:start_link/0</c>), attaches to the scope's table with an empty view,
    /// and discovers the scope on visible nodes.
    /// </summary>
    [Init]
    public void Start()
    {
        var node = Context.Node;
        var cell = (ProcessCell)Context;
        cell.Reach = Typed.Distribution.Kernel.Reach.Pending;
        _scope = cell.RegisteredName ?? RegisterDefault(node);
        var factory = node.Options.LoggerFactory ?? node.Services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        _log = factory.CreateLogger("Typed.Groups");
        _table = node.GroupsOf(_scope);
        _table.Attach(cell, _view);
        _log.ScopeStarted(_scope, node.Name, Context.Self);
        if (node.Kernel is not null)
        {
            // Subscribe first, then list: a node coming up in between is discovered twice, which is harmless.
            Context.MonitorNodes(true);
            var nodes = node.Nodes;
            if (nodes.Count > 0)
            {
                _log.Discovering(_scope, string.Join(", ", nodes));
                foreach (var peer in nodes)
                {
                    node.At<ScopeServer>(_scope, peer).Discover(Context.Self);
                }
            }
        }
    }

    /// <summary>Local processes join a group (<c>pg:join/3</c>); the caller has checked they are local.</summary>
    [Call]
    public void Join(string group, Pid[] pids)
    {
        if (!_local.TryGetValue(group, out var members))
        {
            _local[group] = members = [];
        }

        foreach (var pid in pids)
        {
            members.Add(pid);
            if (!_members.TryGetValue(pid, out var member))
            {
                // A pid that is already gone gets its Down (noproc) at once and leaves again, as in pg.
                _members[pid] = member = new Member(Context.Monitor(pid));
            }

            member.Groups.Add(group);
        }

        if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Joined(_scope, group, Describe(pids));
        }

        Changed(group, GroupChange.Joined, pids);
        foreach (var peer in _peers.Keys)
        {
            Context.Node.Ref<ScopeServer>(peer).Joined(Context.Self, group, pids);
        }
    }

    /// <summary>Local processes leave a group once each (<c>pg:leave/3</c>).</summary>
    /// <returns>False when none of them was a member (pg's <c>not_joined</c>).</returns>
    [Call]
    public bool Leave(string group, Pid[] pids)
    {
        if (!_local.TryGetValue(group, out var members))
        {
            return false;
        }

        var left = new List<Pid>();
        foreach (var pid in pids)
        {
            if (members.Remove(pid))
            {
                left.Add(pid);
                Forget(pid, group);
            }
        }

        if (left.Count == 0)
        {
            return false;
        }

        if (members.Count == 0)
        {
            _local.Remove(group);
        }

        var leaving = left.ToArray();
        if (_log.IsEnabled(LogLevel.Debug))
        {
            _log.Left(_scope, group, Describe(leaving));
        }

        Changed(group, GroupChange.Left, leaving);
        foreach (var peer in _peers.Keys)
        {
            Context.Node.Ref<ScopeServer>(peer).Left(Context.Self, group, leaving);
        }

        return true;
    }

    /// <summary>A local member exited: it leaves every group it joined, as many times as it joined.</summary>
    void MemberExited(Pid pid, Member member, ExitReason reason)
    {
        _members.Remove(pid);
        var groups = member.Groups.Distinct(StringComparer.Ordinal).ToList();
        _log.MemberExited(_scope, pid, reason, groups.Count);
        var changes = new List<(string Group, GroupChange Change, Pid[] Pids)>(groups.Count);
        foreach (var group in groups)
        {
            var members = _local[group];
            var times = members.RemoveAll(p => p == pid);
            if (members.Count == 0)
            {
                _local.Remove(group);
            }

            changes.Add((group, GroupChange.Left, Enumerable.Repeat(pid, times).ToArray()));
        }

        Changed(changes);
        foreach (var (group, _, leaving) in changes)
        {
            foreach (var peer in _peers.Keys)
            {
                Context.Node.Ref<ScopeServer>(peer).Left(Context.Self, group, leaving);
            }
        }
    }

    /// <summary>Drops one membership of a local member; its monitor goes with its last group.</summary>
    void Forget(Pid pid, string group)
    {
        var member = _members[pid];
        member.Groups.Remove(group);
        if (member.Groups.Count == 0)
        {
            Context.Demonitor(member.Monitor);
            _members.Remove(pid);
        }
    }

    string RegisterDefault(Node node)
    {
        node.Register(ProcessGroups.DefaultScope, Context.Self);
        return ProcessGroups.DefaultScope;
    }

    /// <summary>Every local membership, as a Sync carries it.</summary>
    GroupMembers[] LocalMemberships() => _local.Select(g => new GroupMembers(g.Key, [.. g.Value])).ToArray();

    static string Describe(IEnumerable<Pid> pids) => string.Join(", ", pids);

    /// <summary>A local member: the monitor on it and the groups it joined, a group once per join.</summary>
    sealed class Member(MonitorRef monitor)
    {
        public MonitorRef Monitor { get; } = monitor;

        public List<string> Groups { get; } = [];
    }

    /// <summary>A peer scope server: the monitor on it and its local memberships as it last told us.</summary>
    sealed class Peer(MonitorRef monitor)
    {
        public MonitorRef Monitor { get; } = monitor;

        public Dictionary<string, List<Pid>> Groups { get; set; } = new(StringComparer.Ordinal);

        public int Count => Groups.Values.Sum(g => g.Count);
    }
}
