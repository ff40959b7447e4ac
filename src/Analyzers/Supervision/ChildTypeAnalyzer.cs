using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Supervision;

/// <summary>TYP3001: a <c>[Child&lt;T&gt;]</c> of a supervisor whose <c>T</c> is neither a <c>[Process]</c> nor a <c>[Supervisor]</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ChildTypeAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.InvalidChildType];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var supervisor = (INamedTypeSymbol)context.Symbol;
        if (!known.IsSupervisor(supervisor))
        {
            return;
        }

        foreach (var child in Supervisors.Children(supervisor, known))
        {
            if (Supervisors.ChildType(child) is not { } type || type.TypeKind == TypeKind.Error || known.IsProcess(type) || known.IsSupervisor(type))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InvalidChildType,
                Supervisors.Location(child, supervisor, context.CancellationToken),
                Supervisors.ChildId(child) ?? "",
                supervisor.Name,
                type.ToDisplayString(Declarations.Declarations.TypeFormat)));
        }
    }
}
