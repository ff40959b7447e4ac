using Microsoft.Extensions.DependencyInjection;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>Distributed nodes in one test process, on loopback, that know each other's addresses.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    static int s_counter;
    readonly List<Node> _nodes = [];

    public Journal Journal { get; } = new();

    public Gate Gate { get; } = new();

    public IReadOnlyList<Node> Nodes => _nodes;

    public static async Task<TestCluster> StartAsync(int count, Action<int, NodeOptions>? configure = null)
    {
        var cluster = new TestCluster();
        for (var i = 0; i < count; i++)
        {
            await cluster.AddAsync(configure is null ? null : o => configure(i, o));
        }

        return cluster;
    }

    /// <summary>Starts one more node and tells every node where every other listens.</summary>
    public async Task<Node> AddAsync(Action<NodeOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(Journal).AddSingleton(Gate).BuildServiceProvider();
        var options = new NodeOptions
        {
            Name = $"n{Interlocked.Increment(ref s_counter)}@127.0.0.1",
            Cookie = "test-cookie",
            Services = services,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            CallTimeout = TimeSpan.FromSeconds(5),
        };
        options.Distribution.UsePortMapper = false;
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
        configure?.Invoke(options);
        var node = await Node.StartAsync(options);
        _nodes.Add(node);
        foreach (var a in _nodes)
        {
            foreach (var b in _nodes)
            {
                if (a != b && b.DistributionEndpoint is { } endpoint)
                {
                    a.Options.Distribution.StaticAddresses[b.Name] = endpoint;
                }
            }
        }

        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }
    }
}
