namespace Typed.Testing;

// TestCluster: the faults it injects on its network, and healing them.
public sealed partial class TestCluster
{
    /// <summary>
    /// Cuts every node of <paramref name="side"/> off from every node of <paramref name="other"/>: their
    /// connections drop and new ones are refused until <see cref="Heal"/>. Nodes in neither list keep
    /// their connections to both sides.
    /// </summary>
    /// <param name="side">The nodes on one side.</param>
    /// <param name="other">The nodes on the other.</param>
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
    public void Partition(IEnumerable<Node> side, IEnumerable<Node> other)
    {
        RequireNetwork(nameof(Partition));
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
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
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
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
    public void CutOneWay(Node from, Node to)
    {
        RequireNetwork(nameof(CutOneWay));
        _network.Hold(from.Name, to.Name);
    }

    /// <summary>
    /// Adds <paramref name="latency"/>, plus up to <paramref name="jitter"/> more at random, to every batch
    /// of bytes <paramref name="from"/> sends to <paramref name="to"/> (order is kept); zero removes it.
    /// </summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <param name="latency">The delay to add, one way.</param>
    /// <param name="jitter">The most to add on top of it, drawn anew for each batch.</param>
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
    public void SetLatency(Node from, Node to, TimeSpan latency, TimeSpan jitter = default)
    {
        RequireNetwork(nameof(SetLatency));
        _network.SetDelay(from.Name, to.Name, latency, jitter);
    }

    /// <summary>
    /// Drops the connection between <paramref name="a"/> and <paramref name="b"/> every
    /// <paramref name="interval"/> (a flapping link; they reconnect on demand in between) until the
    /// returned handle is disposed or <see cref="Heal"/> is called.
    /// </summary>
    /// <param name="a">One node.</param>
    /// <param name="b">The other.</param>
    /// <param name="interval">How long each connection lives.</param>
    /// <returns>Stops the flapping when disposed; counts the connections it dropped.</returns>
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
    public Flapping Flap(Node a, Node b, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        RequireNetwork(nameof(Flap));
        var flapping = new Flapping(() => _network.Disconnect(a.Name, b.Name), interval);
        lock (_gate)
        {
            _flapping.Add(flapping);
        }

        return flapping;
    }

    /// <summary>Drops the live connection between two nodes, as a reset would; they may connect again at once.</summary>
    /// <returns>How many connections were dropped.</returns>
    /// <exception cref="NotSupportedException">The cluster runs over <see cref="TestClusterTransport.Tcp"/>.</exception>
    public int Disconnect(Node a, Node b)
    {
        RequireNetwork(nameof(Disconnect));
        return _network.Disconnect(a.Name, b.Name);
    }

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

    void RequireNetwork(string fault)
    {
        if (_options.Transport != TestClusterTransport.InMemory)
        {
            throw new NotSupportedException($"{fault} acts on the in-memory network; over TCP, put a FaultProxy between the nodes");
        }
    }
}
