using Typed.Distribution.Transport;

namespace Typed.Testing;

/// <summary>
/// Nodes in one process on an in-memory network (or on TCP over 127.0.0.1, <see cref="TestClusterOptions.Transport"/>), started with one call, with the faults a cluster meets:
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
public sealed partial class TestCluster : IAsyncDisposable
{
    readonly TestClusterOptions _options;
    readonly InMemoryNetwork _network = new(Simulation.Current?.Random.Next());
    readonly Lock _gate = new();
    readonly List<Member> _members = [];
    readonly HashSet<(string, string)> _cuts = [];
    readonly List<Flapping> _flapping = [];

    TestCluster(TestClusterOptions options)
    {
        _options = options;
        Simulation.Current?.Own(this);
    }

    /// <summary>The network the nodes share, for faults this class does not name (unused over <see cref="TestClusterTransport.Tcp"/>).</summary>
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
                await cluster.StartMemberAsync(cluster.NewMember(), connect: false).ConfigureAwait(SimulationContext.Capture);
            }

            if (options.Connect)
            {
                await cluster.ConnectAllAsync(cancellationToken: cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            throw;
        }
    }

    /// <summary>Starts one more node (the next index) and, as the options say, connects it to the live ones.</summary>
    /// <param name="configure">
    /// Called for this node's options after <see cref="TestClusterOptions.ConfigureNode"/>, again on each
    /// of its restarts: a hidden node, a node with other timeouts or services.
    /// </param>
    public Task<Node> AddNodeAsync(Action<NodeOptions>? configure = null) => StartMemberAsync(NewMember(configure), _options.Connect);

    /// <summary>
    /// Kills <paramref name="node"/> as a crashed OS process would die: every connection to it drops at
    /// once (the others see it down, links and monitors say <c>noconnection</c>), then it is stopped.
    /// <see cref="RestartAsync"/> starts a new incarnation under its name. Over
    /// <see cref="TestClusterTransport.Tcp"/> the node is only stopped: its processes' exits may reach
    /// their remote links before its connections close.
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
            await node.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
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
            await KillAsync(node).ConfigureAwait(SimulationContext.Capture);
        }

        return await StartMemberAsync(member, _options.Connect).ConfigureAwait(SimulationContext.Capture);
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

        await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(SimulationContext.Capture);
    }

    Member NewMember(Action<NodeOptions>? configure = null)
    {
        lock (_gate)
        {
            var member = new Member(_members.Count, $"{_options.NamePrefix}{_members.Count + 1}@{_options.Host}", configure);
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
        member.Configure?.Invoke(options);
        member.Name = options.Name;   // the configuration may name the node itself
        if (_options.Transport == TestClusterTransport.InMemory)
        {
            options.Distribution.Transport = _network.Transport;   // after the user's configuration: the cluster is in memory
        }

        var node = await Node.StartAsync(options).ConfigureAwait(SimulationContext.Capture);
        lock (_gate)
        {
            member.Node = node;
            member.Options = options;
            if (_options.Transport == TestClusterTransport.Tcp)
            {
                ShareAddresses();
            }
        }

        if (connect)
        {
            foreach (var other in Nodes.Where(n => !ReferenceEquals(n, node)))
            {
                await node.ConnectAsync(other.Name).ConfigureAwait(SimulationContext.Capture);
            }
        }

        return node;
    }

    /// <summary>
    /// Tells every live node where every other listens (a restarted node listens on a new port), but a
    /// node configured to use the port mapper, which finds them there. A node keeps the
    /// <see cref="DistributionOptions"/> it was started with and reads its static addresses when it
    /// dials, so adding to them reaches a running node.
    /// </summary>
    void ShareAddresses()
    {
        var live = _members.Where(m => m.Node is not null && m.Options is not null).ToList();
        foreach (var a in live.Where(m => !m.Options!.Distribution.UsePortMapper))
        {
            foreach (var b in live)
            {
                if (a != b && b.Node!.DistributionEndpoint is { } endpoint)
                {
                    a.Options!.Distribution.StaticAddresses[b.Name] = endpoint;
                }
            }
        }
    }

    Member Of(Node node) =>
        _members.FirstOrDefault(m => ReferenceEquals(m.Node, node)) ?? throw new ArgumentException($"{node.Name} is not a running node of this cluster", nameof(node));

    static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    sealed class Member(int index, string name, Action<NodeOptions>? configure)
    {
        public int Index { get; } = index;

        public string Name { get; set; } = name;

        public Action<NodeOptions>? Configure { get; } = configure;

        public Node? Node { get; set; }

        /// <summary>The options the running incarnation started with.</summary>
        public NodeOptions? Options { get; set; }
    }
}
