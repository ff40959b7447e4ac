using System.Buffers;
using System.IO.Pipelines;
using Typed.Distribution.Protocol;

namespace Typed.Distribution.Connections;

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
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task WriteLoopAsync()
    {
        var output = _transport.Transport.Output;
        var reader = _outgoing.Reader;
        var ends = Ends;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                long batch = 0;
                var frames = 0;
                var taken = 0;
                while (batch < BatchBytes && reader.TryRead(out var frame))
                {
                    taken++;
                    try
                    {
                        batch += Frames.Write(output, frame, ends, _settings.MaxFrameSize);
                        frames++;
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException and not IOException && output.CanGetUnflushedBytes)
                    {
                        // The frame became a Tick the peer ignores; the stream is whole, and whoever
                        // waits for the frame's answer is told at once.
                        DistributionLog.FrameNotWritten(_log, Peer, frame.Kind, ex);
                        frame.NotWritten(Peer, ex);
                    }
                }

                var flushed = await output.FlushAsync(_closing.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastSent, Environment.TickCount64);
                Drained(taken);
                Diagnostics.TypedMetrics.FramesSent(Peer, frames, batch);
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
            await output.CompleteAsync().ConfigureAwait(false);
        }

        Close("connection closed");
    }
}
