using System.Net;
using System.Net.Sockets;

namespace Typed.Distribution.Transport;

/// <summary>The default carrier (Erlang's <c>inet_tcp_dist</c>): TCP with Nagle off.</summary>
public sealed class TcpTransport : IDistributionTransport
{
    /// <summary>The one instance; it holds no state.</summary>
    public static TcpTransport Instance { get; } = new();

    TcpTransport()
    {
    }

    /// <inheritdoc />
    public bool NeedsAddresses => true;

    /// <inheritdoc />
    public ValueTask<IDistributionListener> ListenAsync(string localNode, EndPoint endpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ip = endpoint as IPEndPoint ?? throw new ArgumentException("TCP listens on an IPEndPoint", nameof(endpoint));
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(ip);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new(new Listener(socket));
    }

    /// <inheritdoc />
    public async ValueTask<TransportConnection> ConnectAsync(string localNode, string remoteNode, EndPoint? endpoint, CancellationToken cancellationToken)
    {
        var ip = endpoint as IPEndPoint ?? throw new ArgumentException("TCP dials an IPEndPoint", nameof(endpoint));
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(ip, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot connect to {remoteNode} at {ip}: {ex.SocketErrorCode}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new StreamConnection(new NetworkStream(socket, ownsSocket: true), ip);
    }

    sealed class Listener(Socket socket) : IDistributionListener
    {
        public EndPoint LocalEndPoint { get; } = socket.LocalEndPoint!;

        public async ValueTask<TransportConnection?> AcceptAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Socket accepted;
                try
                {
                    accepted = await socket.AcceptAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
                {
                    return null;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    return null;
                }
                catch (SocketException)
                {
                    // A connection reset before it was accepted: take the next one.
                    continue;
                }

                accepted.NoDelay = true;
                return new StreamConnection(new NetworkStream(accepted, ownsSocket: true), accepted.RemoteEndPoint);
            }
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return default;
        }
    }
}
