using System.Net;
using System.Net.Sockets;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>Raw loopback sockets for the tests: free ports and a client that speaks bytes, not EPMD.</summary>
internal static class Loopback
{
    public static readonly IPAddress Address = IPAddress.Loopback;

    /// <summary>A port nothing listens on right now: bound to port 0, read, released.</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(Address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(Address, port)).WaitAsync(TimeSpan.FromSeconds(5));
        return socket;
    }

    /// <summary>Reads until the peer closes (FIN or reset), within the deadline; returns what arrived.</summary>
    public static async Task<byte[]> ReadUntilClosedAsync(Socket socket, int timeoutMs = 5_000)
    {
        using var deadline = new CancellationTokenSource(timeoutMs);
        var received = new List<byte>();
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    return [.. received];
                }

                received.AddRange(buffer.AsSpan(0, read));
                Assert.True(received.Count < 1 << 16, "the peer sent far more than any EPMD answer");
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return [.. received];
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The peer did not close the connection within {timeoutMs} ms");
            throw;
        }
    }

    /// <summary>Sends raw bytes, then reads the answer until the peer closes.</summary>
    public static async Task<byte[]> ExchangeAsync(int port, byte[] request, bool closeSend = false)
    {
        using var socket = await ConnectAsync(port);
        await socket.SendAsync(request, SocketFlags.None);
        if (closeSend)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        return await ReadUntilClosedAsync(socket);
    }
}
