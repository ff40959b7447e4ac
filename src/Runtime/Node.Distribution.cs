using System.Net;
using System.Net.Sockets;
using Typed.Distribution.Discovery;
using Typed.Distribution.Kernel;
using Typed.CompilerServices;
using Typed.Processes;

namespace Typed;

/// <summary>Distribution: other nodes, connections to them, and spawning on them.</summary>
public sealed partial class Node
{
    /// <summary>The distribution kernel; null when the node has no cookie (not distributed).</summary>
    internal NetKernel? Kernel => Router.Kernel;

    /// <summary>Where this node listens for other nodes over TCP; null when it is not distributed or uses another transport.</summary>
    public IPEndPoint? DistributionEndpoint => Kernel?.Endpoint as IPEndPoint;

    /// <summary>The visible nodes this node is connected to (Erlang's <c>nodes()</c>), sorted by name.</summary>
    public IReadOnlyCollection<string> Nodes => Kernel?.VisibleNodes ?? [];

    /// <summary>
    /// This node's view of its cluster: the expected nodes (<see cref="NodeOptions.Cluster"/>), those
    /// connected and missing, and joins, leaves, partitions and heals as they happen.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node is not distributed (no <see cref="NodeOptions.Cookie"/>).</exception>
    public ClusterMembership Cluster => _cluster ?? throw new InvalidOperationException($"Node {Name} is not distributed: set NodeOptions.Cookie");

    ClusterMembership? _cluster;

    /// <summary>Whether a connection to <paramref name="node"/> (visible or hidden) is up now; no dial.</summary>
    internal bool IsConnected(string node) => Kernel?.IsConnected(node) ?? false;

    /// <summary>The hidden nodes this node is connected to (Erlang's <c>nodes(hidden)</c>).</summary>
    public IReadOnlyCollection<string> HiddenNodes => Kernel?.HiddenNodes ?? [];

    /// <summary>
    /// Connects to <paramref name="node"/> (Erlang's <c>net_kernel:connect_node/1</c>): the handshake
    /// runs if there is no connection yet.
    /// </summary>
    /// <param name="node">The node's full name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when connected; false when the node cannot be reached or refuses (wrong cookie).</returns>
    public async Task<bool> ConnectAsync(string node, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (node == Name)
        {
            return true;
        }

        return Kernel is { } kernel && await kernel.ConnectAsync(node, cancellationToken).ConfigureAwait(SimulationContext.Capture) is not null;
    }

    /// <summary>Erlang's <c>net_adm:ping/1</c>: true (pong) when <paramref name="node"/> is or can be connected, false (pang) otherwise.</summary>
    /// <param name="node">The node's full name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<bool> PingAsync(string node, CancellationToken cancellationToken = default) => ConnectAsync(node, cancellationToken);

    /// <summary>Closes the connection to <paramref name="node"/> (Erlang's <c>disconnect_node/1</c>); NodeDown follows.</summary>
    /// <param name="node">The node's full name.</param>
    /// <returns>Whether there was a connection.</returns>
    public bool Disconnect(string node) => Kernel?.Disconnect(node) ?? false;

    /// <summary>
    /// Observes connections to visible nodes coming up and going down (Erlang's
    /// <c>net_kernel:monitor_nodes/1</c>). A process subscribes with <see cref="ProcessContext.MonitorNodes"/> instead.
    /// </summary>
    /// <param name="up">Called with each NodeUp.</param>
    /// <param name="down">Called with each NodeDown and its reason.</param>
    /// <returns>Disposing it stops the observation.</returns>
    public IDisposable MonitorNodes(Action<NodeUp>? up, Action<NodeDown>? down) =>
        Kernel?.MonitorNodes(up, down) ?? throw new InvalidOperationException($"Node {Name} is not distributed: set NodeOptions.Cookie");

    /// <summary>
    /// Spawns a process of behaviour <typeparamref name="T"/> on <paramref name="node"/> (Erlang's
    /// <c>spawn/2</c> on a node): the behaviour goes by its generated id, its dependencies come from
    /// that node's services.
    /// </summary>
    /// <typeparam name="T">A <c>[Process]</c> class known to both nodes.</typeparam>
    /// <param name="node">The node's full name.</param>
    /// <param name="options">A name to register there; link and monitor need a spawning process (<see cref="ProcessContext.SpawnOn{T}(string, SpawnOptions?, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <exception cref="NodeDownException">The node cannot be reached.</exception>
    /// <exception cref="RemoteSpawnException">The node refused.</exception>
    public ValueTask<ProcessRef<T>> SpawnOn<T>(string node, SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T> => SpawnOnCore<T>(node, null, options, null, cancellationToken);

    /// <summary>Spawns on <paramref name="node"/> with start arguments for the behaviour's init hook.</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="node">The node's full name.</param>
    /// <param name="args">The behaviour's generated <c>StartArgs</c>.</param>
    /// <param name="options">A name to register there.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public ValueTask<ProcessRef<T>> SpawnOn<T>(string node, IStartArgs<T> args, SpawnOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(args);
        return SpawnOnCore<T>(node, args, options, null, cancellationToken);
    }

    internal async ValueTask<ProcessRef<T>> SpawnOnCore<T>(string node, object? args, SpawnOptions? options, ProcessCell? parent, CancellationToken cancellationToken)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (node == Name)
        {
            return SpawnCore<T>(args, options, parent);
        }

        if (parent is null && options is { Link: true } or { Monitor: true })
        {
            throw new InvalidOperationException("Only a process can link to or monitor what it spawns: spawn from its ProcessContext");
        }

        var pid = await Router.SpawnAsync(node, T.Descriptor, args, options, parent, afterInit: false, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return new ProcessRef<T>(new ProcessAddress(this, pid));
    }

    /// <summary>A node went down: links fire and monitors report <c>noconnection</c>; its monitors on local processes go.</summary>
    internal void PeerDown(string node)
    {
        foreach (var cell in _processes.Values)
        {
            cell.PeerDown(node);
        }
    }

    async Task StartDistributionAsync(CancellationToken cancellationToken)
    {
        if (Options.Cookie is not { } cookie)
        {
            return;
        }

        if (Name == "nonode@nohost")
        {
            throw new ArgumentException("A distributed node needs a name of its own (name@host); nonode@nohost takes no part in distribution");
        }

        var distribution = Options.Distribution;
        if (distribution.MaxFrameSize < Distribution.Protocol.Handshake.Greeting.MinMaxFrame)
        {
            // Peers refuse a Hello announcing less: say so here, not in every handshake.
            throw new ArgumentException($"DistributionOptions.MaxFrameSize must be at least {Distribution.Protocol.Handshake.Greeting.MinMaxFrame} bytes");
        }

        var kernel = await NetKernel.StartAsync(Name, Creation, distribution, cookie, Log, Router, Router.PeerDown, Router.Origin, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        Router.Attach(kernel);
        if (!distribution.UsePortMapper || !kernel.NeedsAddresses || kernel.Endpoint is not IPEndPoint endpoint)
        {
            return;
        }

        var (shortName, host) = SplitName(Name);
        _portMapper = await PortMapper.StartAsync(
            new PortMapperOptions
            {
                Address = await HostAddressAsync(host, cancellationToken).ConfigureAwait(SimulationContext.Capture),
                Port = distribution.PortMapperPort,
                ShortName = shortName,
                ListenPort = endpoint.Port,
                Hidden = distribution.Hidden,
                StartEmbedded = distribution.StartPortMapper,
            },
            Log,
            cancellationToken).ConfigureAwait(SimulationContext.Capture);
        var mapper = _portMapper;
        kernel.Resolver = async (node, ct) =>
        {
            var (peer, peerHost) = SplitName(node);
            var address = await HostAddressAsync(peerHost, ct).ConfigureAwait(SimulationContext.Capture);
            return await mapper.LookupAsync(peer, address, ct).ConfigureAwait(SimulationContext.Capture) is { } port ? new IPEndPoint(address, port) : null;
        };
    }

    async Task StopDistributionAsync()
    {
        if (Kernel is { } kernel)
        {
            await kernel.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }

        if (_portMapper is { } mapper)
        {
            await mapper.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }
    }

    PortMapper? _portMapper;

    static (string ShortName, string Host) SplitName(string node)
    {
        var at = node.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || at == node.Length - 1
            ? throw new ArgumentException($"'{node}' is not a node name (name@host)", nameof(node))
            : (node[..at], node[(at + 1)..]);
    }

    /// <summary>The address of a node name's host part: an IP literal as is, else the first IPv4 address DNS gives.</summary>
    static async Task<IPAddress> HostAddressAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new ArgumentException($"The host '{host}' has no address");
    }
}
