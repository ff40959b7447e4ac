using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.BehaviourShapeAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class BehaviourShapeTests
{
    [Fact]
    public Task TYP1006_static_abstract_generic_record() => Verifier.Analyzer("""
        [Process] public static partial class [|S|] { }
        [Process] public abstract partial class [|Ab|] { }
        [Process] public partial class [|G|]<T> { [Call] public int X() => 0; }
        [Process] public partial record [|R|] { [Call] public int X() => 0; }
        """);

    [Fact]
    public Task TYP1006_nesting_the_generated_code_cannot_reach() => Verifier.Analyzer("""
        public partial class Outer
        {
            [Process] private partial class [|Hidden|] { [Call] public int X() => 0; }
            [Process] protected partial class [|Guarded|] { [Call] public int X() => 0; }
            private partial class Secret
            {
                [Process] public partial class [|Inside|] { [Call] public int X() => 0; }
            }
        }

        public partial class Box<T>
        {
            [Process] public partial class [|Item|] { [Call] public int X() => 0; }
        }
        """);

    [Fact]
    public Task TYP1006_no_constructor_the_factory_can_call() => Verifier.Analyzer("""
        [Process] public partial class [|Private|] { private Private() { } [Call] public int X() => 0; }
        [Process] public partial class [|ByRef|] { public ByRef(ref int x) { } [Call] public int X() => 0; }
        [Process] public partial class [|Params|] { public Params(params string[] names) { } [Call] public int X() => 0; }
        """);

    [Fact]
    public Task TYP1006_supervisor_and_rpc_shapes() => Verifier.Analyzer("""
        [Process] public partial class Worker { [Call] public int X() => 0; }

        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("w")]
        public partial class [|WithArguments|](string name);

        [Supervisor(Strategy.OneForOne)]
        [Process]
        public partial class [|Both|];

        [Rpc] public partial class [|Maths|] { public static int Add(int a, int b) => a + b; }
        """);

    [Fact]
    public Task TYP1006_rpc_member_named_like_a_generated_stub() => Verifier.Analyzer("""
        [Rpc] public static partial class Maths
        {
            public static int [|On|](int a) => a;
            public static void [|Cast|]() { }
            private static int [|Async|] = 0;
            public sealed class [|CallStub|] { }
            public static int Add(int a, int b) => a + b;
            public static int Multiply(int a, int b) => a * b;
        }

        [Rpc] public static partial class Fine { public static int Online(int a) => a; public static int Casting() => 0; }
        """);

    [Fact]
    public Task TYP1006_not_reported_for_supported_shapes() => Verifier.Analyzer("""
        [Process] public partial class Plain { [Call] public int X() => 0; }
        [Process] internal sealed partial class Sealed(IServiceProvider services) { [Call] public int X() => 0; }
        [Process] public partial class Overloaded { public Overloaded() { } public Overloaded(IServiceProvider s) { } private Overloaded(ref int x) { } [Call] public int X() => 0; }

        public partial class Outer
        {
            internal partial struct Holder
            {
                [Process] internal partial class Nested { [Cast] public void Poke() { } }
            }
        }

        [Supervisor(Strategy.OneForOne)]
        [Child<Plain>("p")]
        public partial class Tree;

        [Rpc] public static partial class Maths { public static int Add(int a, int b) => a + b; }
        """);
}
