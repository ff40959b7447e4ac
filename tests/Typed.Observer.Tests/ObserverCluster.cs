using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Typed.Observer.Tests;

/// <summary>
/// Named nodes in the test process, over real TCP on 127.0.0.1, each knowing where the others listen,
/// each running <see cref="AppSupervisor"/> as <c>app</c>, and meshed.
/// </summary>
internal sealed class ObserverCluster : IAsyncDisposable
{
    static int s_counter;
    readonly List<Node> _nodes = [];
    readonly List<NodeOptions> _options = [];

    public IReadOnlyList<Node> Nodes => _nodes;

    public Node this[int index] => _nodes[index];

    public static async Task<ObserverCluster> StartAsync(int count)
    {
        var cluster = new ObserverCluster();
        var run = Interlocked.Increment(ref s_counter);
        for (var i = 0; i < count; i++)
        {
            var options = Options($"{(char)('a' + i)}{run}@127.0.0.1");
            options.Supervise<AppSupervisor>(AppSupervisor.Name);
            cluster._nodes.Add(await Node.StartAsync(options));
            cluster._options.Add(options);
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var b in cluster._nodes.Where(b => b != cluster._nodes[i]))
            {
                cluster._options[i].Distribution.StaticAddresses[b.Name] = b.DistributionEndpoint!;
            }
        }

        foreach (var other in cluster._nodes.Skip(1))
        {
            Assert.True(await cluster._nodes[0].PingAsync(other.Name));
        }

        await Eventually.True(() => cluster._nodes.All(n => n.Nodes.Count == count - 1), "the nodes meshed");
        return cluster;
    }

    /// <summary>Starts a hidden node (as Erlang's observer often runs) that knows where the others listen, and connects it to the first.</summary>
    public async Task<Node> AddHiddenAsync()
    {
        var options = Options($"hidden{Interlocked.Increment(ref s_counter)}@127.0.0.1");
        options.Distribution.Hidden = true;
        foreach (var node in _nodes)
        {
            options.Distribution.StaticAddresses[node.Name] = node.DistributionEndpoint!;
        }

        var hidden = await Node.StartAsync(options);
        _nodes.Add(hidden);
        Assert.True(await hidden.PingAsync(_nodes[0].Name));
        return hidden;
    }

    static NodeOptions Options(string name)
    {
        var options = new NodeOptions
        {
            Name = name,
            Cookie = "observer-test",
            Services = new ServiceCollection().AddLogging().BuildServiceProvider(),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        options.Distribution.UsePortMapper = false;
        options.Distribution.ListenAddress = IPAddress.Loopback;
        options.Distribution.TickTime = TimeSpan.FromSeconds(4);
        return options;
    }

    /// <summary>Stops one node as if its OS process died: the others see its connections drop.</summary>
    public async Task KillAsync(Node node)
    {
        _nodes.Remove(node);
        await node.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }
    }
}
