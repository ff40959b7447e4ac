using System.IO.Pipelines;
using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>
/// One carrier connection: a duplex byte pipe and the remote end's address. Disposing it closes the
/// carrier; the reading side then completes.
/// </summary>
public abstract class TransportConnection : IAsyncDisposable
{
    /// <summary>The bytes from the peer (<see cref="IDuplexPipe.Input"/>) and to it (<see cref="IDuplexPipe.Output"/>).</summary>
    public abstract IDuplexPipe Transport { get; }

    /// <summary>The remote end, as the transport names it (for logs and per-source limits).</summary>
    public abstract EndPoint? RemoteEndPoint { get; }

    /// <summary>Closes the carrier.</summary>
    public abstract ValueTask DisposeAsync();
}
