using System.Net.Sockets;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>Typed's client and embedded mapper against Erlang's own <c>epmd</c>, a child process per test.</summary>
public sealed class ErlangEpmdTests : IAsyncLifetime
{
    readonly RecordingLogger _log = new();
    ErlangEpmd? _epmd;

    ErlangEpmd Epmd => _epmd!;

    public async Task InitializeAsync()
    {
        if (!ErlangEpmd.Skipped)
        {
            _epmd = await ErlangEpmd.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
        }
    }

    [ErlangFact]
    public async Task Register_lookup_names_and_unregister_through_Erlangs_epmd()
    {
        var client = Epmd.Client;
        var alpha = await client.RegisterAsync("alpha", 5001, hidden: false, default);
        await using var beta = await client.RegisterAsync("beta", 5002, hidden: true, default);

        Assert.Equal(5001, await client.PortOfAsync("alpha", default));
        var entry = (await client.EntryOfAsync("beta", default))!.Value;
        Assert.Equal((5002, true, (ushort)6, (ushort)5), (entry.Port, entry.IsHidden, entry.HighestVersion, entry.LowestVersion));
        Assert.Null(await client.PortOfAsync("gamma", default));
        Assert.Equal([("alpha", 5001), ("beta", 5002)], (await client.NamesAsync(default)).OrderBy(n => n.Name));
        Assert.NotEqual(0u, alpha.Creation);

        await alpha.DisposeAsync();

        await Eventually.True(async () => await client.PortOfAsync("alpha", default) is null, "alpha unregistered", 5_000);
        Assert.Equal([("beta", 5002)], await client.NamesAsync(default));
        Assert.False(beta.Lost.IsCompleted);
    }

    [ErlangFact]
    public async Task Erlangs_epmd_refuses_a_taken_name()
    {
        await using var first = await Epmd.Client.RegisterAsync("same", 5001, hidden: false, default);

        var e = await Assert.ThrowsAsync<EpmdException>(() => Epmd.Client.RegisterAsync("same", 5002, hidden: false, default));

        Assert.Equal(EpmdFailure.NameTaken, e.Failure);
        Assert.Equal(5001, await Epmd.Client.PortOfAsync("same", default));
    }

    [ErlangFact]
    public async Task The_embedded_mapper_answers_byte_for_byte_like_Erlangs_epmd()
    {
        await using var embedded = (await EmbeddedEpmd.TryStartAsync(Loopback.Address, 0, _log, default))!;
        var entry = new EpmdNodeEntry("twin", 5001, EpmdProtocol.HiddenNode, 0, 6, 5, [9, 8, 7]);
        using var onErlang = await HoldRegistrationAsync(Epmd.Port, entry);
        using var onEmbedded = await HoldRegistrationAsync(embedded.EndPoint.Port, entry);

        Assert.Equal(onErlang.Answer[..2], onEmbedded.Answer[..2]);                       // ALIVE2_X_RESP, ok
        var portPlease = EpmdProtocol.EncodePortPlease2Request("twin");
        Assert.Equal(
            await Loopback.ExchangeAsync(Epmd.Port, portPlease),
            await Loopback.ExchangeAsync(embedded.EndPoint.Port, portPlease));
        Assert.Equal(
            await Loopback.ExchangeAsync(Epmd.Port, EpmdProtocol.EncodePortPlease2Request("nobody")),
            await Loopback.ExchangeAsync(embedded.EndPoint.Port, EpmdProtocol.EncodePortPlease2Request("nobody")));
        var names = EpmdProtocol.EncodeNamesRequest();
        Assert.Equal(
            (await Loopback.ExchangeAsync(Epmd.Port, names))[4..],                         // after each mapper's own port
            (await Loopback.ExchangeAsync(embedded.EndPoint.Port, names))[4..]);
    }

    [ErlangFact]
    public async Task A_node_registers_with_Erlangs_epmd_and_hosts_a_mapper_once_epmd_is_killed()
    {
        var options = new PortMapperOptions
        {
            Address = Loopback.Address,
            Port = Epmd.Port,
            ShortName = "node",
            ListenPort = 5001,
            ReregisterBackoff = TimeSpan.FromMilliseconds(20),
            MaxReregisterBackoff = TimeSpan.FromMilliseconds(200),
        };
        await using var node = await PortMapper.StartAsync(options, _log, default);
        Assert.False(node.HostsMapper);
        Assert.Equal(5001, await node.LookupAsync("node", Loopback.Address, default));

        await Epmd.KillAsync();

        await Eventually.True(() => node.Registrations == 2 && node.IsRegistered, "registered again", 5_000);
        Assert.True(node.HostsMapper);
        Assert.Equal(5001, await node.LookupAsync("node", Loopback.Address, default));
    }

    /// <summary>Registers <paramref name="entry"/> with raw bytes and keeps the connection (so the name) open.</summary>
    static async Task<Held> HoldRegistrationAsync(int port, EpmdNodeEntry entry)
    {
        var socket = await Loopback.ConnectAsync(port);
        await socket.SendAsync(EpmdProtocol.EncodeAlive2Request(entry), SocketFlags.None);
        var answer = new byte[6];
        using var deadline = new CancellationTokenSource(5_000);
        Assert.True(await EpmdClient.ReadExactlyAsync(socket, answer, deadline.Token));
        Assert.Equal([118, 0], answer[..2]);
        return new Held(socket, answer);
    }

    sealed record Held(Socket Socket, byte[] Answer) : IDisposable
    {
        public void Dispose() => Socket.Dispose();
    }
}
