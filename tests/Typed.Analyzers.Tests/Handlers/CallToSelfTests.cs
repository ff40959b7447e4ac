using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Handlers.CallToSelfAnalyzer>;

namespace Typed.Analyzers.Tests.Handlers;

public class CallToSelfTests
{
    [Fact]
    public Task TYP2001_calls_through_self() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int Get() => 1;
            [Call] public async Task<int> Twice() => await [|Self.Get()|] * 2;
            [Cast] public async Task Later() => await [|Self.WithTimeout(TimeSpan.FromSeconds(1)).Get()|];
            [Info] public async Task On(Down down) => await [|Context.Node.Ref<A>(Context.Self).Get()|];
            [Init] public async Task Start()
            {
                var me = Self;
                await [|me.Get()|];
            }
        }
        """);

    [Fact]
    public Task TYP2001_in_a_local_function() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int Get() => 1;
            [Call] public async Task<int> Twice()
            {
                return await Inner();
                async Task<int> Inner() => await [|Self.Get()|];
            }
        }
        """);

    [Fact]
    public Task TYP2001_not_reported_for_casts_other_processes_and_non_handlers() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int Get() => 1;
            [Cast] public void Reset() { }
            [Cast] public void Kick() => Self.Reset();
            [Call] public async Task<int> Ask(ProcessRef<A> peer) => await peer.Get();
            [Call] public async Task<int> Moved(ProcessRef<A> peer)
            {
                var target = Self;
                target = peer;
                return await target.Get();
            }
            [Call] public Pid Whoami() => Context.Self;
            [Cast] public void Later() => _ = Task.Run(async () => await Self.Get());

            public async Task<int> Helper() => await Self.Get();
        }
        """);
}
