using System.Text;
using Typed.Distribution.Transport;

namespace Typed.Testing;

/// <summary>
/// Nodes in one process on an in-memory network, started with one call, with the faults a cluster meets:
/// partitions that hold until healed, one-way cuts, latency, dropped connections, killed nodes and new
/// incarnations; and waits for the cluster to agree (a mesh, a global name, a process group, a node down).
/// </summary>
/// <remarks>
/// Design note. Faults act on the network, not on the nodes: a partition refuses new connections
/// across it, so a node's auto-connect (a send, a call, the mesh) cannot undo it, where
/// <see cref="Node.Disconnect"/> alone is undone by the next send. A killed node is cut off from every other before
/// it is stopped, so the others see what a crashed OS process looks like (the connection drops,
/// links and monitors say <c>noconnection</c>) and none of its goodbyes.
/// </remarks>
public sealed class TestCluster : IAsyncDisposable
{
    readonly TestClusterOptions _options;
    readonly InMemoryNetwork _network = new();
    readonly Lock _gate = new();
    readonly List<Member> _members = [];
    readonly HashSet<(string, string)> _cuts = [];
    readonly List<Flapping> _flapping = [];

    TestCluster(TestClusterOptions options) => _options = options;

    /// <summary>The network the nodes share, for faults this class does not name.</summary>
    public InMemoryNetwork Network => _network;

    /// <summary>The nodes running now, by index (a killed node is left out until it is restarted).</summary>
    public IReadOnlyList<Node> Nodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _members.Where(m => m.Node is not null).Select(m => m.Node!)];
            }
        }
    }

    /// <summary>The node at <paramref name="index"/> (from 0), as it runs now.</summary>
    /// <exception cref="InvalidOperationException">That node was killed and not restarted.</exception>
    public Node this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _members[index].Node ?? throw new InvalidOperationException($"{_members[index].Name} was killed and not restarted");
            }
        }
    }

    /// <summary>Starts <paramref name="nodes"/> nodes with the default options.</summary>
    /// <param name="nodes">How many nodes.</param>
    /// <param name="configureNode">Called for each node before it starts (see <see cref="TestClusterOptions.ConfigureNode"/>).</param>
    /// <param name="cancellationToken">Stops waiting for the nodes to start and connect.</param>
    public static Task<TestCluster> StartAsync(int nodes, Action<int, NodeOptions>? configureNode = null, CancellationToken cancellationToken = default) =>
        StartAsync(new TestClusterOptions { Nodes = nodes, ConfigureNode = configureNode }, cancellationToken);

    /// <summary>Starts the nodes <paramref name="options"/> describes and, unless told not to, connects them all.</summary>
    /// <param name="options">The cluster's options.</param>
    /// <param name="cancellationToken">Stops waiting for the nodes to start and connect.</param>
    public static async Task<TestCluster> StartAsync(TestClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cluster = new TestCluster(options);
        try
        {
            for (var i = 0; i < options.Nodes; i++)
            {
                await cluster.StartMemberAsync(cluster.NewMember(), connect: false).ConfigureAwait(false);
            }

            if (options.Connect)
            {
                await cluster.ConnectAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more node (the next index) and, as the options say, connects it to the live ones.</summary>
    public Task<Node> AddNodeAsync() => StartMemberAsync(NewMember(), _options.Connect);

    /// <summary>
    /// Cuts every node of <paramref name="side"/> off from every node of <paramref name="other"/>: their
    /// connections drop and new ones are refused until <see cref="Heal"/>. Nodes in neither list keep
    /// their connections to both sides.
    /// </summary>
    /// <param name="side">The nodes on one side.</param>
    /// <param name="other">The nodes on the other.</param>
    public void Partition(IEnumerable<Node> side, IEnumerable<Node> other)
    {
        var left = side.Select(n => n.Name).ToList();
        var right = other.Select(n => n.Name).ToList();
        lock (_gate)
        {
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    _cuts.Add(Pair(a, b));
                }
            }
        }

        _network.Partition(left, right);
    }

    /// <summary>
    /// <see cref="Partition"/>, then waits until no node of either side sees a node of the other: the
    /// connections drop at once, but each node learns it as it reads, a moment later.
    /// </summary>
    /// <param name="side">The nodes on one side.</param>
    /// <param name="other">The nodes on the other.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Some node still saw the other side.</exception>
    public Task PartitionAsync(IEnumerable<Node> side, IEnumerable<Node> other, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var left = side.ToList();
        var right = other.ToList();
        Partition(left, right);
        return WaitUntilAsync(
            () => left.All(l => right.All(r => !l.Nodes.Contains(r.Name) && !r.Nodes.Contains(l.Name))),
            "the two sides see each other down",
            timeout,
            cancellationToken);
    }

    /// <summary>
    /// Holds every byte <paramref name="from"/> sends to <paramref name="to"/> until <see cref="Heal"/>
    /// (a one-way blackhole): <paramref name="to"/> hears nothing, and after its tick time takes the
    /// connection down (<c>net_tick_timeout</c>); <paramref name="from"/>'s senders are slowed once the
    /// held bytes fill the wire.
    /// </summary>
    /// <param name="from">The node whose bytes are held.</param>
    /// <param name="to">The node that stops hearing it.</param>
    public void CutOneWay(Node from, Node to) => _network.Hold(from.Name, to.Name);

    /// <summary>
    /// Adds <paramref name="latency"/>, plus up to <paramref name="jitter"/> more at random, to every batch
    /// of bytes <paramref name="from"/> sends to <paramref name="to"/> (order is kept); zero removes it.
    /// </summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <param name="latency">The delay to add, one way.</param>
    /// <param name="jitter">The most to add on top of it, drawn anew for each batch.</param>
    public void SetLatency(Node from, Node to, TimeSpan latency, TimeSpan jitter = default) => _network.SetDelay(from.Name, to.Name, latency, jitter);

    /// <summary>
    /// Drops the connection between <paramref name="a"/> and <paramref name="b"/> every
    /// <paramref name="interval"/> (a flapping link; they reconnect on demand in between) until the
    /// returned handle is disposed or <see cref="Heal"/> is called.
    /// </summary>
    /// <param name="a">One node.</param>
    /// <param name="b">The other.</param>
    /// <param name="interval">How long each connection lives.</param>
    /// <returns>Stops the flapping when disposed; counts the connections it dropped.</returns>
    public Flapping Flap(Node a, Node b, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var flapping = new Flapping(() => _network.Disconnect(a.Name, b.Name), interval);
        lock (_gate)
        {
            _flapping.Add(flapping);
        }

        return flapping;
    }

    /// <summary>Drops the live connection between two nodes, as a reset would; they may connect again at once.</summary>
    /// <returns>How many connections were dropped.</returns>
    public int Disconnect(Node a, Node b) => _network.Disconnect(a.Name, b.Name);

    /// <summary>Removes every fault: partitions end, held bytes flow, latency goes, flapping stops. Nodes reconnect on demand (or with <see cref="ConnectAllAsync"/>).</summary>
    public void Heal()
    {
        List<Flapping> flapping;
        lock (_gate)
        {
            _cuts.Clear();
            flapping = [.. _flapping];
            _flapping.Clear();
        }

        flapping.ForEach(f => f.Stop());
        _network.Heal();
    }

    /// <summary>
    /// Kills <paramref name="node"/> as a crashed OS process would die: every connection to it drops at
    /// once (the others see it down, links and monitors say <c>noconnection</c>), then it is stopped.
    /// <see cref="RestartAsync"/> starts a new incarnation under its name.
    /// </summary>
    /// <param name="node">A node of this cluster.</param>
    public async Task KillAsync(Node node)
    {
        List<string> others;
        lock (_gate)
        {
            var member = Of(node);
            member.Node = null;
            others = [.. _members.Where(m => m != member).Select(m => m.Name)];
        }

        foreach (var other in others)
        {
            _network.Refuse(node.Name, other);
        }

        foreach (var other in others)
        {
            _network.Disconnect(node.Name, other);
        }

        try
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                foreach (var other in others.Where(o => !_cuts.Contains(Pair(node.Name, o))))
                {
                    _network.Allow(node.Name, other);
                }
            }
        }
    }

    /// <summary>
    /// Starts a new incarnation of <paramref name="node"/> under its name (killing it first if it runs):
    /// pids of the old one get <c>noproc</c>, never a process of the new one.
    /// </summary>
    /// <param name="node">A node of this cluster, running or killed.</param>
    /// <returns>The new node.</returns>
    public async Task<Node> RestartAsync(Node node)
    {
        Member member;
        bool running;
        lock (_gate)
        {
            member = _members.FirstOrDefault(m => m.Name == node.Name) ?? throw new ArgumentException($"{node.Name} is not a node of this cluster", nameof(node));
            running = ReferenceEquals(member.Node, node);
        }

        if (running)
        {
            await KillAsync(node).ConfigureAwait(false);
        }

        return await StartMemberAsync(member, _options.Connect).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects every live node to every other and waits until each sees all the others, trying a pair
    /// again while it is not connected (a connection that was just cut may still be closing on one side).
    /// </summary>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Some pair did not connect in time (the message says who sees whom).</exception>
    public Task ConnectAllAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            async () =>
            {
                var nodes = Nodes;
                var whole = true;
                foreach (var a in nodes)
                {
                    foreach (var b in nodes)
                    {
                        if (!ReferenceEquals(a, b) && !a.Nodes.Contains(b.Name))
                        {
                            whole &= await a.ConnectAsync(b.Name, cancellationToken).ConfigureAwait(false) && a.Nodes.Contains(b.Name);
                        }
                    }
                }

                return whole && nodes.All(a => nodes.All(b => ReferenceEquals(a, b) || a.Nodes.Contains(b.Name)));
            },
            "every node connects to every other",
            timeout,
            cancellationToken);

    /// <summary>Waits until every live node sees every other live node.</summary>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">The mesh was not whole in time.</exception>
    public Task WaitForMeshAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            () =>
            {
                var nodes = Nodes;
                return nodes.All(a => nodes.All(b => ReferenceEquals(a, b) || a.Nodes.Contains(b.Name)));
            },
            "every node sees every other",
            timeout,
            cancellationToken);

    /// <summary>Waits until no live node sees <paramref name="node"/> (a killed node, or one cut off).</summary>
    /// <param name="node">The node's full name.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Some node still saw it.</exception>
    public Task WaitForNodeDownAsync(string node, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(() => Nodes.All(n => !n.Nodes.Contains(node)), $"no node sees {node}", timeout, cancellationToken);

    /// <summary>Waits until every live node has <paramref name="name"/> in the global registry, registered to the same pid.</summary>
    /// <param name="name">The global name.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The pid every node agrees on.</returns>
    /// <exception cref="TimeoutException">The nodes did not agree in time.</exception>
    public async Task<Pid> WaitForGlobalNameAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Pid agreed = default;
        await WaitUntilAsync(
            () =>
            {
                var seen = Nodes.Select(n => n.Global.WhereIs(name)).Distinct().ToList();
                if (seen is [{ } pid])
                {
                    agreed = pid;
                    return true;
                }

                return false;
            },
            $"every node has the global name {name} for the same pid",
            timeout,
            cancellationToken).ConfigureAwait(false);
        return agreed;
    }

    /// <summary>Waits until every live node sees the same <paramref name="count"/> members of <paramref name="group"/> (default scope).</summary>
    /// <param name="group">The process group.</param>
    /// <param name="count">How many members every node should see.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The members, ordered by node name, then pid number.</returns>
    /// <exception cref="TimeoutException">The nodes did not converge in time.</exception>
    public async Task<IReadOnlyList<Pid>> WaitForGroupAsync(string group, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Pid> agreed = [];
        await WaitUntilAsync(
            () =>
            {
                var views = Nodes.Select(n => n.Groups.GetMembers(group).OrderBy(p => p.Node, StringComparer.Ordinal).ThenBy(p => p.Id).ToList()).ToList();
                if (views.Count > 0 && views[0].Count == count && views.All(v => v.SequenceEqual(views[0])))
                {
                    agreed = views[0];
                    return true;
                }

                return false;
            },
            $"every node sees the same {count} members of group {group}",
            timeout,
            cancellationToken).ConfigureAwait(false);
        return agreed;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every few milliseconds.</summary>
    /// <param name="condition">What should become true.</param>
    /// <param name="what">Says what is awaited, for the exception.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">It did not hold in time; the message says what each node sees.</exception>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), what, timeout, cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> (a call to a process, say) returns true, asking every few milliseconds.</summary>
    /// <param name="condition">What should become true.</param>
    /// <param name="what">Says what is awaited, for the exception.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">It did not hold in time; the message says what each node sees.</exception>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? _options.Timeout;
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (!await condition().ConfigureAwait(false))
        {
            if (Environment.TickCount64 >= deadline)
            {
                throw new TimeoutException($"{what}: not within {limit.TotalSeconds:0.###} s. {Describe()}");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Who sees whom, one line per node, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var member in _members)
            {
                text.Append(member.Name).Append(member.Node is { } node ? $" sees [{string.Join(", ", node.Nodes.Order(StringComparer.Ordinal))}]" : " is down").Append("; ");
            }
        }

        return text.ToString().TrimEnd(' ', ';');
    }

    /// <summary>Stops the faults and every node still running.</summary>
    public async ValueTask DisposeAsync()
    {
        Heal();
        var nodes = Nodes;
        lock (_gate)
        {
            foreach (var member in _members)
            {
                member.Node = null;
            }
        }

        await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    Member NewMember()
    {
        lock (_gate)
        {
            var member = new Member(_members.Count, $"{_options.NamePrefix}{_members.Count + 1}@{_options.Host}");
            _members.Add(member);
            return member;
        }
    }

    async Task<Node> StartMemberAsync(Member member, bool connect)
    {
        var options = new NodeOptions
        {
            Name = member.Name,
            Cookie = _options.Cookie,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        options.Distribution.UsePortMapper = false;
        options.Distribution.StartPortMapper = false;
        _options.ConfigureNode?.Invoke(member.Index, options);
        options.Distribution.Transport = _network.Transport;   // after the user's configuration: the cluster is in memory
        var node = await Node.StartAsync(options).ConfigureAwait(false);
        lock (_gate)
        {
            member.Node = node;
        }

        if (connect)
        {
            foreach (var other in Nodes.Where(n => !ReferenceEquals(n, node)))
            {
                await node.ConnectAsync(other.Name).ConfigureAwait(false);
            }
        }

        return node;
    }

    Member Of(Node node) =>
        _members.FirstOrDefault(m => ReferenceEquals(m.Node, node)) ?? throw new ArgumentException($"{node.Name} is not a running node of this cluster", nameof(node));

    static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    sealed class Member(int index, string name)
    {
        public int Index { get; } = index;

        public string Name { get; } = name;

        public Node? Node { get; set; }
    }
}
