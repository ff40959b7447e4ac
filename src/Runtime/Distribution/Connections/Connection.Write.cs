using System.Buffers;
using System.IO.Pipelines;
using Typed.Distribution.Protocol;

namespace Typed.Distribution.Connections;

/// <remarks>
/// The write loop. Each round writes queued frames (up to <see cref="BatchBytes"/>), then one piece of
/// every open fragment stream, then flushes once: a small frame waits behind at most one piece per
/// stream, never behind a whole large message. A frame whose body is over <see cref="Fragments.Size"/>
/// becomes a stream (at most <see cref="Fragments.MaxStreams"/> at once; while that many are open, no
/// more frames are taken off the queue). Order: a frame from the same sender (<see cref="QueuedFrame.Origin"/>)
/// as an open stream waits in that stream's <see cref="FragmentStream.Held"/> queue and is written, in
/// order, as soon as the stream ends; frames of other senders go between the pieces.
/// </remarks>
internal sealed partial class Connection
{
    /// <summary>Flushes once this many bytes are written, even if more frames wait.</summary>
    const int BatchBytes = 64 * 1024;

    /// <summary>Writes one handshake frame and flushes, outside the write loop.</summary>
    public async ValueTask WriteHandshakeFrameAsync(byte[] body, CancellationToken cancellationToken)
    {
        var output = _transport.Transport.Output;
        var header = output.GetSpan(Frames.HeaderSize);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)body.Length);
        output.Advance(Frames.HeaderSize);
        output.Write(body);
        await output.FlushAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    async Task WriteLoopAsync()
    {
        var output = _transport.Transport.Output;
        var reader = _outgoing.Reader;
        var writing = new Writing(this, output);
        try
        {
            while (writing.Streams.Count > 0 || await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture))
            {
                writing.Round(reader);
                var flushed = await output.FlushAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture);
                Volatile.Write(ref _lastSent, SimulationContext.Milliseconds());
                Drained(writing.Taken);
                Diagnostics.TypedMetrics.FramesSent(Peer, writing.Frames, writing.Bytes);
                CountSent(writing.Frames, writing.Bytes);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Close("write failed: " + ex.Message);
            return;
        }
        finally
        {
            // Pieces not yet written go back to the pool; the frames held behind them are lost with
            // the connection, whose NodeDown tells everyone who had something on it.
            writing.Dispose();
            await output.CompleteAsync().ConfigureAwait(SimulationContext.Capture);
        }

        Close("connection closed");
    }

    /// <summary>The write loop's state between flushes: the frame buffer and the open fragment streams.</summary>
    sealed class Writing(Connection connection, PipeWriter output) : IDisposable
    {
        readonly FrameBuffer _buffer = new();
        readonly FramePeers _ends = connection.Ends;
        readonly int _cap = Math.Min(connection._settings.MaxFrameSize, connection.PeerMaxFrameSize);
        uint _nextStream;

        public List<FragmentStream> Streams { get; } = [];

        /// <summary>Queue entries done with in this round: frames written or failed, and pieces written.</summary>
        public int Taken { get; private set; }

        public int Frames { get; private set; }

        public long Bytes { get; private set; }

        /// <summary>Writes queued frames, then a piece of each open stream (not flushed).</summary>
        public void Round(System.Threading.Channels.ChannelReader<QueuedFrame> reader)
        {
            Taken = Frames = 0;
            Bytes = 0;
            while (Bytes < BatchBytes && Streams.Count < Fragments.MaxStreams && reader.TryRead(out var queued))
            {
                if (Streams.Count > 0 && HeldBy(queued.Origin) is { } stream)
                {
                    stream.Held.Enqueue(queued.Frame);
                    continue;
                }

                Write(queued.Frame, queued.Origin);
            }

            for (var i = 0; i < Streams.Count; i++)
            {
                var stream = Streams[i];
                Bytes += stream.WriteNext(output);
                if (stream.Counted > 1 || stream.Done)
                {
                    Taken++;
                    stream.Counted--;
                }

                if (stream.Done)
                {
                    Taken += stream.Counted;
                    Streams.RemoveAt(i--);
                    Frames++;
                    WriteHeld(stream.Held, stream.Origin);
                }
            }
        }

        FragmentStream? HeldBy(ulong origin)
        {
            foreach (var stream in Streams)
            {
                if (stream.Origin == origin)
                {
                    return stream;
                }
            }

            return null;
        }

        /// <summary>Writes the frames a finished stream held, in order, until one of them is itself a stream.</summary>
        void WriteHeld(Queue<OutFrame> held, ulong origin)
        {
            while (held.TryDequeue(out var frame))
            {
                if (Write(frame, origin) is { } stream)
                {
                    while (held.TryDequeue(out var later))
                    {
                        stream.Held.Enqueue(later);
                    }
                }
            }
        }

        /// <summary>Writes one frame whole, or opens a stream for it; a frame that cannot be serialized is failed.</summary>
        FragmentStream? Write(OutFrame frame, ulong origin)
        {
            try
            {
                var stream = Protocol.Frames.Write(output, frame, _ends, _buffer, _cap, _nextStream, out var written);
                if (stream is null)
                {
                    Taken++;
                    Frames++;
                    Bytes += written;
                    return null;
                }

                _nextStream++;
                stream.Origin = origin;
                Streams.Add(stream);

                // The frame counted as one queued frame; from now on it counts as its pieces (up to half
                // the busy mark), each taken off as it is written: large messages make the connection
                // busy by their size, and even MaxStreams of them never reach the cut-off.
                stream.Counted = 1 + Math.Min(stream.Pieces - 1, connection._settings.OutgoingQueueLimit / 2);
                Interlocked.Add(ref connection._queued, stream.Counted - 1);
                return stream;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not IOException)
            {
                // Nothing of the frame reached the pipe; whoever waits for its answer is told at once.
                Taken++;
                DistributionLog.FrameNotWritten(connection._log, connection.Peer, frame.Kind, ex);
                frame.NotWritten(connection.Peer, ex);
                return null;
            }
        }

        public void Dispose()
        {
            foreach (var stream in Streams)
            {
                stream.Release();
            }

            Streams.Clear();
            _buffer.Dispose();
        }
    }
}
