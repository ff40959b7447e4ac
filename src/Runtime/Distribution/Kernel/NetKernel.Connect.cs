using System.Net;
using Typed.Distribution.Connections;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;
using Typed.Distribution.Transport;

namespace Typed.Distribution.Kernel;

/// <summary>Dialling, accepting, and the handshake that turns a carrier connection into a peer.</summary>
internal sealed partial class NetKernel
{
    /// <summary>The connection to <paramref name="node"/>, dialling it if needed; null when it cannot be made.</summary>
    public async Task<Connection?> ConnectAsync(string node, CancellationToken cancellationToken)
    {
        if (node == Name)
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

            slot.Waiting ??= new TaskCompletionSource<Connection?>(SimulationContext.SourceOptions);
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
            return await waiting.WaitAsync(Options.HandshakeTimeout * 2, SimulationContext.Clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    async Task DialAsync(string node)
    {
        Connection? connection = null;
        var lostRace = false;
        try
        {
            using var timeout = SimulationContext.CancelAfter(Options.HandshakeTimeout, _stopping.Token);
            EndPoint? endpoint = null;
            if (_transport.NeedsAddresses)
            {
                endpoint = await ResolveAsync(node, timeout.Token).ConfigureAwait(SimulationContext.Capture)
                    ?? throw new HandshakeException("no address known for " + node);
            }

            var carrier = await _transport.ConnectAsync(Name, node, endpoint, timeout.Token).ConfigureAwait(SimulationContext.Capture);
            connection = new Connection(carrier, Settings, Log, Name, outgoing: true);
            var machine = HandshakeMachine.Dial(_identity, node);
            await HandshakeAsync(connection, machine, timeout.Token).ConfigureAwait(SimulationContext.Capture);
            Register(connection);
            return;
        }
        catch (HandshakeRefusedException ex) when (ex.Status is HandshakeStatus.Nok or HandshakeStatus.Alive)
        {
            // The other connection between us wins; the slot's waiters get it when it registers.
            lostRace = true;
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
                connection.Close("closed before it was up");
            }
        }

        if (lostRace)
        {
            lock (_peers)
            {
                var slot = Slot(node);
                slot.Dialling = false;
                ForgetIfIdle(node, slot);
            }
        }
    }

    async Task<IPEndPoint?> ResolveAsync(string node, CancellationToken cancellationToken)
    {
        if (Options.StaticAddresses.TryGetValue(node, out var known))
        {
            return known;
        }

        return Resolver is null ? null : await Resolver(node, cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TransportConnection? carrier;
            try
            {
                carrier = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException)
            {
                return;
            }

            if (carrier is null)
            {
                return;
            }

            // Before a byte is read: a source backing off, or too many handshakes at once, is closed.
            var source = HandshakeGuard.SourceOf(carrier.RemoteEndPoint);
            if (!_guard.TryAdmit(source, out var refusal))
            {
                if (refusal is not null)
                {
                    Log.HandshakeFailed(source, "not admitted: " + refusal);
                }

                _ = carrier.DisposeAsync().AsTask();
                continue;
            }

            _ = AcceptOneAsync(carrier, source);
        }
    }

    async Task AcceptOneAsync(TransportConnection carrier, string source)
    {
        var connection = new Connection(carrier, Settings, Log, Name, outgoing: false);
        string? accepting = null;
        try
        {
            using var timeout = SimulationContext.CancelAfter(Options.HandshakeTimeout, _stopping.Token);
            var machine = HandshakeMachine.Accept(_identity, hello =>
            {
                var status = Decide(hello);
                accepting = status == HandshakeStatus.Ok ? hello.Name : null;
                return status;
            });
            await HandshakeAsync(connection, machine, timeout.Token).ConfigureAwait(SimulationContext.Capture);
            _guard.Succeeded(source);
            Register(connection);
        }
        catch (HandshakeRefusedException ex)
        {
            Log.HandshakeEnded(connection.Peer is { Length: > 0 } p ? p : connection.RemoteEndPoint, ex.Message);
            connection.Close("refused");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (accepting is not null)
            {
                AcceptFailed(accepting);
            }

            // One line per source per second: a peer guessing cookies cannot flood the log.
            if (_guard.Failed(source))
            {
                var reason = ex is OperationCanceledException ? "handshake timed out" : ex.Message;
                var suppressed = _guard.TakeSuppressed(source);
                Log.HandshakeFailed(connection.RemoteEndPoint, suppressed > 0 ? $"{reason} (and {suppressed} more from {source})" : reason);
            }

            connection.Close("handshake failed");
        }
        finally
        {
            _guard.Done();
        }
    }

    /// <summary>Drives <paramref name="machine"/> over the connection until it is done; throws when it fails.</summary>
    async Task HandshakeAsync(Connection connection, HandshakeMachine machine, CancellationToken cancellationToken)
    {
        if (machine.Start() is { } hello)
        {
            await connection.WriteHandshakeFrameAsync(hello, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }

        while (!machine.IsDone)
        {
            var body = await connection.ReadHandshakeFrameAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            byte[]? answer;
            byte[]? refusal = null;
            try
            {
                answer = machine.Receive(body, out refusal);
            }
            catch (HandshakeException) when (refusal is not null)
            {
                await connection.WriteHandshakeFrameAsync(refusal, cancellationToken).ConfigureAwait(SimulationContext.Capture);
                throw;
            }

            if (answer is not null)
            {
                await connection.WriteHandshakeFrameAsync(answer, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }
        }

        var peer = machine.Peer!;
        connection.Identify(peer.Name, peer.Creation, (peer.Flags & Capabilities.Hidden) != 0 || Options.Hidden, machine.Shared, peer.MaxFrame);
    }

    /// <summary>
    /// The Ack's status for a peer whose proof has been verified: settles simultaneous connects,
    /// duplicates and new incarnations. Nothing unauthenticated ever reaches this.
    /// </summary>
    HandshakeStatus Decide(Greeting hello)
    {
        if (_stopping.IsCancellationRequested)
        {
            return HandshakeStatus.NotAllowed;
        }

        Connection? stale = null;
        HandshakeStatus status;
        lock (_peers)
        {
            var slot = Slot(hello.Name);
            if (slot.Connection is { } up)
            {
                if (up.PeerCreation == hello.Creation)
                {
                    return HandshakeStatus.Alive;
                }

                // A new incarnation of the peer, proven: the old connection is dead, it just does not know yet.
                stale = up;
                status = HandshakeStatus.Ok;
            }
            else
            {
                status = slot.Dialling && string.CompareOrdinal(Name, hello.Name) > 0
                    ? HandshakeStatus.Nok
                    : HandshakeStatus.Ok;
            }

            // Until this connection registers, this node does not dial the peer itself: two handshakes
            // that both complete would each keep a different connection and close the other's.
            slot.Accepting |= status == HandshakeStatus.Ok;
        }

        stale?.Close("replaced by a new incarnation of " + hello.Name, NodeDownKind.Replaced);
        return status;
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

            ForgetIfIdle(node, slot);
        }

        if (dial)
        {
            _ = DialAsync(node);
        }
    }

    void FailDial(string node, string reason)
    {
        TaskCompletionSource<Connection?>? waiting;
        List<QueuedFrame>? backlog;
        lock (_peers)
        {
            var slot = Slot(node);
            slot.Dialling = false;

            // The peer's own connection to this node is being accepted: it will serve the waiters.
            if (slot.Connection is not null || slot.Accepting)
            {
                return;
            }

            waiting = slot.Waiting;
            slot.Waiting = null;
            backlog = slot.Backlog;
            slot.Backlog = null;
            ForgetIfIdle(node, slot);
        }

        waiting?.TrySetResult(null);
        if (backlog is { Count: > 0 })
        {
            Log.MessageDropped(node, $"{backlog.Count} frames sent before the connection failed: {reason}");
        }

        _unreachable(node, "noconnection: " + reason);
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
                connection.Close("closed before it was up");
                return;
            }

            // Frames sent while connecting go first, before anyone can see the connection: per-pair order.
            if (slot.Backlog is { } backlog)
            {
                foreach (var (frame, origin) in backlog)
                {
                    connection.Enqueue(frame, origin);
                }
            }

            slot.Connection = connection;
            slot.Dialling = false;
            waiting = slot.Waiting;
            slot.Waiting = null;
            slot.Backlog = null;
        }

        connection.Start(this);
        EndMeshing(connection.Peer);

        // NodeUp is announced before anyone waiting to connect goes on: when ConnectAsync returns,
        // the node's observers have been told.
        Log.NodeUp(connection.Peer, connection.Outgoing ? "out" : "in");
        if (!connection.PeerHidden)
        {
            AnnounceUp(connection.Peer);
        }

        SharePeers(connection);
        waiting?.TrySetResult(connection);
    }
}
