using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Typed.Distribution.Discovery;

/// <summary>
/// A port mapper inside a Typed process, speaking Erlang's EPMD protocol, for hosts where no <c>epmd</c> runs.
/// </summary>
/// <remarks>
/// Design note. Exchange: a client connects and sends one length-prefixed request.
/// ALIVE2_REQ registers a name for as long as that connection lives: the answer carries a creation
/// number and the connection stays open; when it closes, for any reason, the name is gone. PORT_PLEASE2_REQ
/// and NAMES_REQ are answered and the connection closed, as <c>epmd</c> does.
/// Invariants: a name is held by at most one live connection (a second ALIVE2 for it is refused and does
/// not disturb the first); creation numbers only increase, from a random start so a restarted mapper does
/// not hand a node its old incarnation's number; a request's length is checked against
/// <see cref="EpmdProtocol.MaxRequestLength"/> before its body is read, and the body must arrive within the
/// request timeout; anything malformed (bad length, unknown tag, bad fields, truncation, bytes after a
/// registration) closes that client's connection with a logged reason and touches nothing else.
/// Disposing closes every client connection, so every registration learns it is lost.
/// </remarks>
internal sealed partial class EmbeddedEpmd : IAsyncDisposable
{
    /// <summary>How long a client may take to send its whole request, when not told otherwise.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(5);

    readonly Socket _listener;
    readonly ILogger _logger;
    readonly TimeSpan _requestTimeout;
    readonly CancellationTokenSource _stop = new();
    readonly Lock _gate = new();
    readonly Dictionary<string, Holder> _names = new(StringComparer.Ordinal);
    readonly HashSet<Socket> _clients = [];
    readonly TaskCompletionSource _drained = new(SimulationContext.SourceOptions);
    uint _lastCreation;
    int _active;
    int _disposed;
    Task _acceptLoop = Task.CompletedTask;

    EmbeddedEpmd(Socket listener, ILogger logger, TimeSpan requestTimeout)
    {
        _listener = listener;
        _logger = logger;
        _requestTimeout = requestTimeout;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;

        // A random start below 2^30 leaves room to count up; 0..3 are what old nodes use.
        _lastCreation = (uint)Random.Shared.Next(4, 1 << 30);
    }

    /// <summary>Where the mapper listens (the actual port when started on port 0).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The names registered now, with their ports.</summary>
    public IReadOnlyList<(string Name, int Port)> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _names.Values.Select(h => (h.Entry.Name, h.Entry.Port))];
            }
        }
    }

    /// <summary>
    /// Starts a mapper on <paramref name="address"/>:<paramref name="port"/> (0 takes a free port), or returns
    /// null when the port is taken: someone else is the mapper.
    /// </summary>
    /// <exception cref="SocketException">The address cannot be bound for another reason than the port being taken.</exception>
    public static Task<EmbeddedEpmd?> TryStartAsync(IPAddress address, int port, ILogger logger, CancellationToken cancellationToken) =>
        TryStartAsync(address, port, logger, DefaultRequestTimeout, cancellationToken);

    /// <inheritdoc cref="TryStartAsync(IPAddress, int, ILogger, CancellationToken)"/>
    public static Task<EmbeddedEpmd?> TryStartAsync(
        IPAddress address, int port, ILogger logger, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        cancellationToken.ThrowIfCancellationRequested();

        // .NET sets SO_REUSEADDR (never SO_REUSEPORT) on Unix listeners by default: a restarted mapper can
        // bind despite its predecessor's TIME_WAIT connections, yet two live mappers can never share the port.
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(128);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            DiscoveryLog.MapperPortTaken(logger, address, port);
            return Task.FromResult<EmbeddedEpmd?>(null);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var mapper = new EmbeddedEpmd(listener, logger, requestTimeout);
        mapper._acceptLoop = mapper.AcceptLoopAsync();
        DiscoveryLog.EmbeddedMapperStarted(logger, mapper.EndPoint);
        return Task.FromResult<EmbeddedEpmd?>(mapper);
    }

    async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Transient (a client reset before accept, descriptors exhausted): keep serving the others.
                DiscoveryLog.AcceptFailed(_logger, EndPoint, e.SocketErrorCode, e);
                continue;
            }

            lock (_gate)
            {
                if (_stop.IsCancellationRequested)
                {
                    client.Dispose();
                    return;
                }

                _clients.Add(client);
                _active++;
            }

            _ = ServeAsync(client);
        }
    }

    /// <summary>Closes every connection (every registration is lost) and stops listening. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(SimulationContext.Capture);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(SimulationContext.Capture);
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            if (_active == 0)
            {
                _drained.TrySetResult();
            }
        }

        await _drained.Task.ConfigureAwait(SimulationContext.Capture);
        _stop.Dispose();
        DiscoveryLog.EmbeddedMapperStopped(_logger, EndPoint);
    }

    /// <summary>A registered name and the connection that holds it.</summary>
    sealed record Holder(EpmdNodeEntry Entry, uint Creation, Socket Connection);
}
