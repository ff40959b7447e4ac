using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Handlers.MutableStaticAnalyzer>;

namespace Typed.Analyzers.Tests.Handlers;

public class MutableStaticTests
{
    [Fact]
    public Task TYP2004_mutable_statics_in_a_process() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            static int [|s_count|];
            [ThreadStatic] static string? [|t_name|];
            public static string [|Name|] { get; set; } = "";
            internal static List<int> [|Cache|] { get; private set; } = [];

            [Call] public int Get() => s_count;
        }
        """);

    [Fact]
    public Task TYP2004_not_reported_for_constants_readonly_computed_or_instance_state() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            const int Limit = 10;
            static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);
            static int Computed => Limit * 2;
            static string Derived { get => ""; set { } }
            int _n;
            public int Count { get; set; }

            [Call] public int Get() => _n + Count + Computed;
        }

        public class NotAProcess
        {
            public static int Shared;
        }
        """);
}
