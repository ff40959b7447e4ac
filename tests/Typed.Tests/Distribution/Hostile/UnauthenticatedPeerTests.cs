using System.Collections.Concurrent;
using System.Diagnostics;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>What a peer that does not know the cookie can do to a node over real TCP: nothing that matters.</summary>
public class UnauthenticatedPeerTests
{
    [Fact]
    public async Task The_31_byte_hello_that_killed_nodes_is_refused_and_the_node_goes_on()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        await using (var raw = await RawPeer.ConnectAsync(a.DistributionEndpoint!))
        {
            await raw.SendRawAsync(Convert.FromHexString("1b000000010002000000000000000000010000000000008000000000614062"));
            var answer = await raw.ReadAsync();
            Assert.NotNull(answer);
        }

        Assert.Equal(1, await b.Ref<Worker>(a.Spawn<Worker>().Pid).Ping());
    }

    [Fact]
    public async Task Hellos_claiming_a_connected_nodes_name_without_a_proof_leave_the_connection_alone()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var downs = new ConcurrentQueue<NodeDown>();
        using var _ = a.MonitorNodes(null, downs.Enqueue);
        var worker = b.Spawn<Worker>();
        Assert.Equal(1, await a.Ref<Worker>(worker.Pid).Ping());

        for (var i = 0; i < 25; i++)
        {
            await using var raw = await RawPeer.ConnectAsync(a.DistributionEndpoint!);
            await raw.SendFrameAsync(RawPeer.Hello(b.Name, b.Creation + 1 + (uint)i));
            if (await raw.ReadAsync(2_000) is { Length: > 0 })
            {
                await raw.SendFrameAsync([3, .. new byte[32]]);   // a proof for no cookie
                await raw.ReadAsync(2_000);
            }
        }

        Assert.Empty(downs);
        Assert.Contains(b.Name, a.Nodes);
        Assert.Equal(1, await a.Ref<Worker>(worker.Pid).Ping());
    }

    [Fact]
    public async Task A_stalled_hello_claiming_a_peers_name_does_not_delay_dialling_that_peer()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await using var raw = await RawPeer.ConnectAsync(a.DistributionEndpoint!);
        await raw.SendFrameAsync(RawPeer.Hello(b.Name, 12345));
        Assert.NotNull(await raw.ReadAsync());   // the Challenge: the stalled peer now says nothing more

        var clock = Stopwatch.StartNew();
        Assert.True(await a.PingAsync(b.Name));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the dial took {clock.Elapsed} (the handshake timeout is 2 s)");
    }

    [Fact]
    public async Task A_source_that_keeps_failing_proofs_is_cut_off_before_its_bytes_are_read()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var a = cluster.Nodes[0];
        var challenged = 0;
        for (var i = 0; i < 15; i++)
        {
            await using var raw = await RawPeer.ConnectAsync(a.DistributionEndpoint!);
            await raw.SendFrameAsync(RawPeer.Hello("guesser@127.0.0.1", 1));
            if (await raw.ReadAsync(2_000) is { Length: > 0 })
            {
                challenged++;
                await raw.SendFrameAsync([3, .. new byte[32]]);
                await raw.ReadAsync(2_000);
            }
        }

        // Ten tries are free; after that the source backs off and gets no Challenge. (A failure is
        // counted just after its Refuse is written, so the next connection may still be admitted.)
        Assert.InRange(challenged, 10, 12);
    }
}
