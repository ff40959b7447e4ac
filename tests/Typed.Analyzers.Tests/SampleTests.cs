using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Typed.Generators;

namespace Typed.Analyzers.Tests;

/// <summary>
/// samples/Diagnostics reports every rule when built: each file reports the id its name starts
/// with, and nothing else; the sample compiles apart from those diagnostics.
/// </summary>
public class SampleTests
{
    // What the SDK's implicit usings add to a console project, which the sample relies on.
    const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public async Task Diagnostics_sample_reports_every_rule_each_in_its_own_file()
    {
        var files = Directory.GetFiles(Repository.Path("samples", "Diagnostics"), "*.cs").Order(StringComparer.Ordinal).ToList();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), References.ParseOptions, path: f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, References.ParseOptions, path: "ImplicitUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "Typed.Samples.Diagnostics",
            trees,
            References.Metadata,
            (CSharpCompilationOptions)References.Options(new CSharpCompilationOptions(OutputKind.ConsoleApplication)));
        CSharpGeneratorDriver.Create(new TypedGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        var diagnostics = await output.WithAnalyzers([.. CatalogueTests.Analyzers()]).GetAllDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)));
        var typed = diagnostics.Where(d => d.Id.StartsWith("TYP", StringComparison.Ordinal)).ToList();
        Assert.All(typed, d => Assert.StartsWith(d.Id + "_", Path.GetFileName(d.Location.SourceTree!.FilePath), StringComparison.Ordinal));
        // TYP0001 is the generator's own; TYP0002 needs a build without the generator (GeneratorNotRunTests).
        Assert.Equal(
            CatalogueTests.Ids.Where(id => id is not (DiagnosticIds.GeneratorFailed or DiagnosticIds.GeneratorNotRun)),
            typed.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(files.Where(f => Path.GetFileName(f).StartsWith("TYP", StringComparison.Ordinal)), f =>
            Assert.Contains(typed, d => d.Location.SourceTree!.FilePath == f));
    }
}
