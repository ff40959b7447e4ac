using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Typed.Generators.Model;
using Typed.Generators.Parsing;

namespace Typed.Generators.Pipeline;

/// <summary>
/// Finds the classes and records of one file that carry the attributes the generator reads (<c>[Process]</c>,
/// <c>[Supervisor]</c>, <c>[Rpc]</c>, MemoryPack's <c>[MemoryPackable]</c>) and parses each into its model: what
/// <c>ForAttributeWithMetadataName</c> does, but for the edited file only (see <see cref="CompilationHandle"/>).
/// </summary>
internal static class DeclarationFinder
{
    /// <summary>A parser of one declaration: the class and the attribute that marks it.</summary>
    public delegate ParseResult<TModel> Parser<TModel>(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
        where TModel : class;

    /// <summary>
    /// The models of every declaration of <paramref name="input"/>'s tree, by kind, in one walk: a class
    /// is looked up once whatever attributes it carries.
    /// </summary>
    public static FileModel ParseFile((ShapedTree Tree, SemanticVersion Version) input, CancellationToken cancellationToken)
    {
        var tree = input.Tree.Input.Tree;
        var root = tree.GetRoot(cancellationToken);
        var behaviours = ImmutableArray.CreateBuilder<ParseResult<BehaviourModel>>();
        var supervisors = ImmutableArray.CreateBuilder<ParseResult<SupervisorModel>>();
        var rpcModules = ImmutableArray.CreateBuilder<ParseResult<RpcModel>>();
        var wireRecords = ImmutableArray.CreateBuilder<ParseResult<WireRecordModel>>();
        Compilation? compilation = null;
        SemanticModel? semantics = null;
        WellKnownTypes? known = null;
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
                    known = WellKnownTypes.From(compilation);
                    semantics = compilation.GetSemanticModel(tree);
                }

                if (known!.Process is null && known.Supervisor is null && known.Rpc is null && known.MemoryPackable is null)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (semantics!.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
                {
                    continue;
                }

                Add(behaviours, type, declaration, tree, known.Process, BehaviourParser.Parse, compilation, cancellationToken);
                Add(supervisors, type, declaration, tree, known.Supervisor, SupervisorParser.Parse, compilation, cancellationToken);
                Add(rpcModules, type, declaration, tree, known.Rpc, RpcParser.Parse, compilation, cancellationToken);
                Add(wireRecords, type, declaration, tree, known.MemoryPackable, WireRecordParser.Parse, compilation, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            behaviours.Add(new ParseResult<BehaviourModel>(null, ex.ToString()));
        }

        if (behaviours.Count + supervisors.Count + rpcModules.Count + wireRecords.Count == 0)
        {
            return FileModel.Empty;
        }

        return new FileModel(
            new EquatableArray<ParseResult<BehaviourModel>>(behaviours.ToImmutable()),
            new EquatableArray<ParseResult<SupervisorModel>>(supervisors.ToImmutable()),
            new EquatableArray<ParseResult<RpcModel>>(rpcModules.ToImmutable()),
            new EquatableArray<ParseResult<WireRecordModel>>(wireRecords.ToImmutable()));
    }

    /// <summary>
    /// Parses <paramref name="type"/> when this part of it (<paramref name="declaration"/>) carries the
    /// attribute <paramref name="marker"/>: the part that carries it yields the model, once, as
    /// ForAttributeWithMetadataName does.
    /// </summary>
    static void Add<TModel>(
        ImmutableArray<ParseResult<TModel>>.Builder results,
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        SyntaxTree tree,
        INamedTypeSymbol? marker,
        Parser<TModel> parse,
        Compilation compilation,
        CancellationToken cancellationToken)
        where TModel : class
    {
        if (marker is null)
        {
            return;
        }

        foreach (var data in type.GetAttributes())
        {
            if (WellKnownTypes.Is(data.AttributeClass, marker)
                && data.ApplicationSyntaxReference is { } applied
                && applied.SyntaxTree == tree
                && declaration.Span.Contains(applied.Span))
            {
                results.Add(parse(type, data, compilation, cancellationToken));
                return;
            }
        }
    }
}
