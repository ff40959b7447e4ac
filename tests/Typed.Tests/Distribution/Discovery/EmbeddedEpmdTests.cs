using System.Net.Sockets;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>The embedded mapper through <see cref="EpmdClient"/> and through raw bytes.</summary>
public sealed class EmbeddedEpmdTests : IAsyncLifetime
{
    readonly RecordingLogger _log = new();
    EmbeddedEpmd _mapper = null!;
    EpmdClient _client = null!;

    public async Task InitializeAsync()
    {
        _mapper = (await EmbeddedEpmd.TryStartAsync(Loopback.Address, 0, _log, TimeSpan.FromMilliseconds(500), default))!;
        Assert.NotNull(_mapper);
        _client = new EpmdClient(Loopback.Address, _mapper.EndPoint.Port);
    }

    public async Task DisposeAsync() => await _mapper.DisposeAsync();

    [Fact]
    public async Task Registered_names_are_found_listed_and_dropped_when_their_connection_closes()
    {
        var alpha = await _client.RegisterAsync("alpha", 5001, hidden: false, default);
        await using var beta = await _client.RegisterAsync("beta", 5002, hidden: true, default);

        Assert.Equal(5001, await _client.PortOfAsync("alpha", default));
        Assert.Equal(5002, await _client.PortOfAsync("beta", default));
        Assert.True((await _client.EntryOfAsync("beta", default))!.Value.IsHidden);
        Assert.False((await _client.EntryOfAsync("alpha", default))!.Value.IsHidden);
        Assert.Null(await _client.PortOfAsync("gamma", default));
        Assert.Equal([("alpha", 5001), ("beta", 5002)], await _client.NamesAsync(default));

        await alpha.DisposeAsync();

        await Eventually.True(async () => await _client.PortOfAsync("alpha", default) is null, "alpha unregistered", 5_000);
        Assert.Equal([("beta", 5002)], await _client.NamesAsync(default));
        Assert.False(beta.Lost.IsCompleted);
        Assert.True(alpha.Lost.IsCanceled);
    }

    [Fact]
    public async Task A_name_already_registered_is_refused_and_the_holder_keeps_it()
    {
        await using var first = await _client.RegisterAsync("alpha", 5001, hidden: false, default);

        var refused = await Assert.ThrowsAsync<EpmdException>(() => _client.RegisterAsync("alpha", 6001, hidden: false, default));

        Assert.Equal(EpmdFailure.NameTaken, refused.Failure);
        Assert.Contains("'alpha'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(5001, await _client.PortOfAsync("alpha", default));
        Assert.False(first.Lost.IsCompleted);
        Assert.True(_log.Has(1305, "alpha"));
    }

    [Fact]
    public async Task Creation_numbers_increase_and_a_name_can_be_taken_again_once_released()
    {
        var first = await _client.RegisterAsync("alpha", 5001, hidden: false, default);
        await using var other = await _client.RegisterAsync("beta", 5002, hidden: false, default);
        await first.DisposeAsync();
        await Eventually.True(async () => await _client.PortOfAsync("alpha", default) is null, "alpha released", 5_000);

        await using var again = await _client.RegisterAsync("alpha", 6001, hidden: false, default);

        Assert.True(first.Creation > 3);
        Assert.True(other.Creation > first.Creation);
        Assert.True(again.Creation > other.Creation);
        Assert.Equal(6001, await _client.PortOfAsync("alpha", default));
    }

    [Fact]
    public async Task A_node_speaking_only_version_5_gets_the_16_bit_answer()
    {
        var request = EpmdProtocol.EncodeAlive2Request(new EpmdNodeEntry("old", 5001, 77, 0, 5, 5, []));
        using var socket = await Loopback.ConnectAsync(_mapper.EndPoint.Port);
        await socket.SendAsync(request, SocketFlags.None);
        var answer = new byte[4];
        Assert.True(await EpmdClient.ReadExactlyAsync(socket, answer, new CancellationTokenSource(5_000).Token));

        Assert.Equal(121, answer[0]);
        Assert.Equal(0, answer[1]);
        Assert.InRange(answer[2] << 8 | answer[3], 1, 3);
        Assert.Equal(5001, await _client.PortOfAsync("old", default));
    }

    public static TheoryData<string, byte[], bool> Malformed => new()
    {
        { "garbage", [0, 5, 0xFF, 1, 2, 3, 4], false },
        { "oversized length", [0xFF, 0xFF, 1, 2, 3], false },
        { "zero length", [0, 0], false },
        { "truncated length prefix", [0], true },
        { "truncated body", [0, 20, 120, 0, 1], true },
        { "bad ALIVE2 lengths", [0, 14, 120, 0x13, 0x88, 77, 0, 0, 6, 0, 5, 0, 9, (byte)'a', 0, 0], false },
        { "empty PORT_PLEASE2 name", [0, 1, 122], false },
        { "NAMES with a body", [0, 2, 110, 0], false },
        { "DUMP, which Typed does not serve", [0, 1, 100], false },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_input_closes_that_client_only(string what, byte[] bytes, bool closeSend)
    {
        await using var held = await _client.RegisterAsync("held", 5001, hidden: false, default);

        var answer = await Loopback.ExchangeAsync(_mapper.EndPoint.Port, bytes, closeSend);

        Assert.True(answer.Length == 0, $"{what}: the mapper answered {answer.Length} bytes instead of closing");
        await Eventually.True(() => _log.Has(1306), $"{what}: the rejection is logged", 5_000);
        Assert.False(held.Lost.IsCompleted, $"{what}: another client's registration survived");
        Assert.Equal(5001, await _client.PortOfAsync("held", default));
        await using var next = await _client.RegisterAsync("next", 5002, hidden: false, default);
        Assert.Equal(2, (await _client.NamesAsync(default)).Count);
    }

    [Fact]
    public async Task A_client_that_stalls_mid_request_is_closed_after_the_request_timeout()
    {
        using var socket = await Loopback.ConnectAsync(_mapper.EndPoint.Port);
        await socket.SendAsync(new byte[] { 0, 10, 120 }, SocketFlags.None);

        Assert.Empty(await Loopback.ReadUntilClosedAsync(socket, timeoutMs: 5_000));
        Assert.True(_log.Has(1306, "no complete request"));
        Assert.Null(await _client.PortOfAsync("anyone", default));
    }

    [Fact]
    public async Task Bytes_after_a_registration_drop_it_and_nothing_else()
    {
        await using var held = await _client.RegisterAsync("held", 5001, hidden: false, default);
        using var socket = await Loopback.ConnectAsync(_mapper.EndPoint.Port);
        await socket.SendAsync(EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped("chatty", 5002, false)), SocketFlags.None);
        var answer = new byte[6];
        Assert.True(await EpmdClient.ReadExactlyAsync(socket, answer, new CancellationTokenSource(5_000).Token));
        Assert.Equal(5002, await _client.PortOfAsync("chatty", default));

        await socket.SendAsync(new byte[] { 1, 2, 3 }, SocketFlags.None);

        await Eventually.True(async () => await _client.PortOfAsync("chatty", default) is null, "chatty unregistered", 5_000);
        Assert.Equal(5001, await _client.PortOfAsync("held", default));
        Assert.True(_log.Has(1306, "chatty"));
    }

    [Fact]
    public async Task Disposing_the_mapper_tells_every_registration_it_is_lost()
    {
        var a = await _client.RegisterAsync("a", 5001, hidden: false, default);
        var b = await _client.RegisterAsync("b", 5002, hidden: true, default);

        await _mapper.DisposeAsync();

        await a.Lost.WaitAsync(TimeSpan.FromSeconds(5));
        await b.Lost.WaitAsync(TimeSpan.FromSeconds(5));
        var after = await Assert.ThrowsAsync<EpmdException>(() => _client.NamesAsync(default));
        Assert.Equal(EpmdFailure.Unreachable, after.Failure);
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task A_second_mapper_on_a_taken_port_does_not_start()
    {
        Assert.Null(await EmbeddedEpmd.TryStartAsync(Loopback.Address, _mapper.EndPoint.Port, _log, default));
        Assert.Empty(await _client.NamesAsync(default));
    }
}
