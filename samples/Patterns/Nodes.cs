using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Typed.Samples.Patterns;

/// <summary>
/// Node a (this process, which narrates) and the other nodes of one pattern, each in an OS process of
/// its own on 127.0.0.1, with a port mapper of the pattern's own on a free port (never epmd's 4369).
/// </summary>
public sealed class Nodes : IAsyncDisposable
{
    /// <summary>The name of the custom resolve function every node registers.</summary>
    public const string FirstByName = "first-by-name";

    readonly Dictionary<string, NodeProcess> _children = new(StringComparer.Ordinal);

    Nodes(Node a) => A = a;

    /// <summary>Node a: this process.</summary>
    public Node A { get; }

    /// <summary>The child node <paramref name="name"/>'s OS process.</summary>
    public NodeProcess this[string name] => _children[name];

    /// <summary>
    /// Starts node a, then one OS process per entry of <paramref name="children"/> (a node name and its
    /// flags), waits until each is ready and, when <paramref name="connect"/>, connects a to each.
    /// </summary>
    public static async Task<Nodes> StartAsync((string Name, string[] Flags)[] children, CancellationToken ct, Action<NodeOptions>? configure = null, bool connect = true)
    {
        var cookie = Guid.NewGuid().ToString("N");
        var options = Configure(new NodeOptions { Name = "a@127.0.0.1", Cookie = cookie }, FreeLoopbackPort());
        options.Distribution.StartPortMapper = true;   // node a runs the pattern's port mapper
        configure?.Invoke(options);
        var nodes = new Nodes(await Node.StartAsync(options));
        var port = options.Distribution.PortMapperPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, flags) in children)
        {
            nodes._children[name] = NodeProcess.Start(name, ["--node", name, "--cookie", cookie, "--port-mapper", port, .. flags]);
        }

        foreach (var (name, _) in children)
        {
            await nodes._children[name].WaitReadyAsync(ct);
            if (connect && !await nodes.A.ConnectAsync(name, ct))
            {
                throw new InvalidOperationException($"a could not connect to {name}");
            }
        }

        return nodes;
    }

    /// <summary>What every node of a pattern shares: the port mapper, and the resolve function.</summary>
    public static NodeOptions Configure(NodeOptions options, int portMapperPort)
    {
        options.Distribution.PortMapperPort = portMapperPort;
        options.Distribution.StartPortMapper = false;
        options.GlobalResolvers[FirstByName] = (_, first, second) => string.CompareOrdinal(first.Node, second.Node) <= 0 ? first : second;
        return options;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; the pattern's deadline ends a wait that never does.</summary>
    public static async Task Until(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }

    /// <summary>Asks every child to stop (closing its stdin), waits for them, then stops node a.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children.Values)
        {
            try
            {
                child.CloseInput();
                await child.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
            {
                // Killed or frozen by the pattern: Dispose below kills what is left.
            }

            child.Dispose();
        }

        await A.DisposeAsync();
    }

    static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
