using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Typed.Analyzers.CodeFixes;

/// <summary>TYP1005: turns the <c>[Cast]</c> that returns a value into a <c>[Call]</c>, keeping its arguments.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CastToCallCodeFix))]
[Shared]
public sealed class CastToCallCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.CastReturnsValue];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            var cast = method?.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a =>
                model.GetSymbolInfo(a, context.CancellationToken).Symbol?.ContainingType.ToDisplayString() == "Typed.CastAttribute");
            if (cast is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Make it a [Call]", ct => ReplaceAsync(context.Document, cast, ct), equivalenceKey: nameof(CastToCallCodeFix)),
                    diagnostic);
            }
        }
    }

    static async Task<Document> ReplaceAsync(Document document, AttributeSyntax cast, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Written fully qualified, then simplified to what the file's usings allow (usually just Call).
        var call = SyntaxFactory.ParseName("global::Typed.Call").WithTriviaFrom(cast.Name).WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(cast, cast.WithName(call)));
    }
}
