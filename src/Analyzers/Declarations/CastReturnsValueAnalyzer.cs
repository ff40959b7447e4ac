using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1005: a <c>[Cast]</c> handler that returns a value (directly or as <c>Task&lt;T&gt;</c> or
/// <c>ValueTask&lt;T&gt;</c>). The generator accepts it and drops the value; the code fix makes the
/// handler a <c>[Call]</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CastReturnsValueAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CastReturnsValue];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ReturnsVoid
            || KnownSymbols.Is(method.ReturnType, known.Task)
            || KnownSymbols.Is(method.ReturnType, known.ValueTask)
            || method.ReturnType.TypeKind == TypeKind.Error
            || !known.Has(method, HandlerKind.Cast)
            || !known.IsProcess(method.ContainingType))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CastReturnsValue,
            Declarations.ReturnTypeLocation(method, context.CancellationToken),
            method.Name,
            method.ReturnType.ToDisplayString(Declarations.TypeFormat)));
    }
}
