using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Typed.Generators;

namespace Typed.Analyzers.Tests;

/// <summary>
/// Runs one analyzer (and its code fix) over test source the way a user's build does: with the
/// Typed generator's output in the compilation, the runtime and MemoryPack as metadata references,
/// and .NET 10 reference assemblies that need no download.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error);

    /// <summary>Asserts the analyzer reports exactly the diagnostics marked in <paramref name="source"/> (<c>[|...|]</c>, <c>{|ID:...|}</c>) and <paramref name="expected"/>.</summary>
    public static Task Analyzer(string source, params DiagnosticResult[] expected) => Analyzer([source], expected);

    public static Task Analyzer(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Asserts the marked diagnostics, then that <typeparamref name="TFix"/> turns <paramref name="source"/> into <paramref name="fixedSource"/>.</summary>
    public static Task CodeFix<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new Test<TFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunWithUsingsAsync();
    }

    /// <summary>Asserts that no fix is offered for the marked diagnostics.</summary>
    public static Task NoCodeFix<TFix>(string source)
        where TFix : CodeFixProvider, new()
    {
        var test = new Test<TFix> { TestCode = source, FixedCode = source };
        return test.RunWithUsingsAsync();
    }

    sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = References.Assemblies;
            TestState.AdditionalReferences.AddRange(References.Metadata);
            TestState.Sources.Add(("Usings.cs", References.Usings));
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(TypedGenerator)];

        protected override ParseOptions CreateParseOptions() => References.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => References.Options(base.CreateCompilationOptions());
    }

    sealed class Test<TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public Test()
        {
            ReferenceAssemblies = References.Assemblies;
            TestState.AdditionalReferences.AddRange(References.Metadata);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        /// <summary>Adds the usings last, so the code under test stays the first document (where markup and fixes apply).</summary>
        public Task RunWithUsingsAsync()
        {
            TestState.Sources.Add(("Usings.cs", References.Usings));
            FixedState.Sources.Add(("Usings.cs", References.Usings));
            return RunAsync();
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(TypedGenerator)];

        protected override ParseOptions CreateParseOptions() => References.ParseOptions;

        protected override CompilationOptions CreateCompilationOptions() => References.Options(base.CreateCompilationOptions());
    }
}

/// <summary>What every test compilation references, resolved once.</summary>
internal static class References
{
    /// <summary>The usings every test source gets, as a project would from ImplicitUsings.</summary>
    public const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using MemoryPack;
        global using Typed;

        """;

    /// <summary>A target framework with no package: nothing is downloaded; the references come from <see cref="Metadata"/>.</summary>
    public static readonly ReferenceAssemblies Assemblies = new("net10.0");

    /// <summary>.NET 10's reference assemblies, the Typed runtime and what its generated code uses.</summary>
    public static readonly ImmutableArray<MetadataReference> Metadata = Build();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Nullable on, unsafe allowed (pointer cases), MemoryPack's reference warnings off.</summary>
    public static CompilationOptions Options(CompilationOptions options) =>
        ((CSharpCompilationOptions)options)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithAllowUnsafe(true)
            .WithSpecificDiagnosticOptions(Suppressed);

    /// <summary>As the SDK does: MemoryPack.Core is built against net8.0's System.Runtime.</summary>
    public static readonly ImmutableDictionary<string, ReportDiagnostic> Suppressed = ImmutableDictionary<string, ReportDiagnostic>.Empty
        .Add("CS1701", ReportDiagnostic.Suppress)
        .Add("CS1702", ReportDiagnostic.Suppress);

    static ImmutableArray<MetadataReference> Build()
    {
        var ours = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p) is var f
                && (f == "Typed.dll" || f.StartsWith("MemoryPack", StringComparison.Ordinal) || f.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return [.. Basic.Reference.Assemblies.Net100.References.All, .. ours];
    }
}
