namespace Typed.Testing;

/// <summary>How the nodes of a <see cref="TestCluster"/> reach each other.</summary>
public enum TestClusterTransport
{
    /// <summary>
    /// One in-memory network shared by the nodes (the default): every fault of the cluster works on it
    /// (partitions that hold, one-way cuts, latency, flapping, kills that look like a crash), and a
    /// <see cref="Simulation"/> can run it.
    /// </summary>
    InMemory,

    /// <summary>
    /// Real sockets on 127.0.0.1: each node listens on a free port and knows the others' addresses
    /// (<see cref="DistributionOptions.StaticAddresses"/>, no port mapper), except a node whose
    /// configuration turns <see cref="DistributionOptions.UsePortMapper"/> on: it is told no addresses
    /// and finds the others through the port mapper, as it asked. For what only sockets show:
    /// TLS, a raw client talking to a node's port, the port mapper, socket buffers. The network faults
    /// (<see cref="TestCluster.Partition"/>, <see cref="TestCluster.CutOneWay"/>, <see cref="TestCluster.SetLatency"/>,
    /// <see cref="TestCluster.Flap"/>, <see cref="TestCluster.Disconnect"/>) throw
    /// <see cref="NotSupportedException"/>: put a <see cref="FaultProxy"/> between two nodes instead.
    /// </summary>
    Tcp,
}
