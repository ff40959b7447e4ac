using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Typed;

/// <summary>
/// How a node takes part in distribution. A node is distributed when its <see cref="NodeOptions.Cookie"/>
/// is set; these settings then say where it listens and how it finds and watches its peers.
/// </summary>
public sealed class DistributionOptions
{
    /// <summary>The address the node listens on for other nodes (default: loopback).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The port the node listens on; zero (the default) takes a free one and registers it with the port mapper.</summary>
    public int ListenPort { get; set; }

    /// <summary>Whether nodes are found through an EPMD port mapper (default). Otherwise <see cref="StaticAddresses"/> is the only source.</summary>
    public bool UsePortMapper { get; set; } = true;

    /// <summary>The port mapper's port on every host (Erlang's 4369).</summary>
    public int PortMapperPort { get; set; } = 4369;

    /// <summary>Start a port mapper inside this process when none answers (default), as Erlang starts <c>epmd</c>.</summary>
    public bool StartPortMapper { get; set; } = true;

    /// <summary>
    /// Node names and where they listen, consulted before the port mapper (or instead of it). A running
    /// node reads it each time it dials, so entries added later (a peer that moved) are used; it is safe
    /// to change while nodes dial.
    /// </summary>
    public IDictionary<string, IPEndPoint> StaticAddresses { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, IPEndPoint>(StringComparer.Ordinal);

    /// <summary>
    /// Erlang's <c>net_ticktime</c>: a tick goes out every quarter of it when nothing else does, and a
    /// peer silent for this long is disconnected (default 60 s).
    /// </summary>
    public TimeSpan TickTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a connection may take to complete its handshake (Erlang's <c>net_setuptime</c>; default 7 s).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// The largest frame accepted from a peer, checked before it is buffered (default 64 MiB; at least
    /// 1 KiB). It is announced in the handshake, so a peer fails a larger message at its own end with
    /// <see cref="MessageTooLargeException"/> instead of sending it. Frames over 64 KiB travel in pieces
    /// that other messages go between.
    /// </summary>
    public int MaxFrameSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// How many frames may wait to be written to one peer before the connection is busy (default 65,536):
    /// a process that sends to it waits for room before its next message, and
    /// <see cref="Node.SendAsync(Pid, object, CancellationToken)"/> waits too. Nothing is dropped: a peer
    /// that lets sixteen times this many pile up is disconnected, so links, monitors and calls say so.
    /// </summary>
    public int OutgoingQueueLimit { get; set; } = 1 << 16;

    /// <summary>
    /// How many handshakes may be under way at once (default 64). Beyond that, new connections are
    /// closed before a byte is read, so unauthenticated peers cannot tie the node up.
    /// </summary>
    public int MaxPendingHandshakes { get; set; } = 64;

    /// <summary>A hidden node: not in its peers' <c>Nodes</c>, and never meshed (Erlang's <c>-hidden</c>).</summary>
    public bool Hidden { get; set; }

    /// <summary>Connect to the nodes a new peer is connected to, so visible nodes form a full mesh (Erlang's <c>connect_all</c>; default on).</summary>
    public bool FullMesh { get; set; } = true;

    /// <summary>
    /// The carrier connections travel on: TCP (the default) or another transport, such as an
    /// <see cref="Distribution.Transport.InMemoryNetwork"/>'s for tests. <see cref="Tls"/>, when set, is layered over it.
    /// </summary>
    public Distribution.Transport.IDistributionTransport Transport { get; set; } = Distribution.Transport.TcpTransport.Instance;

    /// <summary>TLS for every distribution connection, with mutual certificate validation; null for plain TCP.</summary>
    public DistributionTls? Tls { get; set; }
}

/// <summary>TLS on distribution connections: each side shows its certificate and checks the other's.</summary>
public sealed class DistributionTls
{
    /// <summary>Creates the TLS settings.</summary>
    /// <param name="certificate">This node's certificate, with its private key; used both to accept and to connect.</param>
    /// <param name="trustedRoots">The authorities a peer's certificate must chain to. Empty: the system's trust store.</param>
    public DistributionTls(X509Certificate2 certificate, X509Certificate2Collection? trustedRoots = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The node's certificate needs its private key", nameof(certificate));
        }

        Certificate = certificate;
        TrustedRoots = trustedRoots ?? [];
    }

    /// <summary>This node's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The authorities a peer's certificate must chain to.</summary>
    public X509Certificate2Collection TrustedRoots { get; }
}
