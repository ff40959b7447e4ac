using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>Accepts the connections a transport receives for one node.</summary>
public interface IDistributionListener : IAsyncDisposable
{
    /// <summary>Where the listener accepts connections (an <see cref="IPEndPoint"/> for TCP).</summary>
    EndPoint LocalEndPoint { get; }

    /// <summary>Waits for the next connection; null once the listener is closed.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    ValueTask<TransportConnection?> AcceptAsync(CancellationToken cancellationToken);
}
