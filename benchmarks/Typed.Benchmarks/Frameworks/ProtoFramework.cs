using Proto;
using Proto.Remote;
using Proto.Remote.GrpcNet;
using Typed.Benchmarks.Harness;
using Typed.Benchmarks.ProtoActor;

namespace Typed.Benchmarks.Frameworks;

/// <summary>Counts <see cref="PTick"/>s; answers <see cref="PCount"/> with the count so far.</summary>
public sealed class ProtoSink : IActor
{
    long _count;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case PTick:
                _count++;
                break;
            case PCount:
                context.Respond(new PCounted { N = _count });
                break;
        }

        return Task.CompletedTask;
    }
}

public sealed class ProtoEcho : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is PPing ping)
        {
            context.Respond(new PPong { N = ping.N });
        }

        return Task.CompletedTask;
    }
}

public sealed class ProtoSleeper : IActor
{
    internal static readonly Countdown StartedAll = new();
    internal static readonly Countdown StoppedAll = new();

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                StartedAll.Signal();
                break;
            case Stopped:
                StoppedAll.Signal();
                break;
        }

        return Task.CompletedTask;
    }
}

/// <summary>Proto.Actor 1.8 with protobuf messages; Proto.Remote (gRPC streams over HTTP/2) for the remote workloads.</summary>
internal static class ProtoFramework
{
    static readonly Props SinkProps = Props.FromProducer(() => new ProtoSink());
    static readonly Props EchoProps = Props.FromProducer(() => new ProtoEcho());

    public static Task<ISubject> LocalAsync()
    {
        var system = new ActorSystem();
        return Task.FromResult<ISubject>(new Subject(system, system.Root.Spawn(SinkProps), system.Root.Spawn(EchoProps)));
    }

    static RemoteConfig Config(int port) =>
        RemoteConfig.BindToLocalhost(port).WithProtoMessages(BenchMessagesReflection.Descriptor);

    public static async Task<ISubject> RemoteAsync(int serverPort, int clientPort)
    {
        var system = new ActorSystem().WithRemote(Config(clientPort));
        await system.Remote().StartAsync();
        var server = $"127.0.0.1:{serverPort}";
        return new Subject(system, PID.FromAddress(server, "sink"), PID.FromAddress(server, "echo"), remote: true);
    }

    public static async Task ServeAsync(int serverPort, Func<Task> untilDone)
    {
        var system = new ActorSystem().WithRemote(Config(serverPort));
        await system.Remote().StartAsync();
        system.Root.SpawnNamed(SinkProps, "sink");
        system.Root.SpawnNamed(EchoProps, "echo");
        Console.WriteLine(SelfProcess.Ready);
        await untilDone();
        await system.Remote().ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static Task<ISpawnSubject> SpawnAsync() => Task.FromResult<ISpawnSubject>(new Spawner(new ActorSystem()));

    sealed class Subject(ActorSystem system, PID sink, PID echo, bool remote = false) : ISubject
    {
        readonly PTick _tick = new() { N = 1, Text = "hello" };
        readonly PCount _count = new();

        public async Task<long> SendAndCountAsync(int count)
        {
            var root = system.Root;
            for (var i = 0; i < count; i++)
            {
                root.Send(sink, _tick);
            }

            return (await root.RequestAsync<PCounted>(sink, _count)).N;
        }

        public async ValueTask<int> CallAsync(int n) => (await system.Root.RequestAsync<PPong>(echo, new PPing { N = n })).N;

        public async ValueTask DisposeAsync()
        {
            if (remote)
            {
                await system.Remote().ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            await system.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    sealed class Spawner(ActorSystem system) : ISpawnSubject
    {
        readonly Props _props = Props.FromProducer(() => new ProtoSleeper());
        PID[] _pids = new PID[100_000];
        int _count;

        public async Task SpawnAsync(int count)
        {
            if (_pids.Length < count)
            {
                _pids = new PID[count];
            }

            var started = ProtoSleeper.StartedAll.Reset(count);
            var root = system.Root;
            for (var i = 0; i < count; i++)
            {
                _pids[i] = root.Spawn(_props);
            }

            _count = count;
            await started.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async Task StopAllAsync()
        {
            var stopped = ProtoSleeper.StoppedAll.Reset(_count);
            var root = system.Root;
            for (var i = 0; i < _count; i++)
            {
                root.Stop(_pids[i]);
                _pids[i] = null!;
            }

            await stopped.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async ValueTask DisposeAsync() => await system.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
