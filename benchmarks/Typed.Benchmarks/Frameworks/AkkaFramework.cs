using System.Buffers.Binary;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Typed.Benchmarks.Harness;
using Settings = Typed.Benchmarks.Harness.Settings;

namespace Typed.Benchmarks.Frameworks;

public sealed record ATick(int N, string Text);

public sealed record ACount
{
    public static readonly ACount Instance = new();
}

public sealed record ACounted(long N);

public sealed record APing(int N);

public sealed record APong(int N);

/// <summary>Counts <see cref="ATick"/>s; answers <see cref="ACount"/> with the count so far.</summary>
public sealed class AkkaSink : UntypedActor
{
    long _count;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ATick:
                _count++;
                break;
            case ACount:
                Sender.Tell(new ACounted(_count));
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}

public sealed class AkkaEcho : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is APing ping)
        {
            Sender.Tell(new APong(ping.N));
        }
        else
        {
            Unhandled(message);
        }
    }
}

public sealed class AkkaSleeper : UntypedActor
{
    internal static readonly Countdown Started = new();
    internal static readonly Countdown Stopped = new();

    protected override void PreStart() => Started.Signal();

    protected override void PostStop() => Stopped.Signal();

    protected override void OnReceive(object message) => Unhandled(message);
}

/// <summary>
/// A compact binary serializer for the benchmark messages (a tag byte, then the fields), so Akka.Remote
/// is measured with a serializer as lean as Typed's MemoryPack rather than its JSON default.
/// </summary>
public sealed class AkkaBenchSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public override int Identifier => 4711;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case ATick t:
                var bytes = new byte[5 + Encoding.UTF8.GetByteCount(t.Text)];
                bytes[0] = 1;
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), t.N);
                Encoding.UTF8.GetBytes(t.Text, bytes.AsSpan(5));
                return bytes;
            case ACount:
                return [2];
            case ACounted c:
                var counted = new byte[9];
                counted[0] = 3;
                BinaryPrimitives.WriteInt64LittleEndian(counted.AsSpan(1), c.N);
                return counted;
            case APing p:
                return Int(4, p.N);
            case APong p:
                return Int(5, p.N);
            default:
                throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj));
        }

        static byte[] Int(byte tag, int n)
        {
            var b = new byte[5];
            b[0] = tag;
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), n);
            return b;
        }
    }

    public override object FromBinary(byte[] bytes, Type type) => bytes[0] switch
    {
        1 => new ATick(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1)), Encoding.UTF8.GetString(bytes.AsSpan(5))),
        2 => ACount.Instance,
        3 => new ACounted(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1))),
        4 => new APing(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1))),
        5 => new APong(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1))),
        _ => throw new ArgumentException($"unknown tag {bytes[0]}", nameof(bytes)),
    };
}

/// <summary>Akka.NET 1.5 with UntypedActors, Tell and Ask; Akka.Remote (DotNetty TCP) for the remote workloads.</summary>
internal static class AkkaFramework
{
    const string Quiet = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    static Config RemoteConfig(int port)
    {
        var serializer = typeof(AkkaBenchSerializer).AssemblyQualifiedName;
        string Binding(Type t) => $"\"{t.FullName}, {t.Assembly.GetName().Name}\" = bench";
        return ConfigurationFactory.ParseString($$"""
            {{Quiet}}
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.actor.serializers.bench = "{{serializer}}"
            akka.actor.serialization-bindings {
              {{Binding(typeof(ATick))}}
              {{Binding(typeof(ACount))}}
              {{Binding(typeof(ACounted))}}
              {{Binding(typeof(APing))}}
              {{Binding(typeof(APong))}}
            }
            """);
    }

    public static Task<ISubject> LocalAsync()
    {
        var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString(Quiet));
        return Task.FromResult<ISubject>(new Subject(
            system,
            system.ActorOf(Props.Create<AkkaSink>(), "sink"),
            system.ActorOf(Props.Create<AkkaEcho>(), "echo")));
    }

    public static async Task<ISubject> RemoteAsync(int serverPort, int clientPort, Settings settings)
    {
        var system = ActorSystem.Create("cli", RemoteConfig(clientPort));
        var sink = await system.ActorSelection($"akka.tcp://srv@127.0.0.1:{serverPort}/user/sink").ResolveOne(settings.WaitLimit);
        var echo = await system.ActorSelection($"akka.tcp://srv@127.0.0.1:{serverPort}/user/echo").ResolveOne(settings.WaitLimit);
        return new Subject(system, sink, echo);
    }

    public static async Task ServeAsync(int serverPort, Func<Task> untilDone)
    {
        var system = ActorSystem.Create("srv", RemoteConfig(serverPort));
        system.ActorOf(Props.Create<AkkaSink>(), "sink");
        system.ActorOf(Props.Create<AkkaEcho>(), "echo");
        Console.WriteLine(SelfProcess.Ready);
        await untilDone();
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static Task<ISpawnSubject> SpawnAsync() =>
        Task.FromResult<ISpawnSubject>(new Spawner(ActorSystem.Create("bench", ConfigurationFactory.ParseString(Quiet))));

    sealed class Subject(ActorSystem system, IActorRef sink, IActorRef echo) : ISubject
    {
        readonly ATick _tick = new(1, "hello");

        public async Task<long> SendAndCountAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                sink.Tell(_tick);
            }

            return (await sink.Ask<ACounted>(ACount.Instance)).N;
        }

        // Ask without a timeout: Akka's fastest path (no timer per request); the harness bounds the cell.
        public async ValueTask<int> CallAsync(int n) => (await echo.Ask<APong>(new APing(n))).N;

        public async ValueTask DisposeAsync() => await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    sealed class Spawner(ActorSystem system) : ISpawnSubject
    {
        readonly Props _props = Props.Create<AkkaSleeper>();
        IActorRef[] _refs = new IActorRef[100_000];
        int _count;

        public async Task SpawnAsync(int count)
        {
            if (_refs.Length < count)
            {
                _refs = new IActorRef[count];
            }

            var started = AkkaSleeper.Started.Reset(count);
            for (var i = 0; i < count; i++)
            {
                _refs[i] = system.ActorOf(_props);
            }

            _count = count;
            await started.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async Task StopAllAsync()
        {
            var stopped = AkkaSleeper.Stopped.Reset(_count);
            for (var i = 0; i < _count; i++)
            {
                system.Stop(_refs[i]);
                _refs[i] = null!;
            }

            await stopped.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async ValueTask DisposeAsync() => await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
