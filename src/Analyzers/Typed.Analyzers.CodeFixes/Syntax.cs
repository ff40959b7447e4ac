using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Analyzers.CodeFixes;

/// <summary>Syntax edits the fixes share.</summary>
internal static class Syntax
{
    /// <summary>
    /// The declaration with <c>partial</c> added last among its modifiers (where C# requires it).
    /// With no modifiers, the keyword's leading trivia moves to <c>partial</c>, so attributes and
    /// indentation stay where they were.
    /// </summary>
    public static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            var keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }

    /// <summary>The node whose span is exactly <paramref name="span"/>, of type <typeparamref name="T"/>, if any.</summary>
    public static T? Exactly<T>(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        where T : SyntaxNode
    {
        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is T match && match.Span == span)
            {
                return match;
            }

            if (node.Span.Length > span.Length)
            {
                break;
            }
        }

        return null;
    }
}
