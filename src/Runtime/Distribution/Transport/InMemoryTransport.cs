using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>The transport of an <see cref="InMemoryNetwork"/>: nodes are found by name, bytes go through pipes.</summary>
internal sealed class InMemoryTransport(InMemoryNetwork network) : IDistributionTransport
{
    public bool NeedsAddresses => false;

    public ValueTask<IDistributionListener> ListenAsync(string localNode, EndPoint endpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(network.Listen(localNode));
    }

    public ValueTask<TransportConnection> ConnectAsync(string localNode, string remoteNode, EndPoint? endpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(network.Connect(localNode, remoteNode));
    }
}
