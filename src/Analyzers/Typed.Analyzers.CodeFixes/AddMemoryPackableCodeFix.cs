using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Typed.Analyzers.Declarations;

namespace Typed.Analyzers.CodeFixes;

/// <summary>
/// TYP1003: when the type MemoryPack cannot serialize is a class, struct or record declared in the
/// solution, marks it <c>[MemoryPackable]</c> and makes it (and the types containing it) <c>partial</c>,
/// wherever it is declared.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMemoryPackableCodeFix))]
[Shared]
public sealed class AddMemoryPackableCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.NotSerializable];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SerializableTypesAnalyzer.TypeProperty, out var id)
                || id is null
                || DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is not INamedTypeSymbol type
                || !CanMark(type))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Mark '" + type.Name + "' [MemoryPackable] partial",
                    ct => MarkAsync(context.Document.Project.Solution, type, ct),
                    equivalenceKey: nameof(AddMemoryPackableCodeFix) + ":" + id),
                diagnostic);
        }
    }

    /// <summary>A class, struct or record in source that MemoryPack can generate a formatter for once marked.</summary>
    static bool CanMark(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && !type.IsAbstract
        && !type.IsStatic
        && type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax);

    static async Task<Solution> MarkAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var editor = new SolutionEditor(solution);
        var first = true;
        var containing = new List<SyntaxReference>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.AddRange(outer.DeclaringSyntaxReferences);
        }

        foreach (var reference in type.DeclaringSyntaxReferences.Concat(containing))
        {
            var document = solution.GetDocument(reference.SyntaxTree);
            if (document is null)
            {
                continue;
            }

            var documentEditor = await editor.GetDocumentEditorAsync(document.Id, cancellationToken).ConfigureAwait(false);
            var declaration = (TypeDeclarationSyntax)await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            var mark = first;
            first = false;
            documentEditor.ReplaceNode(declaration, (current, generator) =>
            {
                var updated = Syntax.WithPartial((TypeDeclarationSyntax)current);
                if (mark)
                {
                    var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::MemoryPack.MemoryPackable").WithAdditionalAnnotations(Simplifier.Annotation));
                    updated = (TypeDeclarationSyntax)generator.AddAttributes(updated, attribute);
                }

                return updated;
            });
        }

        return editor.GetChangedSolution();
    }
}
