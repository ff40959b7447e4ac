using Typed.CompilerServices;
using Typed.Groups;
using Typed.Processes;

namespace Typed;

/// <summary>
/// A process-group scope on this node (Erlang's <c>pg</c>, OTP 23+): named groups of processes
/// across the cluster. A process joins on its own node; every node running the same scope learns
/// of it and drops it when it exits or its node goes down. Memberships are eventually consistent.
/// Get the default scope with <see cref="Node.Groups"/> and others with <see cref="Node.GroupScope(string)"/>.
/// </summary>
/// <remarks>
/// Joins, leaves and monitors are calls to the scope's server on this node; they have been applied
/// here when they return, and reach other nodes shortly after. Reads (<see cref="GetMembers"/>,
/// <see cref="WhichGroups"/> and the typed variants) never message the server: they read the
/// snapshot it published last, so they are cheap and may run anywhere, even inside a handler.
/// </remarks>
public sealed partial class ProcessGroups
{
    /// <summary>The name of the default scope, <see cref="Node.Groups"/> (as in Erlang: <c>pg</c>).</summary>
    public const string DefaultScope = "pg";

    readonly Node _node;
    readonly Lock _lock = new();
    GroupsView _view = GroupsView.Empty;

    // The server serving the scope now, as it attached itself from its init hook; null before its first start.
    ProcessCell? _server;

    // A named scope's start as a child of the kernel supervisor; null for the default scope (it starts with the node).
    Task? _starting;

    internal ProcessGroups(Node node, string scope)
    {
        _node = node;
        Scope = scope;
    }

    /// <summary>The scope's name, under which its server is registered on each node.</summary>
    public string Scope { get; }

    /// <summary>
    /// Makes the local processes <paramref name="pids"/> members of <paramref name="group"/>
    /// (<c>pg:join/3</c>). A process may join a group several times: it is then listed once per join
    /// and must leave as many times. A member that exits leaves all its groups.
    /// </summary>
    /// <param name="group">The group; it exists while it has members.</param>
    /// <param name="pids">Processes of this node (alive or not: a dead one leaves again at once).</param>
    /// <exception cref="ArgumentException">A pid is empty or belongs to another node (join processes on their own node, as pg requires).</exception>
    /// <exception cref="ObjectDisposedException">The node is stopping and its scope server is gone.</exception>
    /// <exception cref="ProcessExitedException">The scope server exited before replying (it was killed), or is not running (its supervisor is restarting it); the join may or may not have been applied.</exception>
    public ValueTask JoinAsync(string group, params Pid[] pids)
    {
        var checkedPids = CheckLocal(group, pids);
        return checkedPids.Length == 0 ? default : JoinCoreAsync(group, checkedPids);
    }

    async ValueTask JoinCoreAsync(string group, Pid[] pids)
    {
        var server = await ServerAsync().ConfigureAwait(SimulationContext.Capture);
        await server.Join(group, pids).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>
    /// Makes the local processes <paramref name="pids"/> leave <paramref name="group"/> once each
    /// (<c>pg:leave/3</c>).
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="pids">Processes of this node.</param>
    /// <returns>True when at least one of them was a member (false is pg's <c>not_joined</c>).</returns>
    /// <exception cref="ArgumentException">A pid is empty or belongs to another node.</exception>
    public ValueTask<bool> LeaveAsync(string group, params Pid[] pids)
    {
        var checkedPids = CheckLocal(group, pids);
        return checkedPids.Length == 0 ? ValueTask.FromResult(false) : LeaveCoreAsync(group, checkedPids);
    }

    async ValueTask<bool> LeaveCoreAsync(string group, Pid[] pids)
    {
        var server = await ServerAsync().ConfigureAwait(SimulationContext.Capture);
        return await server.Leave(group, pids).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>Every member of <paramref name="group"/> on every node of the scope, once per join (<c>pg:get_members/2</c>); empty if none.</summary>
    /// <param name="group">The group.</param>
    public IReadOnlyList<Pid> GetMembers(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return View.Groups.TryGetValue(group, out var entry) ? entry.All : [];
    }

    /// <summary>The members of <paramref name="group"/> on this node (<c>pg:get_local_members/2</c>); empty if none.</summary>
    /// <param name="group">The group.</param>
    public IReadOnlyList<Pid> GetLocalMembers(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return View.Groups.TryGetValue(group, out var entry) ? entry.Local : [];
    }

    /// <summary>Every group with members anywhere in the scope (<c>pg:which_groups/1</c>), sorted.</summary>
    public IReadOnlyList<string> WhichGroups() => [.. View.Groups.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The groups with members on this node, sorted.</summary>
    public IReadOnlyList<string> WhichLocalGroups() =>
        [.. View.Groups.Where(g => g.Value.Local.Count > 0).Select(g => g.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The members of <paramref name="group"/> as typed refs (once per join, as <see cref="GetMembers"/>),
    /// to call through their generated proxy methods. The group is taken to hold processes of <typeparamref name="T"/>: a call to a member of
    /// another behaviour fails with <see cref="UnhandledMessageException"/>, a cast to one is dropped.
    /// </summary>
    /// <typeparam name="T">The members' behaviour.</typeparam>
    /// <param name="group">The group.</param>
    public IReadOnlyList<ProcessRef<T>> Members<T>(string group)
        where T : class, IProcessBehaviour<T> => [.. GetMembers(group).Select(_node.Ref<T>)];

    /// <summary>The members of <paramref name="group"/> on this node as typed refs.</summary>
    /// <typeparam name="T">The members' behaviour.</typeparam>
    /// <param name="group">The group.</param>
    public IReadOnlyList<ProcessRef<T>> LocalMembers<T>(string group)
        where T : class, IProcessBehaviour<T> => [.. GetLocalMembers(group).Select(_node.Ref<T>)];

    /// <summary>
    /// Calls <paramref name="send"/> with a typed ref to each member of <paramref name="group"/> on every
    /// node, once per distinct process, for example <c>groups.Broadcast&lt;Chat&gt;("room", r =&gt; r.Say("hi"))</c>
    /// with a generated cast. Delivery is at most once, as for any cast.
    /// </summary>
    /// <typeparam name="T">The members' behaviour.</typeparam>
    /// <param name="group">The group.</param>
    /// <param name="send">What to send each member, through its generated proxy methods.</param>
    /// <returns>How many processes <paramref name="send"/> was called for.</returns>
    public int Broadcast<T>(string group, Action<ProcessRef<T>> send)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(send);
        var reached = 0;
        foreach (var pid in GetMembers(group).Distinct())
        {
            send(_node.Ref<T>(pid));
            reached++;
        }

        return reached;
    }

    /// <summary>Prints the scope's name and node.</summary>
    public override string ToString() => $"{Scope}@{_node.Name}";

    // A server that died (killed, or its node stopped) took its memberships with it: read nothing
    // rather than what it published last. Its supervisor starts a new one, which attaches empty.
    GroupsView View => Volatile.Read(ref _server) is { IsDead: true } ? GroupsView.Empty : Volatile.Read(ref _view);

    /// <summary>Called by the scope server after each change.</summary>
    internal void Publish(GroupsView view) => Volatile.Write(ref _view, view);

    /// <summary>Called by a scope server's init hook: from now on it serves the scope, from <paramref name="view"/>.</summary>
    internal void Attach(ProcessCell server, GroupsView view)
    {
        // The view first: a reader that sees the new server reads its view, never the dead one's.
        Volatile.Write(ref _view, view);
        Volatile.Write(ref _server, server);
    }

    /// <summary>
    /// Starts a named scope's server as a dynamic child of the kernel supervisor unless it runs or is
    /// starting (<c>pg:start_link(Scope)</c> under <c>kernel_sup</c>); the default scope starts with the node.
    /// The start goes on without the caller: joins, leaves and monitors wait for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another kind of process is registered under the scope's name.</exception>
    /// <exception cref="ObjectDisposedException">The node is stopping and the scope was not running.</exception>
    internal void Start()
    {
        if (Scope == DefaultScope)
        {
            return;
        }

        lock (_lock)
        {
            if (_starting is { IsFaulted: false, IsCanceled: false })
            {
                return;
            }

            if (_node.Registry.Find(Scope) is { } holder && holder.Behaviour is not ScopeServer)
            {
                throw new InvalidOperationException(
                    $"The name '{Scope}' is registered to {holder.Self} ({holder.Descriptor.Name}), not to a process-group scope: pick another scope name");
            }

            ObjectDisposedException.ThrowIf(_node.IsStopping, _node);
            _starting = _node.StartScopeAsync(Scope);
        }
    }

    /// <summary>
    /// The scope's server on this node, once a named scope's first start is done. While a crashed
    /// server is being restarted, a ref by name: a call through it fails with <c>noproc</c>.
    /// </summary>
    internal ValueTask<ProcessRef<ScopeServer>> ServerAsync()
    {
        return Volatile.Read(ref _server) is { IsDead: false } running
            ? new(new ProcessRef<ScopeServer>(running))
            : WaitAsync();

        async ValueTask<ProcessRef<ScopeServer>> WaitAsync()
        {
            if (Volatile.Read(ref _starting) is { } starting)
            {
                await starting.ConfigureAwait(SimulationContext.Capture);
            }

            return Volatile.Read(ref _server) is { IsDead: false } started
                ? new ProcessRef<ScopeServer>(started)
                : _node.At<ScopeServer>(Scope);
        }
    }

    Pid[] CheckLocal(string group, Pid[] pids)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(pids);
        foreach (var pid in pids)
        {
            CheckLocal(pid, nameof(pids));
        }

        // A copy: the server keeps the array, and a local call does not copy its message.
        return [.. pids];
    }

    void CheckLocal(Pid pid, string parameter)
    {
        if (pid.IsEmpty)
        {
            throw new ArgumentException("An empty pid names no process", parameter);
        }

        if (pid.Node != _node.Name || pid.Creation != _node.Creation)
        {
            throw new ArgumentException(
                $"{pid} is not a process of {_node.Name}: only local processes join, leave or monitor groups of a scope (as pg requires); do it on {pid.Node}",
                parameter);
        }
    }
}
