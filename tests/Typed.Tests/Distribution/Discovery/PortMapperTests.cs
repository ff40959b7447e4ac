using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>Nodes find a mapper, become one when none answers, and elect a new one when its host goes.</summary>
public class PortMapperTests
{
    readonly RecordingLogger _log = new();
    readonly int _mapperPort = Loopback.FreePort();

    PortMapperOptions Options(string name, int listenPort, bool hidden = false, bool embed = true) => new()
    {
        Address = Loopback.Address,
        Port = _mapperPort,
        ShortName = name,
        ListenPort = listenPort,
        Hidden = hidden,
        StartEmbedded = embed,
        Timeout = TimeSpan.FromSeconds(2),
        ReregisterBackoff = TimeSpan.FromMilliseconds(20),
        MaxReregisterBackoff = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task The_first_node_hosts_a_mapper_when_none_answers_and_the_next_becomes_its_client()
    {
        await using var first = await PortMapper.StartAsync(Options("first", 5001), _log, default);
        await using var second = await PortMapper.StartAsync(Options("second", 5002, hidden: true), _log, default);

        Assert.True(first.HostsMapper);
        Assert.False(second.HostsMapper);
        Assert.True(first.IsRegistered && second.IsRegistered);
        Assert.True(second.Creation > first.Creation);
        Assert.Equal(5002, await first.LookupAsync("second", Loopback.Address, default));
        Assert.Equal(5001, await second.LookupAsync("first", Loopback.Address, default));
        Assert.Null(await second.LookupAsync("third", Loopback.Address, default));
        Assert.True(_log.Has(1321));
    }

    [Fact]
    public async Task When_the_hosting_node_goes_its_clients_elect_a_new_mapper_and_register_again()
    {
        var host = await PortMapper.StartAsync(Options("host", 5001), _log, default);
        await using var b = await PortMapper.StartAsync(Options("b", 5002), _log, default);
        await using var c = await PortMapper.StartAsync(Options("c", 5003, hidden: true), _log, default);
        var creations = (b.Creation, c.Creation);

        await host.DisposeAsync();

        await Eventually.True(() => b.Registrations == 2 && c.Registrations == 2 && b.IsRegistered && c.IsRegistered, "b and c registered again", 5_000);
        Assert.True(b.HostsMapper ^ c.HostsMapper, "exactly one of them hosts the new mapper");
        var client = new EpmdClient(Loopback.Address, _mapperPort);
        Assert.Equal([("b", 5002), ("c", 5003)], await client.NamesAsync(default));
        Assert.True((await client.EntryOfAsync("c", default))!.Value.IsHidden);
        Assert.Equal(creations, (b.Creation, c.Creation));
        Assert.True(_log.Has(1323) && _log.Has(1324));
    }

    [Fact]
    public async Task A_client_that_stops_is_unregistered_and_the_mapper_stays()
    {
        await using var host = await PortMapper.StartAsync(Options("host", 5001), _log, default);
        var leaving = await PortMapper.StartAsync(Options("leaving", 5002), _log, default);

        await leaving.DisposeAsync();

        await Eventually.True(async () => await host.LookupAsync("leaving", Loopback.Address, default) is null, "leaving unregistered", 5_000);
        Assert.True(host.IsRegistered);
        Assert.Equal(5001, await host.LookupAsync("host", Loopback.Address, default));
    }

    [Fact]
    public async Task Nodes_starting_together_agree_on_one_mapper()
    {
        var starting = Enumerable.Range(0, 4).Select(i => PortMapper.StartAsync(Options($"n{i}", 5001 + i), _log, default)).ToList();
        var mappers = await Task.WhenAll(starting).WaitAsync(TimeSpan.FromSeconds(10));
        try
        {
            Assert.Equal(1, mappers.Count(m => m.HostsMapper));
            Assert.Equal(4, (await new EpmdClient(Loopback.Address, _mapperPort).NamesAsync(default)).Count);
        }
        finally
        {
            foreach (var mapper in mappers)
            {
                await mapper.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_taken_name_fails_the_start()
    {
        await using var first = await PortMapper.StartAsync(Options("same", 5001), _log, default);

        var e = await Assert.ThrowsAsync<EpmdException>(() => PortMapper.StartAsync(Options("same", 5002), _log, default));

        Assert.Equal(EpmdFailure.NameTaken, e.Failure);
        Assert.Equal(5001, await first.LookupAsync("same", Loopback.Address, default));
    }

    [Fact]
    public async Task Without_embedding_a_missing_mapper_fails_the_start()
    {
        var e = await Assert.ThrowsAsync<EpmdException>(() => PortMapper.StartAsync(Options("alone", 5001, embed: false), _log, default));

        Assert.Equal(EpmdFailure.Unreachable, e.Failure);
        var probe = await EmbeddedEpmd.TryStartAsync(Loopback.Address, _mapperPort, _log, default);
        Assert.NotNull(probe);                                                  // the port was left free
        await probe.DisposeAsync();
    }
}
