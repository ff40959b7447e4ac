using System.IO.Pipelines;
using System.Threading.Channels;
using Typed.Distribution.Framing;
using Typed.CompilerServices;

namespace Typed.Distribution.Connections;

/// <summary>
/// One connection to one peer node: a bounded outgoing queue, a write loop, a read loop and a tick
/// loop over a duplex pipe (the Orleans/Kestrel shape).
/// </summary>
/// <remarks>
/// Design note. Anyone may enqueue a frame; only the write loop serializes and writes, batching what
/// is queued into one flush. The read loop hands each whole frame to the kernel. Close is idempotent
/// and says why once: the first reason wins and the kernel turns it into a NodeDown. Before the
/// handshake completes (<see cref="Start"/>) nothing is read but handshake frames.
/// </remarks>
internal sealed partial class Connection : IReplyChannel
{
    readonly Stream _stream;
    readonly PipeReader _reader;
    readonly PipeWriter _writer;
    readonly Channel<OutFrame> _outgoing;
    readonly NetKernel _kernel;
    readonly CancellationTokenSource _closing = new();
    readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _lastReceived = Environment.TickCount64;
    long _lastSent = Environment.TickCount64;
    int _closeOnce;

    public Connection(NetKernel kernel, Stream stream, bool outgoing)
    {
        _kernel = kernel;
        _stream = stream;
        Outgoing = outgoing;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        _outgoing = Channel.CreateBounded<OutFrame>(new BoundedChannelOptions(kernel.Options.OutgoingQueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Whether this side dialled.</summary>
    public bool Outgoing { get; }

    /// <summary>The peer's full name, known once the handshake has read it.</summary>
    public string Peer { get; set; } = "";

    /// <summary>The peer's creation (its incarnation).</summary>
    public uint PeerCreation { get; set; }

    /// <summary>Whether the peer is a hidden node.</summary>
    public bool PeerHidden { get; set; }

    /// <summary>Completes with the reason once the connection is closed.</summary>
    public Task<string> Closed => _closed.Task;

    public bool IsClosed => Volatile.Read(ref _closeOnce) != 0;

    /// <summary>Starts the loops once the handshake has completed.</summary>
    public void Start()
    {
        _lastReceived = _lastSent = Environment.TickCount64;
        _ = ReadLoopAsync();
        _ = WriteLoopAsync();
        _ = TickLoopAsync();
    }

    /// <summary>Queues a frame for the write loop. A full queue drops it (and says so in the log).</summary>
    public void Enqueue(OutFrame frame)
    {
        if (!_outgoing.Writer.TryWrite(frame) && !IsClosed)
        {
            _kernel.Log.OutgoingQueueFull(Peer, _kernel.Options.OutgoingQueueLimit, frame.Kind);
        }
    }

    void IReplyChannel.Reply(ulong callRef, ReplyStatus status, object? value, MessageCodec? codec) =>
        Enqueue(new ReplyFrame(callRef, status, value, codec));

    /// <summary>Closes the connection for <paramref name="reason"/>; later calls do nothing.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closeOnce, 1) != 0)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        _closing.Cancel();
        _reader.CancelPendingRead();
        try
        {
            _stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The stream was already broken; closing is all that was left to do.
        }

        _closed.TrySetResult(reason);
        _kernel.ConnectionClosed(this, reason);
    }

    /// <summary>Closes a connection that never came up (a refused or failed handshake).</summary>
    public void DisposeQuietly() => Close("closed before it was up");

    async Task TickLoopAsync()
    {
        var tickTime = _kernel.Options.TickTime;
        var interval = tickTime / 4;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _closing.Token).ConfigureAwait(false);
                var now = Environment.TickCount64;
                if (now - Volatile.Read(ref _lastReceived) > (long)tickTime.TotalMilliseconds)
                {
                    Close($"net_tick_timeout: nothing from {Peer} for {tickTime.TotalSeconds:0.###} s");
                    return;
                }

                if (now - Volatile.Read(ref _lastSent) >= (long)interval.TotalMilliseconds)
                {
                    Enqueue(TickFrame.Instance);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }
}
