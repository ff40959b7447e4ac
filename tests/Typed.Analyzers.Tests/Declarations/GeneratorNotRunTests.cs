using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Typed.Analyzers.Declarations;
using Typed.Generators;

namespace Typed.Analyzers.Tests.Declarations;

/// <summary>TYP0002: declarations in a compilation the Typed generator did not run in.</summary>
public class GeneratorNotRunTests
{
    const string Declarations = """
        [Process] public partial class Counter { int _n; [Call] public int Add(int k) => _n += k; }
        [Supervisor(Strategy.OneForOne)] [Child<Counter>("counter")] public partial class App;
        [Rpc] public static partial class Maths { public static int Add(int a, int b) => a + b; }
        """;

    [Fact]
    public async Task Without_the_generator_every_declaration_says_so()
    {
        var diagnostics = await Analyze(Compilation(Declarations), generator: false);

        Assert.Equal(["App", "Counter", "Maths"], diagnostics.Select(d => d.GetMessage().Split('\'')[1]).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(DiagnosticIds.GeneratorNotRun, d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("the Typed source generator did not run", d.GetMessage(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_the_generator_nothing_is_reported()
    {
        Assert.Empty(await Analyze(Compilation(Declarations), generator: true));
    }

    [Fact]
    public async Task A_declaration_the_generator_skipped_is_left_to_its_own_rule()
    {
        // The generator ran (Counter has code); Broken is skipped and gets TYP1002, not TYP0002.
        var source = Declarations + "\n[Process] public partial class Broken { [Call] public int X(ref int y) => y; }";

        Assert.Empty(await Analyze(Compilation(source), generator: true));
    }

    [Fact]
    public async Task A_declaration_that_is_not_partial_is_left_to_TYP1001()
    {
        var diagnostics = await Analyze(Compilation("[Process] public class Counter { [Call] public int Get() => 0; }"), generator: false);

        Assert.Empty(diagnostics);
    }

    static CSharpCompilation Compilation(string source) => CSharpCompilation.Create(
        "User",
        [CSharpSyntaxTree.ParseText(References.Usings, References.ParseOptions), CSharpSyntaxTree.ParseText(source, References.ParseOptions, path: "User.cs")],
        References.Metadata,
        (CSharpCompilationOptions)References.Options(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    static async Task<IReadOnlyList<Diagnostic>> Analyze(Compilation compilation, bool generator)
    {
        if (generator)
        {
            CSharpGeneratorDriver.Create(new TypedGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }

        return await compilation.WithAnalyzers([new GeneratorNotRunAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }
}
