namespace Typed.Generators.Tests;

/// <summary>Representative declarations: each is a snapshot scenario and must compile with its generated code.</summary>
internal static class Scenarios
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoryPack;
        using Typed;

        """;

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["SyncAndAsync"] = Usings + """
            namespace Shop;

            [MemoryPackable] public partial record Job(int Id, string Payload);

            /// <summary>Sync and async handlers of every shape.</summary>
            [Process]
            public partial class Counter(Microsoft.Extensions.Logging.ILogger<Counter> log)
            {
                int _n;

                [Call] public int Get() => _n;
                [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
                [Call] public async Task<long> Slow(int ms) { await Task.Delay(ms); return _n; }
                [Call] public void Touch() { }
                [Call] public Task Flush() => Task.CompletedTask;
                [Call] public ValueTask Sync(CancellationToken ct) => default;
                [Cast] public void Reset() => _n = 0;
                [Cast] public Task ResetLater() => Task.CompletedTask;
                [Cast] public ValueTask Nudge(int by) { _n += by; return default; }
                [Cast] public void Mark(string cancellationToken) { }
                [Cast] public void Ping(int n) { }
                [Call] public int PingAsync(int n) => n;   // a handler of that name keeps it: the cast Ping has no PingAsync
                [Info] public void Handle(Job job) => log.LogDebugJob(job.Id);
                [Info] public Task Handle(Down down) => Task.CompletedTask;
            }

            internal static class LogExtensions
            {
                public static void LogDebugJob(this Microsoft.Extensions.Logging.ILogger log, int id) { }
            }
            """,

        ["NestedTypes"] = Usings + """
            namespace Outer.Inner
            {
                public partial class Host
                {
                    [MemoryPackable] public partial record Ping(string From);

                    [Process]
                    public partial class Echo
                    {
                        [Call] public string Say(string text) => text;
                        [Info] public void On(Ping ping) { }
                    }

                    internal partial struct Holder
                    {
                        [Process]
                        internal partial class Hidden
                        {
                            [Cast] public void Poke() { }
                        }
                    }
                }
            }
            """,

        ["NullableAndCollections"] = Usings + """
            namespace Data;

            [MemoryPackable] public partial record Item(string Name, decimal Price);

            [Process]
            public partial class Catalog
            {
                [Call] public string? Find(string? key, int? limit) => key;
                [Call] public List<Item> All(Dictionary<string, int[]> filter, HashSet<Guid> ids) => [];
                [Call] public Item? Best(IReadOnlyList<Item> items) => null;
                [Call] public (int Count, string Name) Pair(DateTimeOffset at, TimeSpan span) => (1, "");
                [Call] public Pid Owner(ProcessRef<Catalog> self, Pid pid) => pid;
                [Call] public ProcessRef<Catalog>? Peer(byte[] blob, KeyValuePair<string, long> entry) => null;
                [Cast] public void Tag(ConsoleColor color, char c, bool flag) { }
            }
            """,

        ["StartArgsAndHooks"] = Usings + """
            namespace Life;

            [Process]
            public partial class Session(IServiceProvider services)
            {
                string _user = "";

                [Init] public async Task Start(string user, int retries, List<string> roles) { await Task.Yield(); _user = user; }
                [Call] public string User() => _user;
                [Call] public int Defaults(int a = 1, string b = "x", ConsoleColor c = ConsoleColor.Red, double d = -1.5, string? e = null) => a;
                [Terminate] public ValueTask Stop(ExitReason reason) => default;
            }

            [Process(Id = 42)]
            internal partial class Explicit
            {
                [Init] public void Init() { }
                [Call(Id = 7)] public int Seven() => 7;
                [Cast(Id = 8)] public void Eight() { }
                [Terminate] public void Done() { }
            }
            """,

        ["HooksOnly"] = Usings + """
            namespace Quiet;

            [Process]
            public partial class Sleeper
            {
                [Init] public void Init() { }
                [Terminate] public void Done(ExitReason reason) { }
            }
            """,

        ["Supervisors"] = Usings + """
            namespace Tree;

            [Process] public partial class Cache { [Call] public int Size() => 0; }

            [Process]
            public partial class Worker
            {
                [Init] public void Init(string queue, int slots) { }
            }

            [Supervisor(Strategy.RestForOne, Intensity = 3, Period = 30, AutoShutdown = AutoShutdown.AnySignificant)]
            [Child<Cache>("session-cache", Restart.Permanent, Shutdown = Shutdown.BrutalKill)]
            [Child<Pool>("pool", Restart.Transient, Significant = true)]
            [Child<Cache>("main", Restart.Temporary, Shutdown = 2000)]
            [Child<Cache>("remote", Restart.Permanent, Node = "b@127.0.0.1")]
            [Child<Cache>("singleton", Restart.Permanent, SplitBrain = SplitBrain.KeepMajority)]
            public partial class App;

            /// <summary>Dynamic workers.</summary>
            [Supervisor(Strategy.SimpleOneForOne, Id = 77)]
            [Child<Worker>("worker", Restart.Transient)]
            internal partial class Pool;

            public static partial class Outer
            {
                [Supervisor(Strategy.OneForAll)]
                [Child<Cache>("1st", Restart.Permanent)]
                public partial class Nested;
            }
            """,

        ["Rpc"] = Usings + """
            namespace Calc;

            [MemoryPackable] public partial record Point(int X, int Y);

            /// <summary>Functions of every shape.</summary>
            [Rpc]
            public static partial class Maths
            {
                public static int Add(int a, int b) => a + b;
                public static int Add(int a, int b, int c) => a + b + c;
                public static async Task<string> Slow(int ms, CancellationToken ct) { await Task.Delay(ms, ct); return "done"; }
                public static void Fail(string why) => throw new InvalidOperationException(why);
                public static Task Flush() => Task.CompletedTask;
                public static ValueTask Touch(CancellationToken ct) => default;
                public static ValueTask<Point?> Move(Point p, in int dx, string? label = null, int dy = 2) => new(p with { X = p.X + dx, Y = p.Y + dy });
                public static long Now() => 0;
                public static int Sum(params int[] xs) => xs.Length;
                public static int @event(int cancellationToken) => cancellationToken;
                internal static int Hidden() => 0;
            }

            public partial class Host
            {
                [Rpc(Id = 42)]
                internal static partial class Tools
                {
                    public static List<string> Names(Dictionary<string, int> map) => new(map.Keys);
                }
            }
            """,

        ["GlobalNamespace"] = """
            using Typed;

            [Process]
            internal partial class Lonely
            {
                [Call] public int Zero() => 0;
                [Call] public int @class(int @event) => @event;
            }
            """,
    };

    /// <summary>Declarations the generator cannot serve: each must generate nothing and not fail.</summary>
    public static readonly IReadOnlyDictionary<string, string> Invalid = new Dictionary<string, string>
    {
        ["NotPartial"] = "[Process] public class A { [Call] public int X() => 0; }",
        ["ContainingNotPartial"] = "public class Outer { [Process] public partial class A { [Call] public int X() => 0; } }",
        ["Static"] = "[Process] public static partial class A { }",
        ["Abstract"] = "[Process] public abstract partial class A { }",
        ["Generic"] = "[Process] public partial class A<T> { [Call] public int X() => 0; }",
        ["Record"] = "[Process] public partial record A { [Call] public int X() => 0; }",
        ["RefParameter"] = "[Process] public partial class A { [Call] public int X(ref int y) => y; }",
        ["ParamsParameter"] = "[Process] public partial class A { [Call] public int X(params int[] y) => 0; }",
        ["GenericHandler"] = "[Process] public partial class A { [Call] public T X<T>(T y) => y; }",
        ["AsyncVoid"] = "[Process] public partial class A { [Cast] public async void X() { await System.Threading.Tasks.Task.Yield(); } }",
        ["InfoTwoParameters"] = "[Process] public partial class A { [Info] public void X(int a, int b) { } }",
        ["Overloads"] = "[Process] public partial class A { [Call] public int X() => 0; [Call] public int X(int a) => a; }",
        ["DuplicateIds"] = "[Process] public partial class A { [Call(Id = 5)] public int X() => 0; [Cast(Id = 5)] public void Y() { } }",
        ["PrivateNested"] = "public partial class Outer { [Process] private partial class A { [Call] public int X() => 0; } }",
        ["NoUsableConstructor"] = "[Process] public partial class A { private A() { } [Call] public int X() => 0; }",
        ["SpanParameter"] = "[Process] public partial class A { [Call] public int X(System.Span<int> s) => 0; }",
        ["TwoInits"] = "[Process] public partial class A { [Init] public void I1() { } [Init] public void I2() { } }",
        ["SupervisorNotPartial"] = "[Supervisor(Strategy.OneForOne)] public class S { }",
        ["SupervisorChildNotAProcess"] = "[Supervisor(Strategy.OneForOne)] [Child<string>(\"x\")] public partial class S { }",
        ["SupervisorDuplicateIds"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne)] [Child<P>(\"x\")] [Child<P>(\"x\")] public partial class S { }",
        ["SupervisorBadIntensity"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne, Intensity = -1)] [Child<P>(\"x\")] public partial class S { }",
        ["SupervisorBadPeriod"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne, Period = 0)] [Child<P>(\"x\")] public partial class S { }",
        ["SupervisorBadShutdown"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne)] [Child<P>(\"x\", Shutdown = -5)] public partial class S { }",
        ["SupervisorSignificantPermanent"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne)] [Child<P>(\"x\", Restart.Permanent, Significant = true)] public partial class S { }",
        ["SupervisorSimpleTwoChildren"] = "[Process] public partial class P { } [Supervisor(Strategy.SimpleOneForOne)] [Child<P>(\"x\")] [Child<P>(\"y\")] public partial class S { }",
        ["SupervisorStaticChildWithArgs"] = "[Process] public partial class P { [Init] public void I(int a) { } } [Supervisor(Strategy.OneForOne)] [Child<P>(\"x\")] public partial class S { }",
        ["SupervisorWithConstructorArgs"] = "[Process] public partial class P { } [Supervisor(Strategy.OneForOne)] [Child<P>(\"x\")] public partial class S(int a) { }",
        ["RpcNotStatic"] = "[Rpc] public partial class M { public static int X() => 0; }",
        ["RpcNotPartial"] = "[Rpc] public static class M { public static int X() => 0; }",
        ["RpcGenericFunction"] = "[Rpc] public static partial class M { public static T X<T>(T y) => y; }",
        ["RpcRefParameter"] = "[Rpc] public static partial class M { public static int X(ref int y) => y; }",
        ["RpcSpanParameter"] = "[Rpc] public static partial class M { public static int X(System.Span<int> s) => 0; }",
        ["RpcAsyncVoid"] = "[Rpc] public static partial class M { public static async void X() { await System.Threading.Tasks.Task.Yield(); } }",
        ["RpcReservedName"] = "[Rpc] public static partial class M { public static int On() => 0; }",
        ["RpcReservedNestedType"] = "[Rpc] public static partial class M { public sealed class CallStub { } public static int X() => 0; }",
        ["BadTerminate"] = "[Process] public partial class A { [Terminate] public void T(int x) { } }",
    };
}
