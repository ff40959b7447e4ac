using System.Net;
using System.Net.Sockets;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>A client facing no mapper, a silent one and a wrong one fails with the failure that names it.</summary>
public class EpmdClientTests
{
    [Fact]
    public async Task Nothing_listening_is_unreachable()
    {
        var client = new EpmdClient(Loopback.Address, Loopback.FreePort());

        var e = await Assert.ThrowsAsync<EpmdException>(() => client.PortOfAsync("x", default));

        Assert.Equal(EpmdFailure.Unreachable, e.Failure);
        Assert.Contains("127.0.0.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapper_that_accepts_and_never_answers_times_out()
    {
        using var silent = Listen(out var port);
        var client = new EpmdClient(Loopback.Address, port) { Timeout = TimeSpan.FromMilliseconds(300) };

        var e = await Assert.ThrowsAsync<EpmdException>(() => client.RegisterAsync("x", 1000, false, default)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(EpmdFailure.Timeout, e.Failure);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        using var silent = Listen(out var port);
        var client = new EpmdClient(Loopback.Address, port);
        using var cancel = new CancellationTokenSource(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.NamesAsync(cancel.Token)).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 118, 0 })]
    [InlineData(new byte[0])]
    public async Task A_peer_answering_garbage_to_a_registration_is_a_bad_response(byte[] answer)
    {
        using var liar = Listen(out var port);
        var serving = AnswerOnceAsync(liar, answer);
        var client = new EpmdClient(Loopback.Address, port);

        var e = await Assert.ThrowsAsync<EpmdException>(() => client.RegisterAsync("x", 1000, false, default)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(EpmdFailure.BadResponse, e.Failure);
        await serving.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_peer_answering_garbage_to_a_lookup_is_a_bad_response()
    {
        using var liar = Listen(out var port);
        var serving = AnswerOnceAsync(liar, [119, 0, 1]);
        var client = new EpmdClient(Loopback.Address, port);

        var e = await Assert.ThrowsAsync<EpmdException>(() => client.PortOfAsync("x", default)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(EpmdFailure.BadResponse, e.Failure);
        await serving.WaitAsync(TimeSpan.FromSeconds(5));
    }

    static Socket Listen(out int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(Loopback.Address, 0));
        listener.Listen();
        port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        return listener;
    }

    /// <summary>Accepts one connection, reads its request, sends <paramref name="answer"/> and closes.</summary>
    static async Task AnswerOnceAsync(Socket listener, byte[] answer)
    {
        using var peer = await listener.AcceptAsync();
        var request = new byte[512];
        _ = await peer.ReceiveAsync(request, SocketFlags.None);
        await peer.SendAsync(answer, SocketFlags.None);
        peer.Shutdown(SocketShutdown.Send);
    }
}
