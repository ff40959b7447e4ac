using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1001: a <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c> class, or a type containing one,
/// declared without <c>partial</c>. Reported on each declaration that lacks the modifier.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NotPartialAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.NotPartial];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        string reason;
        if (known.DeclarationKind(type) is { } kind)
        {
            reason = "the generator adds the " + kind + " class's members";
        }
        else if (FirstDeclared(type, known) is { } inner)
        {
            reason = "it contains " + known.DeclarationKind(inner) + " class '" + inner.Name + "', which the generator extends inside it";
        }
        else
        {
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name, reason));
            }
        }
    }

    /// <summary>The first declared class nested in <paramref name="type"/>, at any depth.</summary>
    static INamedTypeSymbol? FirstDeclared(INamedTypeSymbol type, KnownSymbols known)
    {
        foreach (var nested in type.GetTypeMembers().OrderBy(t => t.Name, System.StringComparer.Ordinal))
        {
            if (known.DeclarationKind(nested) is not null)
            {
                return nested;
            }

            if (FirstDeclared(nested, known) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }
}
