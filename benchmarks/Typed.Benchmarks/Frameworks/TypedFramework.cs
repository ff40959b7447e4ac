using System.Net;
using Typed.Benchmarks.Harness;

namespace Typed.Benchmarks.Frameworks;

/// <summary>Typed: generated proxies on <see cref="ProcessRef{T}"/>; remote nodes joined by static addresses.</summary>
internal static class TypedFramework
{
    const string Cookie = "typed-bench";
    const string ServerNode = "srv@127.0.0.1";
    const string ClientNode = "cli@127.0.0.1";

    public static async Task<ISubject> LocalAsync(Settings settings)
    {
        var node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
        return new Subject(node, node.Spawn<Tally>(), node.Spawn<Echo>(), settings);
    }

    public static async Task<ISubject> RemoteAsync(int serverPort, int clientPort, Settings settings)
    {
        var node = await Node.StartAsync(Options(ClientNode, clientPort, serverPort));
        var sink = await node.SpawnOn<Tally>(ServerNode);
        var echo = await node.SpawnOn<Echo>(ServerNode);
        return new Subject(node, sink, echo, settings);
    }

    /// <summary>The server of the remote workloads: a node the client spawns its sink and echo on.</summary>
    public static async Task ServeAsync(int serverPort, int clientPort, Func<Task> untilDone)
    {
        await using var node = await Node.StartAsync(Options(ServerNode, serverPort, clientPort));
        Console.WriteLine(SelfProcess.Ready);
        await untilDone();
    }

    static NodeOptions Options(string name, int port, int peerPort)
    {
        var options = new NodeOptions { Name = name, Cookie = Cookie };
        options.Distribution.ListenPort = port;
        options.Distribution.UsePortMapper = false;
        options.Distribution.StaticAddresses[ServerNode] = new IPEndPoint(IPAddress.Loopback, name == ServerNode ? port : peerPort);
        options.Distribution.StaticAddresses[ClientNode] = new IPEndPoint(IPAddress.Loopback, name == ClientNode ? port : peerPort);
        return options;
    }

    public static async Task<ISpawnSubject> SpawnAsync()
    {
        var node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
        return new Spawner(node);
    }

    sealed class Subject(Node node, ProcessRef<Tally> sink, ProcessRef<Echo> echo, Settings settings) : ISubject
    {
        readonly Tick _tick = new(1, "hello");
        readonly ProcessRef<Tally> _counter = sink.WithTimeout(settings.WaitLimit);

        public async Task<long> SendAndCountAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                sink.Send(_tick);
            }

            return await _counter.Count();
        }

        public ValueTask<int> CallAsync(int n) => echo.Ping(n);

        public async ValueTask DisposeAsync() => await node.StopAsync();
    }

    sealed class Spawner(Node node) : ISpawnSubject
    {
        ProcessRef<Sleeper>[] _refs = new ProcessRef<Sleeper>[100_000];

        // The node's own services (kernel_sup and its children) run throughout: wait for the count to come back to them.
        readonly int _system = node.ProcessCount;
        int _count;

        public async Task SpawnAsync(int count)
        {
            if (_refs.Length < count)
            {
                _refs = new ProcessRef<Sleeper>[count];
            }

            var started = Sleeper.Started.Reset(count);
            for (var i = 0; i < count; i++)
            {
                _refs[i] = node.Spawn<Sleeper>();
            }

            _count = count;
            await started.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async Task StopAllAsync()
        {
            for (var i = 0; i < _count; i++)
            {
                _refs[i].Stop();
                _refs[i] = default;
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (node.ProcessCount > _system)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{node.ProcessCount - _system} processes still running");
                }

                await Task.Delay(1);
            }
        }

        public async ValueTask DisposeAsync() => await node.StopAsync();
    }
}
