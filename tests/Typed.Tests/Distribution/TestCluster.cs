using Microsoft.Extensions.DependencyInjection;
using Typed.Distribution.Transport;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>
/// Distributed nodes in one test process: on loopback TCP, knowing each other's addresses, or on an
/// <see cref="InMemoryNetwork"/> whose faults (partitions, silences) the test controls.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    static int s_counter;
    readonly List<Node> _nodes = [];

    /// <summary>The in-memory network the nodes run on; null for TCP.</summary>
    public InMemoryNetwork? Network { get; private init; }

    public Journal Journal { get; } = new();

    public Gate Gate { get; } = new();

    public IReadOnlyList<Node> Nodes => _nodes;

    public static async Task<TestCluster> StartAsync(int count, Action<int, NodeOptions>? configure = null, bool inMemory = false)
    {
        var cluster = new TestCluster { Network = inMemory ? new InMemoryNetwork() : null };
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
        if (Network is { } network)
        {
            options.Distribution.Transport = network.Transport;
        }

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
