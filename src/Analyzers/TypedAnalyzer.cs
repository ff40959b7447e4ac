using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers;

/// <summary>
/// What every Typed analyzer does first: run concurrently, skip generated code, and register its
/// actions only in compilations that reference Typed, with the well-known symbols resolved once.
/// </summary>
internal abstract class TypedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.For(start.Compilation) is { } known)
            {
                Start(start, known);
            }
        });
    }

    /// <summary>Registers the rule's actions for one compilation that references Typed.</summary>
    internal abstract void Start(CompilationStartAnalysisContext context, KnownSymbols known);
}
