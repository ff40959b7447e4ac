using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Typed.Distribution.Connections;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;
using Typed.Distribution.Transport;

namespace Typed.Distribution.Kernel;

/// <summary>
/// Owns a node's peers (Erlang's <c>net_kernel</c>): listens and dials through the transport, runs
/// handshakes, keeps one connection per peer (settling simultaneous connects and new incarnations),
/// announces NodeUp/NodeDown, completes the mesh, and hands every other frame to the router.
/// </summary>
/// <remarks>
/// Design note. Per peer there is one slot under the kernel's lock: the live connection, whether a
/// dial is under way, who waits for it, and frames sent before it came up (auto-connect queues them).
/// The kernel knows nothing of processes: decoded frames go to the router (<see cref="ISignalFrames"/>)
/// and a lost peer to <c>unreachable</c>, which fails what waits on it and fires links and monitors.
/// </remarks>
internal sealed partial class NetKernel : IConnectionHandler, IConnectionFrames, IAsyncDisposable
{
    readonly Dictionary<string, PeerSlot> _peers = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    readonly IDistributionTransport _transport;
    readonly ISignalFrames _router;
    readonly Action<string, string> _unreachable;
    readonly Func<ulong> _origin;
    readonly HandshakeIdentity _identity;
    readonly HandshakeGuard _guard;
    IDistributionListener? _listener;

    NetKernel(string name, uint creation, DistributionOptions options, string cookie, ILogger log, ISignalFrames router, Action<string, string> unreachable, Func<ulong> origin)
    {
        _origin = origin;
        Name = name;
        Options = options;
        Log = log;
        _router = router;
        _unreachable = unreachable;
        _transport = options.Tls is { } tls ? new TlsTransport(options.Transport, tls, options.HandshakeTimeout) : options.Transport;
        _identity = new HandshakeIdentity(
            name,
            creation,
            Capabilities.Headers | (options.Hidden ? Capabilities.Hidden : Capabilities.None),
            Encoding.UTF8.GetBytes(cookie),
            options.MaxFrameSize);
        Settings = new ConnectionSettings(options.TickTime, options.MaxFrameSize, options.OutgoingQueueLimit);
        _guard = new HandshakeGuard(options.MaxPendingHandshakes);
    }

    /// <summary>This node's name.</summary>
    public string Name { get; }

    public DistributionOptions Options { get; }

    public ILogger Log { get; }

    public ConnectionSettings Settings { get; }

    /// <summary>Where this node listens (an <see cref="IPEndPoint"/> for TCP).</summary>
    public EndPoint Endpoint => _listener!.LocalEndPoint;

    /// <summary>Whether nodes are found by address before dialling (static addresses, port mapper).</summary>
    public bool NeedsAddresses => _transport.NeedsAddresses;

    /// <summary>Finds where a node listens when the transport needs addresses: static addresses first, then this.</summary>
    public Func<string, CancellationToken, Task<IPEndPoint?>>? Resolver { get; set; }

    /// <summary>
    /// How many peers this node keeps state for: connected, connecting, or holding frames until a
    /// connection comes up (the <c>typed.distribution.peers</c> metric). A slot is dropped once its peer
    /// is down or its dial failed, so this settles back to the connected peers.
    /// </summary>
    public int PeerCount
    {
        get
        {
            lock (_peers)
            {
                return _peers.Count;
            }
        }
    }

    public static async Task<NetKernel> StartAsync(string name, uint creation, DistributionOptions options, string cookie, ILogger log, ISignalFrames router, Action<string, string> unreachable, Func<ulong> origin, CancellationToken cancellationToken)
    {
        var kernel = new NetKernel(name, creation, options, cookie, log, router, unreachable, origin);
        kernel._listener = await kernel._transport.ListenAsync(name, new IPEndPoint(options.ListenAddress, options.ListenPort), cancellationToken).ConfigureAwait(SimulationContext.Capture);
        log.Listening(name, kernel.Endpoint.ToString() ?? "?");
        _ = kernel.AcceptLoopAsync();
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

    /// <summary>
    /// Queues a frame for <paramref name="node"/>, connecting first if need be (auto-connect), or as far
    /// as <paramref name="reach"/> allows: behind a connection under way only, or on a live connection
    /// only (a reply to a caller whose connection is gone: the caller has been told already); a frame
    /// that may go no further is dropped. Returns null, or a task the sender
    /// should wait for when the connection (or the backlog waiting for it) is busy. The frame is marked
    /// with its sender (<c>origin</c>), which keeps a sender's frames in order around large messages.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The frame's payload is over the cap and only its sender can be told (a cast, a send).</exception>
    /// <exception cref="MessageNotSentException">The payload cannot be serialized and only its sender can be told.</exception>
    public Task? Enqueue(string node, OutFrame frame, Reach reach = Reach.Dial)
    {
        // The sender serializes its payload here, off the connection's write loop (PreparedPayload).
        long payload;
        try
        {
            payload = frame.Prepare(Options.MaxFrameSize);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Refuse(node, frame, ex, reach);
        }

        var origin = _origin();
        Connection? up = null;
        Task? room = null;
        var start = false;
        var full = 0;
        lock (_peers)
        {
            var slot = reach == Reach.Dial ? Slot(node) : _peers.GetValueOrDefault(node);
            if (slot?.Connection is { } connection)
            {
                up = connection;
            }
            else if (slot is not null && (reach == Reach.Dial || reach == Reach.Pending && (slot.Dialling || slot.Accepting)))
            {
                // Frames wait for the connection in order; a long backlog makes senders wait for it too,
                // and one that never waits (outside processes) is refused past sixteen times the limit.
                var backlog = slot.Backlog ??= [];
                if (backlog.Count < 16L * Options.OutgoingQueueLimit)
                {
                    backlog.Add(new QueuedFrame(frame, origin));
                }
                else
                {
                    full = backlog.Count;
                }

                if (backlog.Count >= Options.OutgoingQueueLimit)
                {
                    room = (slot.Waiting ??= new TaskCompletionSource<Connection?>(SimulationContext.SourceOptions)).Task;
                }

                if (reach == Reach.Dial && !slot.Dialling && !slot.Accepting && !_stopping.IsCancellationRequested)
                {
                    slot.Dialling = start = true;
                }
            }
        }

        if (full > 0)
        {
            return Refuse(node, frame, new MessageNotSentException(node, $"the connection is not up yet and {full} frames wait for it (16 x DistributionOptions.OutgoingQueueLimit); a sender that awaits (SendAsync, <Cast>Async, a process) waits instead"), reach);
        }

        if (up is not null)
        {
            if (payload > up.PeerMaxFrameSize)
            {
                return Refuse(node, frame, new MessageTooLargeException(payload, up.PeerMaxFrameSize), reach);
            }

            room = up.Enqueue(frame, origin);
        }

        if (start)
        {
            _ = DialAsync(node);
        }

        return room;
    }

    /// <summary>
    /// A frame whose payload cannot go: its waiter is told, or a frame that says why goes in its place,
    /// or its sender is (the exception is thrown). Nothing of it was queued; the connection goes on.
    /// </summary>
    Task? Refuse(string node, OutFrame frame, Exception exception, Reach reach)
    {
        var error = exception as MessageTooLargeException ?? exception as MessageNotSentException ?? (Exception)new MessageNotSentException(node, exception);
        if (!frame.Refused(node, error, out var instead))
        {
            throw error;
        }

        if (instead is null)
        {
            return null;
        }

        // Only a reply is replaced: its caller learns why, and the callee's log says it too.
        DistributionLog.FrameNotWritten(Log, node, frame.Kind, error);
        return Enqueue(node, instead, reach);
    }

    /// <summary>Closes the connection to <paramref name="node"/>, if any (Erlang's <c>disconnect_node</c>).</summary>
    public bool Disconnect(string node)
    {
        var connection = PeerConnection(node);
        connection?.Close("disconnect", NodeDownKind.Disconnected);
        return connection is not null;
    }

    void IConnectionHandler.OnFrame(Connection connection, in ReadOnlySequence<byte> body, IFrameLease lease) =>
        FrameDecoder.Decode(body, connection.Ends, this, _router, lease);

    /// <summary>A frame from <paramref name="node"/> was found not to decode after it was handed on (a large message decoded by its process): the connection closes.</summary>
    public void Refused(string node, string reason) =>
        PeerConnection(node)?.Close("protocol error: " + reason, NodeDownKind.ProtocolError);

    // A tick only says the peer is alive, and the read loop has noted that already (Connection._lastReceived).
    void IConnectionFrames.Tick(string peer)
    {
    }

    /// <summary>Called once by a started connection when it closes.</summary>
    void IConnectionHandler.OnClosed(Connection connection, string reason)
    {
        lock (_peers)
        {
            if (!_peers.TryGetValue(connection.Peer, out var slot) || !ReferenceEquals(slot.Connection, connection))
            {
                return;
            }

            slot.Connection = null;
            ForgetIfIdle(connection.Peer, slot);
        }

        Log.NodeDown(connection.Peer, reason);
        _unreachable(connection.Peer, reason);
        if (!connection.PeerHidden)
        {
            AnnounceDown(connection.Peer, reason, connection.CloseKind);
        }
    }

    /// <summary>Whether a connection to <paramref name="node"/> is up now.</summary>
    public bool IsConnected(string node) => PeerConnection(node) is not null;

    /// <summary>Whether a connection to <paramref name="node"/> is up or under way (what <see cref="Reach.Pending"/> can reach).</summary>
    public bool IsConnectedOrConnecting(string node)
    {
        lock (_peers)
        {
            return _peers.GetValueOrDefault(node) is { } slot && (slot.Connection is not null || slot.Dialling || slot.Accepting);
        }
    }

    Connection? PeerConnection(string node)
    {
        lock (_peers)
        {
            return _peers.GetValueOrDefault(node)?.Connection;
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

    /// <summary>
    /// Drops a peer's slot that holds nothing (no connection, dial, accept, waiter or backlog), so names
    /// that were tried and never connected (a mistyped node, or a list of names a peer sent) take no
    /// memory for good. Called under the lock.
    /// </summary>
    void ForgetIfIdle(string node, PeerSlot slot)
    {
        if (slot is { Connection: null, Dialling: false, Accepting: false, Waiting: null, Backlog: null or { Count: 0 } })
        {
            _peers.Remove(node);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }

        Connection[] connections;
        lock (_peers)
        {
            connections = [.. _peers.Values.Select(p => p.Connection).OfType<Connection>()];
        }

        foreach (var connection in connections)
        {
            connection.Close("node stopping", NodeDownKind.Stopping);
        }

        await Task.WhenAll(connections.Select(c => c.Closed)).WaitAsync(TimeSpan.FromSeconds(5), SimulationContext.Clock).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>One peer's state.</summary>
    sealed class PeerSlot
    {
        public Connection? Connection { get; set; }

        public bool Dialling { get; set; }

        /// <summary>An incoming handshake from the peer was verified and answered Ok, and has not registered yet.</summary>
        public bool Accepting { get; set; }

        public TaskCompletionSource<Connection?>? Waiting { get; set; }

        public List<QueuedFrame>? Backlog { get; set; }
    }
}
