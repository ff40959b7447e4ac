using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// TYP2004: a static field that is neither <c>const</c> nor <c>readonly</c>, or a static
/// auto-property with a setter, declared in a <c>[Process]</c> class: every process of the
/// behaviour shares it, from whichever thread runs each.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class MutableStaticAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.MutableStatic];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Field, SymbolKind.Property);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var symbol = context.Symbol;
        if (!symbol.IsStatic || symbol.IsImplicitlyDeclared || !known.IsProcess(symbol.ContainingType))
        {
            return;
        }

        var mutable = symbol switch
        {
            IFieldSymbol field => !field.IsConst && !field.IsReadOnly,
            IPropertySymbol property => property.SetMethod is not null && IsAutoProperty(property, context.CancellationToken),
            _ => false,
        };
        if (mutable)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableStatic, symbol.Locations[0], symbol.Name, symbol.ContainingType.Name));
        }
    }

    /// <summary>A property whose accessors have no bodies: its state is a hidden static field.</summary>
    static bool IsAutoProperty(IPropertySymbol property, System.Threading.CancellationToken cancellationToken) =>
        property.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { AccessorList: { } accessors }
            && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null));
}
