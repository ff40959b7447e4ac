namespace Typed.Testing;

/// <summary>How a <see cref="TestCluster"/> starts its nodes.</summary>
public sealed class TestClusterOptions
{
    /// <summary>How many nodes start with the cluster (default 3).</summary>
    public int Nodes { get; set; } = 3;

    /// <summary>The first part of every node's name: nodes are <c>{NamePrefix}1@{Host}</c>, <c>{NamePrefix}2@{Host}</c>, ...</summary>
    public string NamePrefix { get; set; } = "node";

    /// <summary>
    /// The host part of every node's name. On the in-memory network nothing listens on it; over
    /// <see cref="TestClusterTransport.Tcp"/> the nodes listen on 127.0.0.1 whatever it says.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>How the nodes reach each other: one in-memory network (the default, with every fault) or TCP on 127.0.0.1.</summary>
    public TestClusterTransport Transport { get; set; } = TestClusterTransport.InMemory;

    /// <summary>The cookie every node shares.</summary>
    public string Cookie { get; set; } = "typed-test-cluster";

    /// <summary>
    /// Connects every node to every other before <see cref="TestCluster.StartAsync(TestClusterOptions, CancellationToken)"/>
    /// returns, and a restarted or added node to the live ones (default true).
    /// </summary>
    public bool Connect { get; set; } = true;

    /// <summary>How long the cluster's waits wait by default (default 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Called for each node before it starts, with its index (from 0, kept across restarts) and its
    /// options (name and cookie already set; a name set here replaces the cluster's): services, tick
    /// time, timeouts, TLS. On the in-memory network the cluster sets the transport after it; over TCP
    /// the node keeps what it sets, and the cluster adds the other nodes' addresses once it listens.
    /// </summary>
    public Action<int, NodeOptions>? ConfigureNode { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Nodes);
        ArgumentException.ThrowIfNullOrWhiteSpace(NamePrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(Cookie);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero);
        if (!Enum.IsDefined(Transport))
        {
            throw new ArgumentOutOfRangeException(nameof(Transport), Transport, "not a TestClusterTransport");
        }
    }
}
