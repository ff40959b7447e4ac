using Typed.Analyzers.CodeFixes;
using Typed.Analyzers.Declarations;
using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.NotPartialAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class NotPartialTests
{
    [Fact]
    public Task TYP1001_process_not_partial() => Verifier.Analyzer("""
        [Process] public class [|A|] { [Call] public int X() => 0; }
        """);

    [Fact]
    public Task TYP1001_containing_type_not_partial() => Verifier.Analyzer("""
        public class [|Outer|] { [Process] public partial class A { [Call] public int X() => 0; } }
        """);

    [Fact]
    public Task TYP1001_supervisor_and_rpc_not_partial() => Verifier.Analyzer("""
        [Process] public partial class Worker { [Call] public int X() => 0; }

        [Supervisor(Strategy.OneForOne)]
        [Child<Worker>("w")]
        public class [|Tree|];

        [Rpc] public static class [|Maths|] { public static int Add(int a, int b) => a + b; }
        """);

    [Fact]
    public Task TYP1001_not_reported_for_partial_declarations_and_plain_classes() => Verifier.Analyzer("""
        public partial class Outer
        {
            [Process] public partial class A { [Call] public int X() => 0; }
        }

        public class Plain { public class Inner { } }
        """);

    [Fact]
    public Task TYP1001_fix_adds_partial() => Verifier.CodeFix<AddPartialCodeFix>(
        """
        namespace N;

        [Process]
        public sealed class [|A|]
        {
            [Call] public int X() => 0;
        }
        """,
        """
        namespace N;

        [Process]
        public sealed partial class A
        {
            [Call] public int X() => 0;
        }
        """);

    [Fact]
    public Task TYP1001_fix_adds_partial_without_modifiers() => Verifier.CodeFix<AddPartialCodeFix>(
        """
        class [|Outer|]
        {
            [Process]
            internal partial class A { [Call] public int X() => 0; }
        }
        """,
        """
        partial class Outer
        {
            [Process]
            internal partial class A { [Call] public int X() => 0; }
        }
        """);
}
