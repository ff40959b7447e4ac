using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP0002: <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c> declarations in a compilation the
/// Typed generator added nothing to. Without this rule the first sign is a wall of CS0311/CS1061/CS0117
/// errors at the use sites (no <c>IProcessBehaviour&lt;T&gt;</c>, no proxy methods, no <c>On</c>) that
/// never say why. The generator's output is recognised by the path Roslyn gives generated trees
/// (<c>.../Typed.Generators/Typed.Generators.TypedGenerator/&lt;hint&gt;</c>); when any such tree is
/// present the generator ran, and a declaration it skipped has its own TYP1xxx/TYP3xxx error instead.
/// Declarations missing <c>partial</c> are left to TYP1001.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class GeneratorNotRunAnalyzer : TypedAnalyzer
{
    /// <summary>The folder Roslyn names after the generator in a generated tree's path.</summary>
    const string GeneratorFolder = "Typed.Generators.TypedGenerator";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.GeneratorNotRun];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known)
    {
        if (GeneratorRan(context.Compilation))
        {
            return;
        }

        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);
    }

    static bool GeneratorRan(Compilation compilation) =>
        compilation.SyntaxTrees.Any(t => t.FilePath.IndexOf(GeneratorFolder, System.StringComparison.Ordinal) >= 0);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (known.DeclarationKind(type) is not { } kind || !PartialAllTheWay(type, context))
        {
            return;
        }

        var location = type.Locations.FirstOrDefault(l => l.IsInSource);
        if (location is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GeneratorNotRun, location, kind, type.Name));
        }
    }

    /// <summary>Whether the type and every type containing it are declared partial (otherwise TYP1001 says so).</summary>
    static bool PartialAllTheWay(INamedTypeSymbol type, SymbolAnalysisContext context)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            foreach (var reference in t.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
