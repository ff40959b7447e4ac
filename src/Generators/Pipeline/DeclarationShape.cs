using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Generators.Pipeline;

/// <summary>
/// A hash of what one file declares that another declaration's model can depend on: every token
/// outside member bodies (usings, namespaces, types, attributes, fields, signatures) and the
/// preprocessor directives, but not the bodies of methods, constructors, operators and accessors,
/// and not the handler methods of a class that carries <c>[Process]</c>, <c>[Supervisor]</c> or
/// <c>[Rpc]</c> itself (only that class's own model reads them, and it is re-parsed with its file).
/// </summary>
/// <remarks>
/// Syntax only, computed once per edited file. Conservative where it cannot tell: a method with an
/// attribute it does not know (an alias, or <c>[Init]</c>, which a supervisor's model reads through its
/// child) stays in the hash, so an edit there re-parses every declaration rather than too few.
/// </remarks>
internal static class DeclarationShape
{
    public const ulong Seed = 14695981039346656037UL;

    const ulong Prime = 1099511628211UL;

    public static ulong Of(SyntaxTree tree, CancellationToken cancellationToken) => Both(tree, cancellationToken).Declarations;

    /// <summary>
    /// The file's declaration shape (<see cref="Of"/>) and its own shape: every token outside member
    /// bodies, the handlers of its own Typed classes included: all that the models of this file's own
    /// declarations read from its syntax. One walk for both.
    /// </summary>
    public static (ulong Declarations, ulong Own) Both(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var declarations = Seed;
        var own = Seed;
        var pending = new Stack<(SyntaxNodeOrToken Item, bool Handler)>();
        pending.Push((tree.GetRoot(cancellationToken), false));
        while (pending.Count > 0)
        {
            var (item, handler) = pending.Pop();
            if (item.IsToken)
            {
                var token = item.AsToken();
                own = Token(own, token);
                if (!handler)
                {
                    declarations = Token(declarations, token);
                }

                continue;
            }

            var node = item.AsNode()!;
            if (IsBody(node))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            handler = handler || IsOwnHandler(node);
            var children = node.ChildNodesAndTokens();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], handler));
            }
        }

        return (declarations, own);
    }

    public static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ ((value >> (i * 8)) & 0xFF)) * Prime;
        }

        return hash;
    }

    static ulong Token(ulong hash, SyntaxToken token)
    {
        foreach (var trivia in token.LeadingTrivia)
        {
            if (trivia.IsDirective)
            {
                hash = Text(hash, trivia.ToString());
            }
        }

        hash = Text(hash, token.Text);
        foreach (var trivia in token.TrailingTrivia)
        {
            if (trivia.IsDirective)
            {
                hash = Text(hash, trivia.ToString());
            }
        }

        return hash;
    }

    static ulong Text(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        // A separator, so "a b" and "ab" differ.
        return (hash ^ 0x1F) * Prime;
    }

    /// <summary>A body whose text no other declaration's model reads.</summary>
    static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or BasePropertyDeclarationSyntax;

    /// <summary>A handler (or plain) method of a class that carries a Typed declaration attribute itself.</summary>
    static bool IsOwnHandler(SyntaxNode node)
    {
        if (node is not MethodDeclarationSyntax method || method.Parent is not TypeDeclarationSyntax owner || !CarriesDeclarationAttribute(owner))
        {
            return false;
        }

        foreach (var list in method.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (SimpleName(attribute.Name) is not ("Call" or "Cast" or "Info" or "Terminate"))
                {
                    return false;
                }
            }
        }

        return true;
    }

    static bool CarriesDeclarationAttribute(TypeDeclarationSyntax type)
    {
        foreach (var list in type.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (SimpleName(attribute.Name) is "Process" or "Supervisor" or "Rpc")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The attribute's simple name without the <c>Attribute</c> suffix: <c>Typed.CallAttribute</c> → <c>Call</c>.</summary>
    static string SimpleName(NameSyntax name)
    {
        var text = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return text.EndsWith("Attribute", System.StringComparison.Ordinal) ? text.Substring(0, text.Length - "Attribute".Length) : text;
    }
}
