using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>
/// The carrier under the distribution protocol (Erlang's <c>-proto_dist</c>): it listens and dials and
/// yields duplex byte pipes. TCP is the default; TLS is a layer over any transport; the in-memory
/// transport (<see cref="InMemoryNetwork"/>) joins nodes inside one process and injects faults.
/// </summary>
/// <remarks>
/// A transport moves bytes and nothing else: framing, the handshake and every decision about peers
/// belong to the layers above it. Connections it yields are not yet authenticated.
/// </remarks>
public interface IDistributionTransport
{
    /// <summary>
    /// Whether nodes must be found by address (static addresses, then the port mapper) before
    /// <see cref="ConnectAsync"/>; false when the transport finds a node by its name alone.
    /// </summary>
    bool NeedsAddresses { get; }

    /// <summary>Starts accepting connections for the node <paramref name="localNode"/>.</summary>
    /// <param name="localNode">The listening node's full name.</param>
    /// <param name="endpoint">Where to listen, for transports that need an address.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    ValueTask<IDistributionListener> ListenAsync(string localNode, EndPoint endpoint, CancellationToken cancellationToken);

    /// <summary>Dials the node <paramref name="remoteNode"/>.</summary>
    /// <param name="localNode">The dialling node's full name.</param>
    /// <param name="remoteNode">The node dialled.</param>
    /// <param name="endpoint">Where it listens, when <see cref="NeedsAddresses"/>; otherwise null.</param>
    /// <param name="cancellationToken">Gives up dialling.</param>
    /// <exception cref="IOException">The node cannot be reached or refused the connection.</exception>
    ValueTask<TransportConnection> ConnectAsync(string localNode, string remoteNode, EndPoint? endpoint, CancellationToken cancellationToken);
}
