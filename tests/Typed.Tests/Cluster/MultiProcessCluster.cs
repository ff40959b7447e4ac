using Microsoft.Extensions.DependencyInjection;
using Typed.Testing;
using Typed.TestNode.Shared;

namespace Typed.Tests.Cluster;

/// <summary>
/// The test's own node and nodes in child OS processes (the kit's <see cref="TestNodeProcess"/>, running
/// this assembly's behaviours with an echo and a load sink registered), all on 127.0.0.1, each told where
/// the others listen. Disposing kills the children and stops the node.
/// </summary>
internal sealed class MultiProcessCluster : IAsyncDisposable
{
    static int s_counter;
    readonly List<TestNodeProcess> _children = [];
    readonly NodeOptions _options;

    MultiProcessCluster(Node node, NodeOptions options, TimeSpan tickTime)
    {
        Node = node;
        _options = options;
        TickTime = tickTime;
    }

    /// <summary>The node in the test process.</summary>
    public Node Node { get; }

    /// <summary>The tick time every node of the cluster uses.</summary>
    public TimeSpan TickTime { get; }

    public static async Task<MultiProcessCluster> StartAsync(TimeSpan tickTime, Action<NodeOptions>? configure = null)
    {
        var id = Interlocked.Increment(ref s_counter);
        var options = new NodeOptions
        {
            Name = $"test{id}@127.0.0.1",
            Cookie = Guid.NewGuid().ToString("N"),
            Services = new ServiceCollection().AddLogging().BuildServiceProvider(),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            CallTimeout = TimeSpan.FromSeconds(5),
        };
        options.Distribution.UsePortMapper = false;
        options.Distribution.StartPortMapper = false;
        options.Distribution.TickTime = tickTime;
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
        configure?.Invoke(options);
        return new MultiProcessCluster(await Node.StartAsync(options), options, tickTime);
    }

    /// <summary>Starts a node in a child process and connects to it, unless <paramref name="connect"/> is false.</summary>
    public async Task<TestNodeProcess> StartChildAsync(string shortName, bool connect = true)
    {
        var name = $"{shortName}{Interlocked.Increment(ref s_counter)}@127.0.0.1";
        var options = new TestNodeOptions
        {
            Name = name,
            Behaviours = typeof(MultiProcessCluster).Assembly,
            Cookie = _options.Cookie!,
            TickTime = TickTime,
            Startup = typeof(ChildStartup),
        };
        options.Peers[Node.Name] = Node.DistributionEndpoint!;
        var child = await TestNodeProcess.StartAsync(options);
        _children.Add(child);
        child.AddressFor(_options);
        if (!connect)
        {
            return child;
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.True(await Node.ConnectAsync(name, deadline.Token), $"{Node.Name} connects to {name}");
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            child.Kill();   // frozen ones too: a stop would wait for a process that does not run
            await child.DisposeAsync();
        }

        await Node.StopAsync();
    }

    /// <summary>What every child runs: an <see cref="EchoWorker"/> as "echo" and a <see cref="LoadSink"/> as "load".</summary>
    sealed class ChildStartup : ITestNodeStartup
    {
        public void Configure(NodeOptions options) => options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);

        public Task StartedAsync(Node node)
        {
            node.Spawn<EchoWorker>(new SpawnOptions { Name = "echo" });
            node.Spawn<LoadSink>(new SpawnOptions { Name = "load" });
            return Task.CompletedTask;
        }
    }
}
