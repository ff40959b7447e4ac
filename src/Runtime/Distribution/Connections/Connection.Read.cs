using System.Buffers;
using System.IO.Pipelines;
using MemoryPack;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;

namespace Typed.Distribution.Connections;

internal sealed partial class Connection
{
    /// <summary>Reads one handshake frame; its body is copied out.</summary>
    /// <exception cref="HandshakeException">The peer closed, or sent a frame over the handshake's bound.</exception>
    public async ValueTask<byte[]> ReadHandshakeFrameAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Transport.Input;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }
            catch (IOException ex)
            {
                throw new HandshakeException("the connection failed during the handshake: " + ex.Message);
            }

            var buffer = result.Buffer;
            try
            {
                if (Frames.TryRead(ref buffer, HandshakeFrames.MaxFrame, out var body))
                {
                    var copy = body.ToArray();
                    input.AdvanceTo(buffer.Start);
                    return copy;
                }
            }
            catch (ProtocolException ex)
            {
                throw new HandshakeException("bad handshake frame: " + ex.Message);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                throw new HandshakeException("the peer closed the connection during the handshake");
            }
        }
    }

    async Task ReadLoopAsync()
    {
        var input = _transport.Transport.Input;
        var max = _settings.MaxFrameSize;
        var handler = _handler!;
        using var assembler = new FragmentAssembler(max);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Volatile.Write(ref _lastReceived, SimulationContext.Milliseconds());
                }

                var frames = 0;
                var before = buffer.Length;
                try
                {
                    while (Frames.TryRead(ref buffer, max, out var body))
                    {
                        if (assembler.TryTake(body, out var frame))
                        {
                            try
                            {
                                handler.OnFrame(this, frame, assembler);
                                frames++;
                            }
                            finally
                            {
                                assembler.Release();
                            }
                        }
                    }
                }
                catch (ProtocolException ex)
                {
                    Close("protocol error: " + ex.Message, NodeDownKind.ProtocolError);
                    return;
                }
                catch (Exception ex) when (ex is MemoryPackSerializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or FormatException)
                {
                    Close("protocol error: malformed frame (" + ex.Message + ")", NodeDownKind.ProtocolError);
                    return;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (frames > 0)
                {
                    Diagnostics.TypedMetrics.FramesReceived(Peer, frames, before - buffer.Length);
                    CountReceived(frames, before - buffer.Length);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    Close("connection_closed");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Close("connection_closed: " + ex.Message);
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(SimulationContext.Capture);
        }
    }
}
