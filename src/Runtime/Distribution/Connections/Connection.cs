using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Typed.Distribution.Protocol;
using Typed.Distribution.Transport;

namespace Typed.Distribution.Connections;

/// <summary>
/// One connection to one peer node: a bounded outgoing queue, a write loop, a read loop and a tick
/// loop over a transport's duplex pipe (the Orleans/Kestrel shape). It knows frames, not kernels: it
/// reports to an <see cref="IConnectionHandler"/>.
/// </summary>
/// <remarks>
/// Design note. Anyone may enqueue a frame; only the write loop serializes, straight into the pipe's
/// writer, batching what is queued into one flush. The read loop hands each whole frame to the
/// handler. Close is idempotent and says why once: the first reason wins. Before
/// <see cref="Start"/> only handshake frames move, through <see cref="ReadHandshakeFrameAsync"/>
/// and <see cref="WriteHandshakeFrameAsync"/>.
/// </remarks>
internal sealed partial class Connection
{
    readonly TransportConnection _transport;
    readonly ConnectionSettings _settings;
    readonly ILogger _log;
    readonly Channel<QueuedFrame> _outgoing;
    readonly CancellationTokenSource _closing = new();
    readonly TaskCompletionSource<string> _closed = new(SimulationContext.SourceOptions);
    IConnectionHandler? _handler;
    long _lastReceived = SimulationContext.Milliseconds();
    long _lastSent = SimulationContext.Milliseconds();
    int _closeOnce;
    int _started;
    long _queued;
    long _busySince;
    TaskCompletionSource? _room;

    public Connection(TransportConnection transport, ConnectionSettings settings, ILogger log, string localNode, bool outgoing)
    {
        _transport = transport;
        _settings = settings;
        _log = log;
        LocalNode = localNode;
        Outgoing = outgoing;
        _outgoing = Channel.CreateUnbounded<QueuedFrame>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>This node's name.</summary>
    public string LocalNode { get; }

    /// <summary>Whether this side dialled.</summary>
    public bool Outgoing { get; }

    /// <summary>The carrier's name for the remote end (an address), for logs.</summary>
    public string RemoteEndPoint => _transport.RemoteEndPoint?.ToString() ?? "?";

    /// <summary>The peer's full name, known once the handshake has read it.</summary>
    public string Peer { get; private set; } = "";

    /// <summary>The peer's creation (its incarnation).</summary>
    public uint PeerCreation { get; private set; }

    /// <summary>Whether the connection is hidden: either end is a hidden node, as in Erlang.</summary>
    public bool PeerHidden { get; private set; }

    /// <summary>The largest frame the peer accepts (its <c>MaxFrameSize</c>, from the handshake); frames to it are held to the smaller of its cap and this node's.</summary>
    public int PeerMaxFrameSize { get; private set; } = int.MaxValue;

    /// <summary>The capabilities both ends announced.</summary>
    public Capabilities Shared { get; private set; }

    /// <summary>This node and the peer, which shorten the pids in frames, and whether requests may carry headers.</summary>
    public FramePeers Ends => new(LocalNode, Peer, (Shared & Capabilities.Headers) != 0);

    /// <summary>Completes with the reason once the connection is closed.</summary>
    public Task<string> Closed => _closed.Task;

    public bool IsClosed => Volatile.Read(ref _closeOnce) != 0;

    /// <summary>Takes the peer's identity from a completed handshake.</summary>
    public void Identify(string peer, uint creation, bool hidden, Capabilities shared, int peerMaxFrameSize = int.MaxValue)
    {
        PeerMaxFrameSize = peerMaxFrameSize;
        Peer = peer;
        PeerCreation = creation;
        PeerHidden = hidden;
        Shared = shared;
    }

    /// <summary>Starts the loops once the handshake has completed; frames go to <paramref name="handler"/>.</summary>
    public void Start(IConnectionHandler handler)
    {
        _handler = handler;
        _lastReceived = _lastSent = SimulationContext.Milliseconds();
        Volatile.Write(ref _started, 1);
        if (IsClosed)
        {
            handler.OnClosed(this, _closed.Task.Result);
            return;
        }

        _ = ReadLoopAsync();
        _ = WriteLoopAsync();
        _ = TickLoopAsync();
    }

    /// <summary>
    /// Queues a frame for the write loop; a frame is never dropped while the connection lives. Returns
    /// null when there is room, or a task that completes when there is room again if the queue is over
    /// its high-water mark (<see cref="ConnectionSettings.OutgoingQueueLimit"/>): the sender should wait
    /// for it before sending more (Erlang's <c>busy_dist_port</c>). Past sixteen times that mark, if the
    /// write loop has also flushed nothing for three quarters of the tick time, the peer is not keeping
    /// up at all, and the connection closes so links, monitors and calls say so. A long queue that
    /// drains is never cut: senders that cannot wait (synchronous sends outside processes) may outrun a
    /// healthy peer. <paramref name="origin"/> is who sent the frame, as far as order goes (a local
    /// pid's id; 0 for the node itself): a sender's frames queued after its fragmented frame wait for it to end.
    /// </summary>
    public Task? Enqueue(OutFrame frame, ulong origin = 0)
    {
        var queued = Interlocked.Increment(ref _queued);
        if (!_outgoing.Writer.TryWrite(new QueuedFrame(frame, origin)))
        {
            // Closed: the connection's NodeDown tells everyone who had something on it.
            Interlocked.Decrement(ref _queued);
            return null;
        }

        if (queued < _settings.OutgoingQueueLimit)
        {
            return null;
        }

        if (queued > HardLimit && Stalled)
        {
            Close($"more than {HardLimit} frames queued for {Peer}: it does not keep up", NodeDownKind.Overloaded);
            return null;
        }

        return Room();
    }

    long HardLimit => 16L * _settings.OutgoingQueueLimit;

    /// <summary>
    /// The write loop has completed no flush for three quarters of the tick time. An idle connection writes
    /// a Tick within two tick intervals (a quarter each), so only a writer that cannot get rid of its bytes
    /// goes that long.
    /// </summary>
    bool Stalled => SimulationContext.Milliseconds() - Volatile.Read(ref _lastSent) > (long)(_settings.TickTime.TotalMilliseconds * 3 / 4);

    /// <summary>The busy episode's room task; the first sender to find the queue busy starts it, and one log line says so.</summary>
    Task Room()
    {
        lock (_outgoing)
        {
            if (Volatile.Read(ref _queued) < _settings.OutgoingQueueLimit || IsClosed)
            {
                return Task.CompletedTask;
            }

            if (_room is null)
            {
                _room = new TaskCompletionSource(SimulationContext.SourceOptions);
                _busySince = SimulationContext.Milliseconds();
                DistributionLog.ConnectionBusy(_log, Peer, Volatile.Read(ref _queued));

                // The write loop may have drained the queue after the check above and looked for a room
                // before this one existed (Drained takes frames off, then reads _room): look again past a
                // full fence, or the senders would wait for the next frame written (a tick, a quarter of
                // the tick time later). Either this sees the drained count or Drained sees the room.
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _queued) <= _settings.OutgoingQueueLimit / 2)
                {
                    EndBusy();
                    return Task.CompletedTask;
                }
            }

            return _room.Task;
        }
    }

    /// <summary>The write loop took <paramref name="written"/> frames off the queue: below half the mark, the busy episode ends.</summary>
    void Drained(int written)
    {
        var left = Interlocked.Add(ref _queued, -written);
        if (Volatile.Read(ref _room) is null || left > _settings.OutgoingQueueLimit / 2)
        {
            return;
        }

        EndBusy();
    }

    void EndBusy()
    {
        TaskCompletionSource? room;
        lock (_outgoing)
        {
            room = _room;
            _room = null;
        }

        if (room is not null)
        {
            DistributionLog.ConnectionNotBusy(_log, Peer, SimulationContext.Milliseconds() - _busySince);
            room.TrySetResult();
        }
    }

    /// <summary>Why the connection closed, as a value (set with the first reason).</summary>
    public NodeDownKind CloseKind { get; private set; }

    /// <summary>Closes the connection for <paramref name="reason"/>; later calls do nothing.</summary>
    public void Close(string reason, NodeDownKind kind = NodeDownKind.ConnectionClosed)
    {
        if (Interlocked.Exchange(ref _closeOnce, 1) != 0)
        {
            return;
        }

        CloseKind = kind;

        _outgoing.Writer.TryComplete();
        _closing.Cancel();
        _closed.TrySetResult(reason);
        EndBusy();
        _ = _transport.DisposeAsync().AsTask().ContinueWith(static _ => { }, TaskScheduler.Default);
        if (Volatile.Read(ref _started) != 0)
        {
            _handler!.OnClosed(this, reason);
        }
    }

    async Task TickLoopAsync()
    {
        var tickTime = _settings.TickTime;
        var interval = tickTime / 4;
        try
        {
            while (true)
            {
                await Task.Delay(interval, SimulationContext.Clock, _closing.Token).ConfigureAwait(SimulationContext.Capture);
                var now = SimulationContext.Milliseconds();
                if (now - Volatile.Read(ref _lastReceived) > (long)tickTime.TotalMilliseconds)
                {
                    Close($"net_tick_timeout: nothing from {Peer} for {tickTime.TotalSeconds:0.###} s", NodeDownKind.TickTimeout);
                    return;
                }

                if (now - Volatile.Read(ref _lastSent) >= (long)interval.TotalMilliseconds)
                {
                    _ = Enqueue(TickFrame.Instance);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }
}

/// <summary>A frame in a connection's queue and who sent it (kept beside the frame, so frames stay as small as they were).</summary>
internal readonly record struct QueuedFrame(OutFrame Frame, ulong Origin);
