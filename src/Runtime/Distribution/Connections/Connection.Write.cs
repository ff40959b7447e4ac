using System.Buffers;
using Typed.Distribution.Framing;

namespace Typed.Distribution.Connections;

internal sealed partial class Connection
{
    const int BatchBytes = 64 * 1024;

    volatile bool _silenced;

    /// <summary>Stops writing anything, ticks included, so the peer sees a silent node (tests only).</summary>
    public void Silence() => _silenced = true;

    /// <summary>This node and the peer, which shorten the pids in frames; the peer is known once the handshake has named it.</summary>
    public FramePeers Ends => new(_kernel.Node.Name, Peer);

    /// <summary>Writes one frame and flushes, outside the write loop: the handshake's frames.</summary>
    public async ValueTask WriteDirectAsync(OutFrame frame, CancellationToken cancellationToken)
    {
        var scratch = new ArrayBufferWriter<byte>(256);
        Frames.Write(scratch, frame, Ends);
        await _writer.WriteAsync(scratch.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    async Task WriteLoopAsync()
    {
        var scratch = new ArrayBufferWriter<byte>(BatchBytes);
        var reader = _outgoing.Reader;
        var ends = Ends;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                scratch.ResetWrittenCount();
                while (scratch.WrittenCount < BatchBytes && reader.TryRead(out var frame))
                {
                    var start = scratch.WrittenCount;
                    try
                    {
                        Frames.Write(scratch, frame, ends);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // A message that cannot be serialized is lost, not the connection: write what
                        // came before it and start the batch again.
                        _kernel.Log.FrameNotWritten(Peer, frame.Kind, ex);
                        _writer.Write(scratch.WrittenSpan[..start]);
                        scratch.ResetWrittenCount();
                    }
                }

                if (_silenced)
                {
                    continue;
                }

                _writer.Write(scratch.WrittenSpan);
                var flushed = await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastSent, Environment.TickCount64);
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
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Close("write failed: " + ex.Message);
            return;
        }

        Close("connection closed");
    }
}
