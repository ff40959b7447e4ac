using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Typed.Diagnostics;
using Typed.Introspection;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

public class ConnectionTests
{
    [Fact]
    public async Task A_mesh_connect_refused_while_the_node_admits_no_more_handshakes_is_tried_again()
    {
        // c admits one handshake at a time, and a silent socket holds that one for c's handshake time.
        await using var cluster = await Clusters.StartAsync(3, (i, o) =>
        {
            if (i == 2)
            {
                o.Distribution.MaxPendingHandshakes = 1;
                o.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(1);
            }
        });
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Assert.True(await b.ConnectAsync(c.Name));
        using var silent = new TcpClient();
        await silent.ConnectAsync(c.DistributionEndpoint!);

        // b tells a of c; a's dial is refused while the silent socket holds c's only slot, and only a
        // dial made again after it times out joins a and c (nothing else would: c is not told of a).
        Assert.True(await a.ConnectAsync(b.Name));
        await Eventually.True(() => a.Nodes.Contains(c.Name) && c.Nodes.Contains(a.Name), "a and c connect", 15_000);
    }

    [Fact]
    public async Task Names_that_never_connect_and_peers_that_went_away_leave_no_state_behind()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        Assert.True(await a.PingAsync(b.Name));
        Assert.Equal(1, PeersOf(a));

        // Sends and pings to 50 names no node has: each is tried, fails, and is forgotten.
        for (var i = 0; i < 50; i++)
        {
            a.Send("nobody", $"ghost{i}@127.0.0.1", new Seq(1, i));
            Assert.False(await a.PingAsync($"phantom{i}@127.0.0.1"));
        }

        await Eventually.True(() => PeersOf(a) == 1, "only b's slot is left");

        // A peer that went away is forgotten too.
        await b.DisposeAsync();
        await Eventually.True(() => PeersOf(a) == 0, "b's slot is dropped once it is down");
    }

    /// <summary>The <c>typed.distribution.peers</c> gauge of <paramref name="node"/>, as a metrics listener reads it.</summary>
    static long PeersOf(Node node)
    {
        long? peers = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TypedTelemetry.MeterName && instrument.Name == "typed.distribution.peers")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "typed.node" && Equals(tag.Value, node.Name))
                {
                    peers = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return peers ?? throw new InvalidOperationException($"{node.Name} reports no typed.distribution.peers");
    }

    [Fact]
    public async Task Nodes_connect_ping_and_see_each_other_up_and_down()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var ups = new ConcurrentQueue<string>();
        var downs = new ConcurrentQueue<NodeDown>();
        var downsAtB = new ConcurrentQueue<NodeDown>();
        using var _ = a.MonitorNodes(up => ups.Enqueue(up.Node), down => downs.Enqueue(down));
        using var atB = b.MonitorNodes(null, downsAtB.Enqueue);

        Assert.True(await a.PingAsync(b.Name));

        Assert.Equal([b.Name], a.Nodes);
        await Eventually.True(() => b.Nodes.Contains(a.Name), "b sees a");
        Assert.Equal([b.Name], ups);

        Assert.True(a.Disconnect(b.Name));
        await Eventually.True(() => downs.Count == 1, "a sees b go down");
        Assert.Equal("disconnect", downs.First().Reason);
        Assert.Equal(NodeDownKind.Disconnected, downs.First().Kind);

        // b sees it too. (The cluster services' next message may connect the two again, as in Erlang,
        // so what is checked is the event, not that they stay apart.)
        await Eventually.True(() => !downsAtB.IsEmpty, "b sees a go down");
    }

    [Fact]
    public async Task A_wrong_cookie_is_refused_on_both_sides()
    {
        await using var cluster = await Clusters.StartAsync(2, (i, o) => o.Cookie = i == 0 ? "one" : "other");
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        Assert.False(await a.PingAsync(b.Name));
        Assert.False(await b.PingAsync(a.Name));

        Assert.Empty(a.Nodes);
        Assert.Empty(b.Nodes);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_answers_pang()
    {
        await using var cluster = await Clusters.StartAsync(1);

        Assert.False(await cluster.Nodes[0].PingAsync("nobody@127.0.0.1"));
    }

    [Fact]
    public async Task Simultaneous_connects_end_as_exactly_one_connection()
    {
        for (var round = 0; round < 5; round++)
        {
            await using var cluster = await Clusters.StartAsync(2);
            var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
            var upsA = 0;
            var upsB = 0;
            using var ma = a.MonitorNodes(_ => Interlocked.Increment(ref upsA), null);
            using var mb = b.MonitorNodes(_ => Interlocked.Increment(ref upsB), null);

            var results = await Task.WhenAll(a.ConnectAsync(b.Name), b.ConnectAsync(a.Name));

            Assert.All(results, Assert.True);
            await Eventually.True(() => a.Nodes.Count == 1 && b.Nodes.Count == 1, "both connected");

            // NodeUp is announced just after the connection shows in Nodes.
            await Eventually.True(() => Volatile.Read(ref upsA) >= 1 && Volatile.Read(ref upsB) >= 1, "both told of the other");
            Assert.Equal(1, upsA);
            Assert.Equal(1, upsB);
            Assert.Equal(1, await a.Ref<Worker>(b.Spawn<Worker>().Pid).Ping());
        }
    }

    [Fact]
    public async Task Visible_nodes_form_a_full_mesh_and_hidden_ones_stay_out()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var hidden = await cluster.AddNodeAsync(o => o.Distribution.Hidden = true);

        Assert.True(await a.ConnectAsync(b.Name));
        Assert.True(await c.ConnectAsync(a.Name));
        await Eventually.True(() => c.Nodes.Count == 2 && b.Nodes.Count == 2, "c and b meshed through a");

        Assert.True(await hidden.ConnectAsync(a.Name));
        await Eventually.True(() => a.HiddenNodes.Contains(hidden.Name), "a registers the hidden connection");
        Assert.DoesNotContain(hidden.Name, a.Nodes);
        Assert.Empty(hidden.Nodes);
        Assert.Equal([a.Name], hidden.HiddenNodes);
        Assert.DoesNotContain(hidden.Name, b.HiddenNodes);
    }

    [Fact]
    public async Task Garbage_and_a_stalled_handshake_close_only_their_connection()
    {
        await using var cluster = await Clusters.StartAsync(2, (_, o) => o.Distribution.HandshakeTimeout = TimeSpan.FromMilliseconds(500));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        Assert.True(await a.PingAsync(b.Name));

        using var garbage = new TcpClient();
        await garbage.ConnectAsync(b.DistributionEndpoint!);
        await garbage.GetStream().WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3 });
        Assert.Equal(0, await ReadUntilClosed(garbage));

        using var stalled = new TcpClient();
        await stalled.ConnectAsync(b.DistributionEndpoint!);
        Assert.Equal(0, await ReadUntilClosed(stalled));

        Assert.Equal([b.Name], a.Nodes);
        Assert.Equal(1, await a.Ref<Worker>(b.Spawn<Worker>().Pid).Ping());
    }

    /// <summary>Reads until the server closes the socket (bounded); returns what the last read gave.</summary>
    static async Task<int> ReadUntilClosed(TcpClient client)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100; i++)
        {
            int read;
            try
            {
                read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                return 0;
            }

            if (read == 0)
            {
                return 0;
            }
        }

        return -1;
    }

    [Fact]
    public async Task A_silent_peer_is_disconnected_after_the_tick_time()
    {
        await using var cluster = await Clusters.StartAsync(2, (_, o) => o.Distribution.TickTime = TimeSpan.FromMilliseconds(600), inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var downs = new ConcurrentQueue<NodeDown>();
        using var _ = a.MonitorNodes(null, downs.Enqueue);
        Assert.True(await a.PingAsync(b.Name));

        // Ticks keep an idle connection up: frames from b go on arriving on it (a tick every quarter
        // tick time, so six take 1.5 tick times) and a does not take it down.
        var frames = await FramesFrom(a, b.Name);
        await Eventually.True(async () => await FramesFrom(a, b.Name) >= frames + 6, "six frames (ticks) from b on the idle connection");
        Assert.Empty(downs);

        // ...until one side goes silent: the network holds everything b sends to a.
        cluster.CutOneWay(b, a);
        await Eventually.True(() => !downs.IsEmpty, "a gives up on silent b");
        Assert.StartsWith("net_tick_timeout", downs.Single().Reason, StringComparison.Ordinal);
        Assert.Equal(NodeDownKind.TickTimeout, downs.Single().Kind);
    }

    /// <summary>The frames <paramref name="node"/> has read from <paramref name="peer"/>, as its snapshot says.</summary>
    static async Task<long> FramesFrom(Node node, string peer) =>
        (await node.IntrospectAsync(node.Name, maxProcesses: 0)).Connections.Single(c => c.Peer == peer).FramesReceived;

    [Fact]
    public async Task Nodes_find_each_other_through_the_port_mapper_one_of_them_embeds()
    {
        var mapperPort = Discovery.Loopback.FreePort();
        var configured = new System.Collections.Concurrent.ConcurrentBag<NodeOptions>();
        await using var cluster = await Clusters.StartAsync(3, (_, o) =>
        {
            configured.Add(o);
            o.Distribution.UsePortMapper = true;
            o.Distribution.StartPortMapper = true;   // the kit's nodes neither use nor start one unless asked
            o.Distribution.PortMapperPort = mapperPort;
        });
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);

        // Configured to use the port mapper, the kit's nodes know no addresses: they find each other there.
        Assert.All(configured, o => Assert.Empty(o.Distribution.StaticAddresses));
        Assert.True(await c.PingAsync(a.Name));
        Assert.Equal(1, await c.Ref<Worker>(b.Spawn<Worker>().Pid).Ping());
        await Eventually.True(() => a.Nodes.Count == 2, "a meshed with b through c");
    }
}
