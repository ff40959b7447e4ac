using System.Globalization;
using System.Text;

namespace Typed.GeneratorBenchmarks;

/// <summary>
/// The sources of a synthetic Typed project of <c>N</c> behaviours: one file each (four handlers:
/// two calls, a cast, an info on a [MemoryPackable] record of its own), N/10 supervisors of ten
/// children each, N/10 [Rpc] modules of three functions, and one file that has nothing of Typed.
/// </summary>
internal static class SyntheticProject
{
    public const string UnrelatedPath = "Unrelated.cs";

    public static string BehaviourPath(int i) => $"Behaviours/Worker{i}.cs";

    public static IReadOnlyList<(string Path, string Text)> Sources(int n)
    {
        var files = new List<(string, string)>(n + (n / 5) + 1);
        for (var i = 0; i < n; i++)
        {
            files.Add((BehaviourPath(i), Behaviour(i, body: "_n = 0", extraHandlers: 0)));
        }

        for (var s = 0; s < Math.Max(1, n / 10); s++)
        {
            files.Add(($"Supervisors/Sup{s}.cs", Supervisor(s, n)));
        }

        for (var r = 0; r < Math.Max(1, n / 10); r++)
        {
            files.Add(($"Rpc/Module{r}.cs", Rpc(r)));
        }

        files.Add((UnrelatedPath, Unrelated(0)));
        return files;
    }

    /// <summary>Behaviour <paramref name="i"/>; <paramref name="body"/> is its cast's body, <paramref name="extraHandlers"/> more casts are appended.</summary>
    public static string Behaviour(int i, string body, int extraHandlers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using MemoryPack;
            using Typed;

            namespace Bench.Area{{i % 10}};

            [MemoryPackable] public partial record Job{{i}}(int Id, string Payload);

            [Process]
            public partial class Worker{{i}}
            {
                int _n;

                [Call] public int Get() => _n;
                [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
                [Cast] public void Reset() { {{body}}; }
                [Info] public void Handle(Job{{i}} job) => _n += job.Id;

            """);
        for (var e = 0; e < extraHandlers; e++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    [Cast] public void Extra{e}(int x, string why) => _n += x;\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    static string Supervisor(int s, int n)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"using Typed;\n\nnamespace Bench.Trees;\n\n[Supervisor(Strategy.OneForOne, Intensity = 5, Period = 60)]\n");
        for (var c = 0; c < 10; c++)
        {
            var child = ((s * 10) + c) % n;
            text.Append(CultureInfo.InvariantCulture, $"[Child<Bench.Area{child % 10}.Worker{child}>(\"w{c}\", Restart.Permanent)]\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"public partial class Sup{s};\n");
        return text.ToString();
    }

    static string Rpc(int r) => string.Create(CultureInfo.InvariantCulture, $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Typed;

        namespace Bench.Rpc;

        [Rpc]
        public static partial class Module{{r}}
        {
            public static int Add(int a, int b) => a + b;
            public static Task<string> Echo(string s, CancellationToken ct) => Task.FromResult(s);
            public static void Log(string line) { }
        }
        """);

    public static string Unrelated(int version) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Bench;

        public static class Unrelated
        {
            public static int Value() => {{version}};
        }
        """);
}
