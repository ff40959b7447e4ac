using Typed.Analyzers.CodeFixes;
using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.CastReturnsValueAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class CastReturnsValueTests
{
    [Fact]
    public Task TYP1005_cast_returning_a_value() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Cast] public [|int|] Count() => 0;
            [Cast] public [|Task<string>|] Later() => Task.FromResult("");
            [Cast] public [|ValueTask<int>|] Soon() => new(1);
        }
        """);

    [Fact]
    public Task TYP1005_not_reported_for_casts_without_a_result() => Verifier.Analyzer("""
        [Process]
        public partial class A
        {
            [Cast] public void Reset() { }
            [Cast] public Task Later() => Task.CompletedTask;
            [Cast] public ValueTask Soon() => default;
            [Call] public int Get() => 0;
            public int NotAHandler() => 0;
        }
        """);

    [Fact]
    public Task TYP1005_fix_makes_it_a_call() => Verifier.CodeFix<CastToCallCodeFix>(
        """
        [Process]
        public partial class A
        {
            [Cast(Id = 5)]
            public [|int|] Count() => 0;

            [Typed.Cast] public [|string|] Name() => "";
        }
        """,
        """
        [Process]
        public partial class A
        {
            [Call(Id = 5)]
            public int Count() => 0;

            [Call] public string Name() => "";
        }
        """);
}
