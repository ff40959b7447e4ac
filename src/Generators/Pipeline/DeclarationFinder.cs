using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Typed.Generators.Model;
using Typed.Generators.Parsing;

namespace Typed.Generators.Pipeline;

/// <summary>
/// Finds the classes and records of one file that carry a given attribute (<c>[Process]</c>,
/// <c>[Supervisor]</c>, <c>[Rpc]</c>, MemoryPack's <c>[MemoryPackable]</c>) and parses each into its model: what
/// <c>ForAttributeWithMetadataName</c> does, but for the edited file only (see <see cref="CompilationHandle"/>).
/// </summary>
internal static class DeclarationFinder
{
    /// <summary>A parser of one declaration: the class and the attribute that marks it.</summary>
    public delegate ParseResult<TModel> Parser<TModel>(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
        where TModel : class;

    /// <summary>The models of the classes in <paramref name="input"/>'s tree marked by the attribute <paramref name="attribute"/> selects.</summary>
    public static ImmutableArray<ParseResult<TModel>> Parse<TModel>(
        (ShapedTree Tree, SemanticVersion Version) input,
        Func<WellKnownTypes, INamedTypeSymbol?> attribute,
        Parser<TModel> parse,
        CancellationToken cancellationToken)
        where TModel : class
    {
        var tree = input.Tree.Input.Tree;
        var root = tree.GetRoot(cancellationToken);
        var results = ImmutableArray.CreateBuilder<ParseResult<TModel>>();
        Compilation? compilation = null;
        SemanticModel? semantics = null;
        INamedTypeSymbol? marker = null;
        try
        {
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not TypeDeclarationSyntax { AttributeLists.Count: > 0 } declaration
                    || declaration is not (ClassDeclarationSyntax or RecordDeclarationSyntax))
                {
                    continue;
                }

                if (compilation is null)
                {
                    compilation = CompilationHandle.Newer(input.Tree.Input.Handle, input.Version.Handle).Compilation;
                    marker = attribute(WellKnownTypes.From(compilation));
                    semantics = compilation.GetSemanticModel(tree);
                }

                if (marker is null)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (semantics!.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
                {
                    continue;
                }

                // The part that carries the attribute yields the model, once, as ForAttributeWithMetadataName does.
                foreach (var data in type.GetAttributes())
                {
                    if (WellKnownTypes.Is(data.AttributeClass, marker)
                        && data.ApplicationSyntaxReference is { } applied
                        && applied.SyntaxTree == tree
                        && declaration.Span.Contains(applied.Span))
                    {
                        results.Add(parse(type, data, compilation, cancellationToken));
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            results.Add(new ParseResult<TModel>(null, ex.ToString()));
        }

        return results.ToImmutable();
    }
}
