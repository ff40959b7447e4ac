using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Typed.Fuzzing;

/// <summary>
/// One TCP connection to or from the target, speaking raw bytes: frames are read by their
/// <c>u32</c> length; every wait is bounded by the caller's token. Closed with a reset (linger 0), so
/// hundreds of thousands of short connections leave no TIME_WAIT behind.
/// </summary>
internal sealed class WireSocket : IDisposable
{
    readonly Socket _socket;
    readonly byte[] _buffer = new byte[1 << 16];
    int _start;
    int _end;

    WireSocket(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.LingerState = new LingerOption(true, 0);
    }

    public static WireSocket From(Socket socket) => new(socket);

    /// <summary>Connects to <paramref name="to"/>, from <paramref name="from"/> when given (any 127.x.y.z address).</summary>
    public static async Task<WireSocket> ConnectAsync(IPEndPoint to, IPAddress? from, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (from is not null)
            {
                socket.Bind(new IPEndPoint(from, 0));
            }

            await socket.ConnectAsync(to, cancellationToken);
            return new WireSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends all of <paramref name="bytes"/>; false when the target has closed the connection.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                bytes = bytes[sent..];
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public Task<bool> SendFrameAsync(byte[] body, CancellationToken cancellationToken) => SendAsync(FrameBytes.Wire(body), cancellationToken);

    /// <summary>Half-closes: the target reads the end of the stream after the bytes sent.</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>The next frame's body; null when the connection ended (or a frame is over <paramref name="max"/>).</summary>
    public async Task<byte[]?> ReadFrameAsync(int max, CancellationToken cancellationToken)
    {
        if (!await FillAsync(4, cancellationToken))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        if (length > (uint)max || length > _buffer.Length - 4)
        {
            return null;
        }

        if (!await FillAsync(4 + (int)length, cancellationToken))
        {
            return null;
        }

        var body = _buffer.AsSpan(_start + 4, (int)length).ToArray();
        _start += 4 + (int)length;
        return body;
    }

    /// <summary>Reads and drops everything until the target closes; false if it has not closed when the token fires.</summary>
    public async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        try
        {
            while (_end < count)
            {
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                _end += read;
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
