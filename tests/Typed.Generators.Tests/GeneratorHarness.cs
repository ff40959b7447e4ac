using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Typed.Generators.Tests;

/// <summary>Runs the Typed generator over source text, with the runtime and framework as references.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    static readonly ImmutableArray<MetadataReference> s_references = BuildReferences();

    static ImmutableArray<MetadataReference> BuildReferences()
    {
        var ours = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p) is var f && (f == "Typed.dll" || f.StartsWith("MemoryPack", StringComparison.Ordinal) || f.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return [.. Basic.Reference.Assemblies.Net100.References.All, .. ours];
    }

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Scenario",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            s_references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // As the SDK does: MemoryPack.Core is built against net8.0's System.Runtime.
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new TypedGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the generated files by hint name and the compilation with them.</summary>
    public static (IReadOnlyDictionary<string, string> Files, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var input = Compile(sources);
        Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var files = output.SyntaxTrees.Skip(sources.Length)
            .ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
        return (files, output, diagnostics);
    }

    /// <summary>
    /// Errors anywhere, and warnings in generated files (documentation included: users build with
    /// warnings as errors). Warnings in the scenario's own source are its business.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true))
            .ToList();
}
