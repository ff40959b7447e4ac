using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Typed.Tests.Cluster;

/// <summary>
/// The test's own node, which runs a port mapper on a free loopback port (never epmd's 4369), and
/// nodes in child OS processes registered with it. Disposing kills the children and stops the node.
/// </summary>
internal sealed class MultiProcessCluster : IAsyncDisposable
{
    static int s_counter;
    readonly List<TestNodeProcess> _children = [];

    MultiProcessCluster(Node node, TimeSpan tickTime)
    {
        Node = node;
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
        options.Distribution.PortMapperPort = FreeLoopbackPort();
        options.Distribution.TickTime = tickTime;
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
        configure?.Invoke(options);
        return new MultiProcessCluster(await Node.StartAsync(options), tickTime);
    }

    /// <summary>Starts a node in a child process and connects to it, unless <paramref name="connect"/> is false.</summary>
    public async Task<TestNodeProcess> StartChildAsync(string shortName, bool connect = true)
    {
        var name = $"{shortName}{Interlocked.Increment(ref s_counter)}@127.0.0.1";
        var child = await TestNodeProcess.StartAsync(name, Node.Options.Cookie!, Node.Options.Distribution.PortMapperPort, TickTime, TimeSpan.FromSeconds(10));
        _children.Add(child);
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
            child.Dispose();
        }

        await Node.StopAsync();
    }

    static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
