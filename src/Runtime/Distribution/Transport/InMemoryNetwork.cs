using System.Net;
using System.Threading.Channels;

namespace Typed.Distribution.Transport;

/// <summary>
/// A network inside one process: nodes started with <see cref="Transport"/> find each other by name and
/// exchange bytes through in-memory pipes, and a test injects faults between named nodes: refuse new
/// connections, drop live ones, hold the bytes going one way, add latency.
/// </summary>
/// <remarks>
/// Design note. Each connection is two one-way wires; a wire is a pipe the sender writes, a pump, and
/// a pipe the receiver reads. The pump is where faults act: a held wire stops forwarding (the sender's
/// pipe fills to its threshold and then applies backpressure, as a TCP window does), a delayed one
/// forwards each batch after the delay, a dropped connection fails both ends as a reset socket does.
/// Faults are kept per ordered pair of node names and apply to connections made later too.
/// </remarks>
public sealed class InMemoryNetwork
{
    readonly object _gate = new();
    readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);
    readonly List<Link> _links = [];
    readonly HashSet<(string, string)> _refused = [];
    readonly Dictionary<(string From, string To), (TimeSpan Delay, TimeSpan Jitter)> _delays = [];
    readonly Random _random;
    readonly Dictionary<(string From, string To), TaskCompletionSource> _holds = [];

    /// <summary>Creates an empty network.</summary>
    public InMemoryNetwork()
        : this(null)
    {
    }

    /// <summary>Creates an empty network whose jitter is drawn from a generator seeded with <paramref name="seed"/> (random when null).</summary>
    /// <param name="seed">The seed of the jitter's random numbers.</param>
    public InMemoryNetwork(int? seed)
    {
        _random = seed is { } s ? new Random(s) : new Random();
        Transport = new InMemoryTransport(this);
    }

    /// <summary>The transport nodes on this network use: set it as <see cref="DistributionOptions.Transport"/>.</summary>
    public IDistributionTransport Transport { get; }

    /// <summary>How many connections are open on this network.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Refuses new connections between <paramref name="a"/> and <paramref name="b"/>, either way, until <see cref="Allow"/>.</summary>
    /// <param name="a">A node's full name.</param>
    /// <param name="b">Another node's full name.</param>
    public void Refuse(string a, string b)
    {
        lock (_gate)
        {
            _refused.Add(Ordered(a, b));
        }
    }

    /// <summary>Lets <paramref name="a"/> and <paramref name="b"/> connect again.</summary>
    /// <param name="a">A node's full name.</param>
    /// <param name="b">Another node's full name.</param>
    public void Allow(string a, string b)
    {
        lock (_gate)
        {
            _refused.Remove(Ordered(a, b));
        }
    }

    /// <summary>Drops every live connection between <paramref name="a"/> and <paramref name="b"/>, as a reset would.</summary>
    /// <param name="a">A node's full name.</param>
    /// <param name="b">Another node's full name.</param>
    /// <returns>How many connections were dropped.</returns>
    public int Disconnect(string a, string b)
    {
        List<Link> dropped;
        lock (_gate)
        {
            dropped = _links.Where(l => (l.Dialler == a && l.Acceptor == b) || (l.Dialler == b && l.Acceptor == a)).ToList();
        }

        foreach (var link in dropped)
        {
            link.Reset();
        }

        return dropped.Count;
    }

    /// <summary>Holds the bytes <paramref name="from"/> sends to <paramref name="to"/> (they wait, undelivered) until <see cref="Release"/>.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    public void Hold(string from, string to)
    {
        lock (_gate)
        {
            if (!_holds.ContainsKey((from, to)))
            {
                _holds[(from, to)] = new TaskCompletionSource(SimulationContext.SourceOptions);
            }
        }
    }

    /// <summary>Delivers what was held from <paramref name="from"/> to <paramref name="to"/>, and what follows.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    public void Release(string from, string to)
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            _holds.Remove((from, to), out hold);
        }

        hold?.TrySetResult();
    }

    /// <summary>Adds <paramref name="delay"/> to every batch of bytes <paramref name="from"/> sends to <paramref name="to"/>; zero removes it.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <param name="delay">The latency to add.</param>
    public void SetDelay(string from, string to, TimeSpan delay) => SetDelay(from, to, delay, TimeSpan.Zero);

    /// <summary>
    /// Adds <paramref name="delay"/> plus up to <paramref name="jitter"/> more (drawn anew for each batch)
    /// to every batch of bytes <paramref name="from"/> sends to <paramref name="to"/>; batches keep their
    /// order, as on one TCP connection. Both zero remove it.
    /// </summary>
    /// <param name="from">The sending node.</param>
    /// <param name="to">The receiving node.</param>
    /// <param name="delay">The latency to add.</param>
    /// <param name="jitter">The most to add on top, at random.</param>
    public void SetDelay(string from, string to, TimeSpan delay, TimeSpan jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, TimeSpan.Zero);
        lock (_gate)
        {
            if (delay == TimeSpan.Zero && jitter == TimeSpan.Zero)
            {
                _delays.Remove((from, to));
            }
            else
            {
                _delays[(from, to)] = (delay, jitter);
            }
        }
    }

    /// <summary>Cuts every node of <paramref name="side"/> off from every node of <paramref name="other"/>: live connections drop, new ones are refused until healed.</summary>
    /// <param name="side">Node names on one side.</param>
    /// <param name="other">Node names on the other.</param>
    public void Partition(IEnumerable<string> side, IEnumerable<string> other)
    {
        var pairs = side.SelectMany(a => other.Select(b => (a, b))).ToList();
        foreach (var (a, b) in pairs)
        {
            Refuse(a, b);
        }

        foreach (var (a, b) in pairs)
        {
            Disconnect(a, b);
        }
    }

    /// <summary>Removes every fault: connections are allowed, held bytes flow, delays go.</summary>
    public void Heal()
    {
        List<TaskCompletionSource> holds;
        lock (_gate)
        {
            _refused.Clear();
            _delays.Clear();
            holds = [.. _holds.Values];
            _holds.Clear();
        }

        holds.ForEach(h => h.TrySetResult());
    }

    static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    internal Listener Listen(string node)
    {
        lock (_gate)
        {
            if (_listeners.ContainsKey(node))
            {
                throw new IOException($"{node} already listens on this network");
            }

            var listener = new Listener(this, node);
            _listeners[node] = listener;
            return listener;
        }
    }

    internal TransportConnection Connect(string from, string to)
    {
        Listener? listener;
        Link link;
        lock (_gate)
        {
            if (_refused.Contains(Ordered(from, to)))
            {
                throw new IOException($"connection refused: {from} and {to} are cut off from each other");
            }

            if (!_listeners.TryGetValue(to, out listener))
            {
                throw new IOException($"connection refused: no node {to} listens on this network");
            }

            link = new Link(this, from, to);
            _links.Add(link);
        }

        if (!listener.Offer(link.AcceptorEnd))
        {
            link.Reset();
            throw new IOException($"connection refused: {to} stopped listening");
        }

        link.Start();
        return link.DiallerEnd;
    }

    internal void Remove(Link link)
    {
        lock (_gate)
        {
            _links.Remove(link);
        }
    }

    internal void Unlisten(Listener listener)
    {
        lock (_gate)
        {
            if (_listeners.TryGetValue(listener.Node, out var current) && ReferenceEquals(current, listener))
            {
                _listeners.Remove(listener.Node);
            }
        }
    }

    /// <summary>The wait before forwarding bytes from → to: a hold, then a delay.</summary>
    internal async ValueTask GateAsync(string from, string to, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? hold;
            TimeSpan delay;
            lock (_gate)
            {
                hold = _holds.TryGetValue((from, to), out var h) ? h.Task : null;
                var (fixedDelay, jitter) = _delays.GetValueOrDefault((from, to));
                delay = jitter > TimeSpan.Zero ? fixedDelay + (jitter * _random.NextDouble()) : fixedDelay;
            }

            if (hold is not null)
            {
                await hold.WaitAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
                continue;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, SimulationContext.Clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }

            return;
        }
    }

    internal sealed class Listener(InMemoryNetwork network, string node) : IDistributionListener
    {
        readonly Channel<TransportConnection> _pending = Channel.CreateUnbounded<TransportConnection>();

        public string Node => node;

        public EndPoint LocalEndPoint { get; } = new InMemoryEndPoint(node);

        public bool Offer(TransportConnection connection) => _pending.Writer.TryWrite(connection);

        public async ValueTask<TransportConnection?> AcceptAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _pending.Reader.ReadAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            network.Unlisten(this);
            _pending.Writer.TryComplete();
            return default;
        }
    }
}
