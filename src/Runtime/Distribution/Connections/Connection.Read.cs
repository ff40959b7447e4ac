using System.Buffers;
using MemoryPack;
using Typed.Distribution.Framing;

namespace Typed.Distribution.Connections;

internal sealed partial class Connection
{
    /// <summary>The most a handshake frame may be.</summary>
    const int HandshakeFrameLimit = 4096;

    /// <summary>Reads one frame outside the read loop: the handshake's. Its body is copied out.</summary>
    /// <exception cref="HandshakeException">The peer closed, or sent an oversized frame.</exception>
    public async ValueTask<byte[]> ReadDirectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (Frames.TryRead(ref buffer, HandshakeFrameLimit, out var body))
                {
                    var copy = body.ToArray();
                    _reader.AdvanceTo(buffer.Start);
                    return copy;
                }
            }
            catch (FrameTooLargeException ex)
            {
                throw new HandshakeException("bad handshake frame: " + ex.Message);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                throw new HandshakeException("the peer closed the connection during the handshake");
            }
        }
    }

    async Task ReadLoopAsync()
    {
        var max = _kernel.Options.MaxFrameSize;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Volatile.Write(ref _lastReceived, Environment.TickCount64);
                }

                try
                {
                    while (Frames.TryRead(ref buffer, max, out var body))
                    {
                        _kernel.Receive(this, body);
                    }
                }
                catch (FrameTooLargeException ex)
                {
                    Close("protocol error: " + ex.Message);
                    return;
                }
                catch (ProtocolException ex)
                {
                    Close("protocol error: " + ex.Message);
                    return;
                }
                catch (Exception ex) when (ex is MemoryPackSerializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or FormatException)
                {
                    Close("protocol error: malformed frame (" + ex.Message + ")");
                    return;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
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
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Close("connection_closed: " + ex.Message);
        }
    }
}

/// <summary>A peer broke the protocol after the handshake: unknown frame kinds or message ids.</summary>
internal sealed class ProtocolException(string message) : Exception(message);

/// <summary>The handshake failed; the message says why, for the logs on both sides.</summary>
internal sealed class HandshakeException(string message) : Exception(message);
