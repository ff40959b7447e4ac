using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.HandlerSignatureAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class HandlerSignatureTests
{
    [Fact]
    public Task TYP1002_parameters_the_generator_cannot_carry() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int Ref(ref [|int|] y) => y;
            [Call] public int Out(out [|int|] y) { y = 0; return 0; }
            [Call] public int In(in [|int|] y) => y;
            [Call] public int Params(params [|int[]|] y) => 0;
            [Call] public int Span([|Span<int>|] s) => 0;
            [Cast] public unsafe void Pointer([|int*|] p) { }
        }
        """);

    [Fact]
    public Task TYP1002_handler_shapes() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public T [|Generic|]<T>(T y) => y;
            [Call] public static int [|Static|]() => 0;
            [Cast] public async [|void|] Fire() { await Task.Yield(); }
            [Info] public void [|Two|](int a, int b) { }
            [Info] public void [|None|](CancellationToken ct) { }
        }
        """);

    [Fact]
    public Task TYP1002_parameter_names_that_collide_in_the_message_record() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Call] public int Twice(int value, int [|Value|]) => value;
            [Call] public int Reserved(string [|instance|], int [|messageId|]) => 0;
        }
        """);

    [Fact]
    public Task TYP1002_hook_shapes() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Init] public [|int|] Start(string name) => 0;
            [Terminate] public void [|Stop|](int code) { }
        }

        [Process]
        public partial class B
        {
            [Init] public void Start([|CancellationToken|] ct) { }
            [Terminate] public async [|void|] Stop() { await Task.Yield(); }
        }
        """);

    [Fact]
    public Task TYP1002_rpc_methods_that_cannot_cross_the_wire() => Verifier.Analyzer("""
        [Rpc]
        public static partial class Maths
        {
            public static int Add(int a, ref [|int|] b) => a + b;
            public static T [|Echo|]<T>(T value) => value;
            public static int Sum(params int[] values) => 0;
            static int Hidden(ref int b) => b;
        }
        """);

    [Fact]
    public Task TYP1002_not_reported_for_supported_shapes() => Verifier.Analyzer("""
        [MemoryPackable] public partial record Job(int Id);

        [Process]
        public partial class Counter(IServiceProvider services)
        {
            int _n;

            [Init] public async Task Start(string name, int retries) { await Task.Yield(); }
            [Call] public int Get() => _n;
            [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
            [Call] public async Task<long> Slow(int ms) { await Task.Delay(ms); return _n; }
            [Call] public void Touch() { }
            [Call] public int Defaults(int a = 1, string b = "x") => a;
            [Cast] public Task Later() => Task.CompletedTask;
            [Cast] public async ValueTask Nudge(int by) { await Task.Yield(); _n += by; }
            [Info] public void Handle(Job job, CancellationToken ct) { }
            [Info] public Task Handle(Down down) => Task.CompletedTask;
            [Terminate] public ValueTask Stop(ExitReason reason) => default;

            public unsafe void NotAHandler(ref int x, int* p) { }
        }

        [Process]
        public partial class Quiet
        {
            [Init] public void Start() { }
            [Terminate] public void Stop() { }
        }
        """);
}
