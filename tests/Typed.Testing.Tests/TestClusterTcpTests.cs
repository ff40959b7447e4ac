using System.Net;
using System.Net.Sockets;
using Typed;

namespace Typed.Testing.Tests;

public class TestClusterTcpTests
{
    [Fact]
    public async Task Nodes_on_tcp_listen_on_loopback_know_each_other_and_call_each_other()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { Nodes = 3, Transport = TestClusterTransport.Tcp });
        Assert.All(cluster.Nodes, n => Assert.Equal(IPAddress.Loopback, n.DistributionEndpoint!.Address));
        Assert.All(cluster.Nodes, n => Assert.Equal(2, n.Nodes.Count));

        // A real socket reaches a node's port.
        using var client = new TcpClient();
        await client.ConnectAsync(cluster[1].DistributionEndpoint!);

        var counter = cluster[0].Ref<Counter>(cluster[2].Spawn<Counter>().Pid);
        Assert.Equal(5, await counter.Add(5));
    }

    [Fact]
    public async Task A_restarted_tcp_node_listens_on_a_new_port_the_others_are_told_of()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { Nodes = 2, Transport = TestClusterTransport.Tcp });
        var (a, b) = (cluster[0], cluster[1]);

        var b2 = await cluster.RestartAsync(b);

        await cluster.ConnectAllAsync();
        Assert.Equal(1, await a.Ref<Counter>(b2.Spawn<Counter>().Pid).Add(1));
    }

    [Fact]
    public async Task A_node_named_by_its_configuration_is_known_and_restarted_under_that_name()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            Nodes = 2,
            Transport = TestClusterTransport.Tcp,
            ConfigureNode = (i, o) => o.Name = i == 1 ? "b@127.0.0.1" : o.Name,
        });
        Assert.Equal("b@127.0.0.1", cluster[1].Name);
        Assert.Contains("b@127.0.0.1", cluster[0].Nodes);

        var b2 = await cluster.RestartAsync(cluster[1]);

        Assert.Equal("b@127.0.0.1", b2.Name);
        await cluster.ConnectAllAsync();
        Assert.Equal(2, await cluster[0].Ref<Counter>(b2.Spawn<Counter>().Pid).Add(2));
    }

    [Fact]
    public async Task Network_faults_say_they_need_the_in_memory_network()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { Nodes = 2, Transport = TestClusterTransport.Tcp });
        var (a, b) = (cluster[0], cluster[1]);

        Assert.Throws<NotSupportedException>(() => cluster.Partition([a], [b]));
        Assert.Throws<NotSupportedException>(() => cluster.CutOneWay(a, b));
        Assert.Throws<NotSupportedException>(() => cluster.SetLatency(a, b, TimeSpan.FromMilliseconds(1)));
        Assert.Throws<NotSupportedException>(() => cluster.Flap(a, b, TimeSpan.FromSeconds(1)));
        Assert.Throws<NotSupportedException>(() => cluster.Disconnect(a, b));
    }

    [Fact]
    public async Task An_added_node_gets_its_own_options_and_keeps_them_across_restarts()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var hidden = await cluster.AddNodeAsync(o => o.Distribution.Hidden = true);
        await cluster.WaitUntilAsync(() => cluster[0].HiddenNodes.Contains(hidden.Name), "the hidden node connects");
        Assert.DoesNotContain(hidden.Name, cluster[0].Nodes);

        var again = await cluster.RestartAsync(hidden);

        Assert.Same(again, cluster[2]);
        await cluster.WaitUntilAsync(() => cluster[0].HiddenNodes.Contains(again.Name), "the new incarnation connects hidden too");
        Assert.DoesNotContain(again.Name, cluster[0].Nodes);
    }
}
