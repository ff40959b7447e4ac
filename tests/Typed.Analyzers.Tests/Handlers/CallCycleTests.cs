using Microsoft.CodeAnalysis;
using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Handlers.CallCycleAnalyzer>;

namespace Typed.Analyzers.Tests.Handlers;

public class CallCycleTests
{
    static Microsoft.CodeAnalysis.Testing.DiagnosticResult Cycle(int location, string path) =>
        Verifier.Diagnostic("TYP2005").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(path);

    [Fact]
    public Task TYP2005_two_behaviours_calling_each_other() => Verifier.Analyzer(
        """
        [Process]
        public partial class Alpha(ProcessRef<Beta> beta)
        {
            [Call] public async Task<int> Ping() => await {|#0:beta.Pong()|};
        }

        [Process]
        public partial class Beta(ProcessRef<Alpha> alpha)
        {
            [Call] public async Task<int> Pong() => await {|#1:alpha.Ping()|};
        }
        """,
        Cycle(0, "Alpha.Ping -> Beta.Pong -> Alpha.Ping"),
        Cycle(1, "Alpha.Ping -> Beta.Pong -> Alpha.Ping"));

    [Fact]
    public Task TYP2005_a_longer_cycle_through_a_cast_handler() => Verifier.Analyzer(
        """
        [Process]
        public partial class A(ProcessRef<B> b)
        {
            [Call] public int Read() => 0;
            [Cast] public async Task Kick() => await {|#0:b.Step()|};
        }

        [Process]
        public partial class B(ProcessRef<C> c)
        {
            [Call] public async Task<int> Step() => await {|#1:c.Step()|};
        }

        [Process]
        public partial class C(ProcessRef<A> a)
        {
            [Call] public async Task<int> Step() => await {|#2:a.Read()|};
        }
        """,
        Cycle(0, "A.Kick -> B.Step -> C.Step -> A.Read"),
        Cycle(1, "A.Kick -> B.Step -> C.Step -> A.Read"),
        Cycle(2, "A.Kick -> B.Step -> C.Step -> A.Read"));

    [Fact]
    public Task TYP2005_the_callee_calls_back_into_another_handler() => Verifier.Analyzer(
        """
        [Process]
        public partial class Alpha(ProcessRef<Beta> beta)
        {
            [Call] public async Task<int> Ping() => await {|#1:beta.Pong()|};
        }

        [Process]
        public partial class Beta(ProcessRef<Alpha> alpha)
        {
            [Call] public int Pong() => 1;
            [Call] public async Task<int> Other() => await {|#0:alpha.Ping()|};
        }
        """,
        Cycle(0, "Beta.Other -> Alpha.Ping -> Beta.Pong"),
        Cycle(1, "Beta.Other -> Alpha.Ping -> Beta.Pong"));

    [Fact]
    public Task TYP2005_not_reported_for_casts_calls_outside_handlers_or_other_handlers() => Verifier.Analyzer("""
        [Process]
        public partial class Alpha(ProcessRef<Beta> beta)
        {
            [Call] public async Task<int> Ping() => await beta.Pong();
            [Call] public int Quiet() => 0;
            [Cast] public void Poke() { }
        }

        [Process]
        public partial class Beta(ProcessRef<Alpha> alpha)
        {
            // Casts and discarded calls wait for nothing; a helper is not a handler.
            [Call] public int Pong() { alpha.Poke(); _ = alpha.Ping(); return 1; }
            public async Task<int> Helper() => await alpha.Ping();
        }

        [Process]
        public partial class Node(ProcessRef<Node> next)
        {
            [Call] public async Task<int> Forward() => await next.Forward();
        }
        """);
}
