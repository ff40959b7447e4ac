using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>A peer that speaks bytes, not Typed: real TCP to 127.0.0.1, every wait bounded.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    readonly Socket _socket;

    RawPeer(Socket socket) => _socket = socket;

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(endpoint, timeout.Token);
        return new RawPeer(socket);
    }

    /// <summary>A Hello of this version claiming <paramref name="name"/> and <paramref name="creation"/>.</summary>
    public static byte[] Hello(string name, uint creation) =>
        new Greeting(HandshakeMachine.Version, Capabilities.None, creation, 1 << 20, name, new byte[16]).Encode(FrameKind.Hello);

    public async Task SendFrameAsync(byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        await SendRawAsync(frame);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            // The node closed on us: that is an answer too.
        }
    }

    /// <summary>Reads whatever comes within <paramref name="ms"/>; empty when the node closed the connection.</summary>
    public async Task<byte[]?> ReadAsync(int ms = 5_000)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(ms);
        try
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return buffer[..read];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (SocketException)
        {
            return [];
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return default;
    }
}
