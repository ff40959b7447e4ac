using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Supervision;

/// <summary>TYP3002: a child id used twice in one supervisor (compared as the runtime does, ordinally), or empty.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DuplicateChildIdAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DuplicateChildId];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var supervisor = (INamedTypeSymbol)context.Symbol;
        if (!known.IsSupervisor(supervisor))
        {
            return;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var child in Supervisors.Children(supervisor, known))
        {
            var location = Supervisors.ArgumentLocation(child, supervisor, null, 0, context.CancellationToken);
            var id = Supervisors.ChildId(child);
            if (string.IsNullOrEmpty(id))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateChildId, location,
                    "A child of supervisor '" + supervisor.Name + "' has an empty id; every child needs an id, unique within its supervisor"));
            }
            else if (!seen.Add(id!))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateChildId, location,
                    "Supervisor '" + supervisor.Name + "' already has a child with id \"" + id + "\"; child ids must be unique within a supervisor"));
            }
        }
    }
}
