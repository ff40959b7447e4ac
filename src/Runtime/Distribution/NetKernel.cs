using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Typed.Distribution.Connections;
using Typed.Distribution.Handshake;
using Typed.Distribution.Transport;

namespace Typed.Distribution;

/// <summary>
/// Owns a node's connections (Erlang's <c>net_kernel</c>): listens, dials, runs handshakes, keeps one
/// connection per peer, announces NodeUp/NodeDown, completes the mesh, and routes what processes
/// send to other nodes.
/// </summary>
/// <remarks>
/// Design note. Per peer there is one slot under the kernel's lock: the live connection, whether a
/// dial is under way, who waits for it, and frames sent before it came up (auto-connect queues them,
/// and drops them if the connection cannot be made, as Erlang does). The read loops hand frames to
/// <see cref="Receive"/>; everything a frame does to a local process goes through the same cell
/// methods local signals use.
/// </remarks>
internal sealed partial class NetKernel : IAsyncDisposable
{
    readonly Dictionary<string, PeerSlot> _peers = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    Socket? _listener;
    long _nextCall;

    NetKernel(Node node, DistributionOptions options, string cookie)
    {
        Node = node;
        Options = options;
        Cookie = Encoding.UTF8.GetBytes(cookie);
        Log = node.Log;
        Flags = options.Hidden ? Handshake.Handshake.FlagHidden : 0;
    }

    public Node Node { get; }

    public DistributionOptions Options { get; }

    public byte[] Cookie { get; }

    public ILogger Log { get; }

    public ulong Flags { get; }

    /// <summary>Where this node listens.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Finds where a node listens: static addresses first, then the port mapper.</summary>
    public Func<string, CancellationToken, Task<IPEndPoint?>>? Resolver { get; set; }

    public static async Task<NetKernel> StartAsync(Node node, DistributionOptions options, string cookie, CancellationToken cancellationToken)
    {
        var kernel = new NetKernel(node, options, cookie);
        var listener = new Socket(options.ListenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(options.ListenAddress, options.ListenPort));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        kernel._listener = listener;
        kernel.Endpoint = (IPEndPoint)listener.LocalEndPoint!;
        kernel.Log.Listening(node.Name, kernel.Endpoint.ToString());
        _ = kernel.AcceptLoopAsync();
        await Task.CompletedTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return kernel;
    }

    /// <summary>The visible nodes this node is connected to (Erlang's <c>nodes()</c>).</summary>
    public IReadOnlyCollection<string> VisibleNodes => Connected(hidden: false);

    /// <summary>The hidden nodes this node is connected to (Erlang's <c>nodes(hidden)</c>).</summary>
    public IReadOnlyCollection<string> HiddenNodes => Connected(hidden: true);

    IReadOnlyCollection<string> Connected(bool hidden)
    {
        lock (_peers)
        {
            return _peers.Values
                .Where(p => p.Connection is { } c && c.PeerHidden == hidden)
                .Select(p => p.Connection!.Peer)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
        }
    }

    /// <summary>The connection to <paramref name="node"/>, dialling it if needed; null when it cannot be made.</summary>
    public async Task<Connection?> ConnectAsync(string node, CancellationToken cancellationToken)
    {
        if (node == Node.Name)
        {
            return null;
        }

        Task<Connection?> waiting;
        var dial = false;
        lock (_peers)
        {
            var slot = Slot(node);
            if (slot.Connection is { } up)
            {
                return up;
            }

            slot.Waiting ??= new TaskCompletionSource<Connection?>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = slot.Waiting.Task;
            if (!slot.Dialling && !slot.Accepting)
            {
                slot.Dialling = dial = true;
            }
        }

        if (dial)
        {
            _ = DialAsync(node);
        }

        try
        {
            // A dial answered nok waits for the peer's own connection, which has its own handshake time.
            return await waiting.WaitAsync(Options.HandshakeTimeout * 2, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Closes the connection to <paramref name="node"/>, if any (Erlang's <c>disconnect_node</c>).</summary>
    public bool Disconnect(string node)
    {
        Connection? connection;
        lock (_peers)
        {
            connection = _peers.GetValueOrDefault(node)?.Connection;
        }

        connection?.Close("disconnect");
        return connection is not null;
    }

    async Task DialAsync(string node)
    {
        Connection? connection = null;
        var refusedNok = false;
        try
        {
            if (IsBlocked(node))
            {
                throw new HandshakeException("blocked: " + node + " is cut off from this node");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(Options.HandshakeTimeout);
            var endpoint = await ResolveAsync(node, timeout.Token).ConfigureAwait(false)
                ?? throw new HandshakeException("no address known for " + node);
            var stream = await TcpTransport.ConnectAsync(endpoint, Options.Tls, timeout.Token).ConfigureAwait(false);
            connection = new Connection(this, stream, outgoing: true);
            await Handshake.Handshake.ConnectAsync(connection, this, node, timeout.Token).ConfigureAwait(false);
            Register(connection);
            return;
        }
        catch (HandshakeRefusedException ex) when (ex.Status is Handshake.Handshake.Status.Nok or Handshake.Handshake.Status.Alive)
        {
            // The other connection between us wins; the slot's waiters get it when it registers.
            refusedNok = true;
            Log.HandshakeEnded(node, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = ex is OperationCanceledException ? "handshake timed out" : ex.Message;
            Log.ConnectFailed(node, reason);
            FailDial(node, reason);
        }
        finally
        {
            if (connection is not null && !ReferenceEquals(PeerConnection(node), connection))
            {
                connection.DisposeQuietly();
            }
        }

        if (refusedNok)
        {
            lock (_peers)
            {
                Slot(node).Dialling = false;
            }
        }
    }

    async Task<IPEndPoint?> ResolveAsync(string node, CancellationToken cancellationToken)
    {
        if (Options.StaticAddresses.TryGetValue(node, out var known))
        {
            return known;
        }

        return Resolver is null ? null : await Resolver(node, cancellationToken).ConfigureAwait(false);
    }

    async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = AcceptOneAsync(socket);
        }
    }

    async Task AcceptOneAsync(Socket socket)
    {
        Connection? connection = null;
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        string? accepting = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(Options.HandshakeTimeout);
            var stream = await TcpTransport.AcceptAsync(socket, Options.Tls, timeout.Token).ConfigureAwait(false);
            connection = new Connection(this, stream, outgoing: false);
            await Handshake.Handshake.AcceptAsync(
                connection,
                this,
                hello =>
                {
                    var status = Decide(hello);
                    accepting = status == Handshake.Handshake.Status.Ok ? hello.Name : null;
                    return status;
                },
                timeout.Token).ConfigureAwait(false);
            Register(connection);
        }
        catch (HandshakeRefusedException ex)
        {
            Log.HandshakeEnded(ex.Message, "refused");
            connection?.DisposeQuietly();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (accepting is not null)
            {
                AcceptFailed(accepting);
            }

            var reason = ex is OperationCanceledException ? "handshake timed out" : ex.Message;
            Log.HandshakeFailed(connection is { Peer.Length: > 0 } c ? c.Peer : peer, reason);
            if (connection is not null)
            {
                connection.DisposeQuietly();
            }
            else
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>The Challenge status for a Hello: settles simultaneous connects and duplicates.</summary>
    byte Decide(Greeting hello)
    {
        if (_stopping.IsCancellationRequested || hello.Name == Node.Name || IsBlocked(hello.Name))
        {
            return Handshake.Handshake.Status.NotAllowed;
        }

        Connection? stale = null;
        byte status;
        lock (_peers)
        {
            var slot = Slot(hello.Name);
            if (slot.Connection is { } up)
            {
                if (up.PeerCreation == hello.Creation)
                {
                    return Handshake.Handshake.Status.Alive;
                }

                // A new incarnation of the peer: the old connection is dead, it just does not know yet.
                stale = up;
                status = Handshake.Handshake.Status.Ok;
            }
            else
            {
                status = slot.Dialling && string.CompareOrdinal(Node.Name, hello.Name) > 0
                    ? Handshake.Handshake.Status.Nok
                    : Handshake.Handshake.Status.Ok;
            }

            // While this handshake runs, this node does not dial the peer itself: two handshakes that
            // both complete would each keep a different connection and close the other's.
            slot.Accepting |= status == Handshake.Handshake.Status.Ok;
        }

        stale?.Close("replaced by a new incarnation of " + hello.Name);
        return status;
    }

    Connection? PeerConnection(string node)
    {
        lock (_peers)
        {
            return _peers.GetValueOrDefault(node)?.Connection;
        }
    }

    /// <summary>An accepted handshake that had said Ok failed: dial instead if anyone still waits for the peer.</summary>
    void AcceptFailed(string node)
    {
        var dial = false;
        lock (_peers)
        {
            var slot = Slot(node);
            slot.Accepting = false;
            if (slot.Connection is null && !slot.Dialling && (slot.Waiting is not null || slot.Backlog is { Count: > 0 }) && !_stopping.IsCancellationRequested)
            {
                slot.Dialling = dial = true;
            }
        }

        if (dial)
        {
            _ = DialAsync(node);
        }
    }

    PeerSlot Slot(string node)
    {
        if (!_peers.TryGetValue(node, out var slot))
        {
            slot = new PeerSlot();
            _peers[node] = slot;
        }

        return slot;
    }

    void FailDial(string node, string reason)
    {
        TaskCompletionSource<Connection?>? waiting;
        List<Framing.OutFrame>? backlog;
        lock (_peers)
        {
            var slot = Slot(node);
            slot.Dialling = false;
            if (slot.Connection is not null)
            {
                return;
            }

            waiting = slot.Waiting;
            slot.Waiting = null;
            backlog = slot.Backlog;
            slot.Backlog = null;
        }

        waiting?.TrySetResult(null);
        if (backlog is { Count: > 0 })
        {
            Log.MessageDropped(node, $"{backlog.Count} frames sent before the connection failed: {reason}");
        }

        NodeUnreachable(node, "noconnection: " + reason);
    }

    void Register(Connection connection)
    {
        TaskCompletionSource<Connection?>? waiting;
        lock (_peers)
        {
            var slot = Slot(connection.Peer);
            if (!connection.Outgoing)
            {
                slot.Accepting = false;
            }

            if (slot.Connection is not null || _stopping.IsCancellationRequested)
            {
                connection.DisposeQuietly();
                return;
            }

            // Frames sent while connecting go first, before anyone can see the connection: per-pair order.
            if (slot.Backlog is { } backlog)
            {
                foreach (var frame in backlog)
                {
                    connection.Enqueue(frame);
                }
            }

            slot.Connection = connection;
            slot.Dialling = false;
            waiting = slot.Waiting;
            slot.Waiting = null;
            slot.Backlog = null;
        }

        connection.Start();

        waiting?.TrySetResult(connection);
        Log.NodeUp(connection.Peer, connection.Outgoing ? "out" : "in");
        if (!connection.PeerHidden)
        {
            AnnounceUp(connection.Peer);
        }

        SharePeers(connection);
    }

    /// <summary>Called once by a connection when it closes.</summary>
    public void ConnectionClosed(Connection connection, string reason)
    {
        lock (_peers)
        {
            if (!_peers.TryGetValue(connection.Peer, out var slot) || !ReferenceEquals(slot.Connection, connection))
            {
                return;
            }

            slot.Connection = null;
        }

        Log.NodeDown(connection.Peer, reason);
        NodeUnreachable(connection.Peer, reason);
        if (!connection.PeerHidden)
        {
            AnnounceDown(connection.Peer, reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener?.Dispose();
        Connection[] connections;
        lock (_peers)
        {
            connections = [.. _peers.Values.Select(p => p.Connection).OfType<Connection>()];
        }

        foreach (var connection in connections)
        {
            connection.Close("node stopping");
        }

        await Task.WhenAll(connections.Select(c => c.Closed)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    /// <summary>One peer's state.</summary>
    sealed class PeerSlot
    {
        public Connection? Connection { get; set; }

        public bool Dialling { get; set; }

        /// <summary>An incoming handshake from the peer was answered Ok and has not finished.</summary>
        public bool Accepting { get; set; }

        public TaskCompletionSource<Connection?>? Waiting { get; set; }

        public List<Framing.OutFrame>? Backlog { get; set; }
    }
}
