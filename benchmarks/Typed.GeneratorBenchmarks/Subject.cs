using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.GeneratorBenchmarks;

/// <summary>
/// A generator and its analyzers to measure: this build's, or a baseline build's (another commit's
/// Typed.Generators.dll and Typed.Analyzers.dll in a folder), loaded side by side in their own load
/// context so both are measured in one process, edit for edit, under the same machine load.
/// </summary>
internal sealed class Subject
{
    Subject(string name, IIncrementalGenerator generator, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Name = name;
        Generator = generator;
        Analyzers = analyzers;
    }

    public string Name { get; }

    public IIncrementalGenerator Generator { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public static Subject Current() =>
        new("this build", new Typed.Generators.TypedGenerator(), AnalyzersOf(typeof(Typed.Analyzers.DiagnosticIds).Assembly));

    /// <summary>The generator and analyzers built from another commit, found in <paramref name="folder"/>.</summary>
    public static Subject Baseline(string folder)
    {
        var context = new Isolated(folder);
        var generators = context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(folder, "Typed.Generators.dll")));
        var analyzers = context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(folder, "Typed.Analyzers.dll")));
        var generator = (IIncrementalGenerator)Activator.CreateInstance(generators.GetType("Typed.Generators.TypedGenerator", throwOnError: true)!)!;
        return new Subject("baseline", generator, AnalyzersOf(analyzers));
    }

    static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    /// <summary>Loads the two assemblies from the folder; Roslyn and everything else from the default context.</summary>
    sealed class Isolated(string folder) : AssemblyLoadContext("baseline " + folder)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}
