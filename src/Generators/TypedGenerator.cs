using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Typed.Generators.Emitting;
using Typed.Generators.Model;
using Typed.Generators.Parsing;
using Typed.Generators.Pipeline;

namespace Typed.Generators;

/// <summary>
/// The Typed source generator: for every <c>[Process]</c> partial class, the message records and
/// their formatters, the dispatch, the typed proxy and the descriptor; for every <c>[Supervisor]</c>,
/// its child specs, its process hooks and its typed child accessors; for every <c>[Rpc]</c> static
/// class, its typed call, cast, async and multicall stubs and its registered function table; for every
/// positional <c>[MemoryPackable]</c> record, a checked formatter that reads it in MemoryPack's place. The pipeline is parse →
/// equatable model → emit; validation is the analyzers' job, so invalid input yields nothing.
/// </summary>
/// <remarks>
/// Work per edit is one file's, not the project's: trees are compared by identity and a file is parsed
/// again only when it changed or when the declarations of the other files did (see
/// <c>Pipeline/CompilationHandle</c> for why this is not <c>ForAttributeWithMetadataName</c>, whose
/// semantic transform re-runs for every declaration on every edit). Each source file is one generated file.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TypedGenerator : IIncrementalGenerator
{
    /// <summary>Reported when the generator itself fails; it then emits nothing for that declaration.</summary>
    internal static readonly DiagnosticDescriptor GeneratorFailed = new(
        "TYP0001",
        "The Typed generator failed",
        "Typed generator failed: {0}",
        "Typed.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "docs/diagnostics/TYP0001.md");

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every tree, compared by identity: an edit lets only the edited file's entry through.
        var trees = context.CompilationProvider
            .SelectMany(static (compilation, _) =>
            {
                var handle = new CompilationHandle(compilation);
                return compilation.SyntaxTrees.Select(tree => new TreeInput(tree, handle));
            })
            .WithComparer(TreeInput.ByTree)
            .WithTrackingName(TrackingNames.Trees);
        var handle = context.CompilationProvider.Select(static (compilation, _) => new CompilationHandle(compilation));

        // Each edited tree's two syntax hashes, in one walk: what others may read of it, and what its own models read.
        var shaped = trees
            .Select(static (input, ct) =>
            {
                var (declarations, own) = DeclarationShape.Both(input.Tree, ct);
                return new ShapedTree(input, declarations, own);
            })
            .WithComparer(ShapedTree.ByTree)
            .WithTrackingName(TrackingNames.Shapes);

        // What models may depend on beyond their own file: unchanged by an edit inside a member body.
        var version = shaped
            .Collect()
            .Combine(handle)
            .Select(static (pair, _) => SemanticVersion.Of(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Version);

        // A file is parsed again when what its models read of it changed (not a body edit), or when the
        // declarations it may depend on did.
        var files = shaped.Combine(version).WithComparer(FileComparer.Instance);

        // One model per source file, all kinds in one walk; one generated file per source file.
        var declarations = files
            .SelectMany(static (input, ct) => DeclarationFinder.ParseFile(input, ct) is { IsEmpty: false } model ? ImmutableArray.Create(model) : ImmutableArray<FileModel>.Empty)
            .WithTrackingName(TrackingNames.Declarations);

        context.RegisterSourceOutput(declarations, static (spc, file) => FileEmitter.Emit(spc, file));
    }

    /// <summary>
    /// A file's entry is unchanged while the version is equal and its tree is the same object, or a new
    /// tree of the same path whose tokens outside member bodies are the same (an edit inside a body): its
    /// models cannot differ, so it is not parsed again. An unchanged entry keeps its older tree; that is
    /// safe because a file is only ever parsed from a changed entry, which carries the current tree.
    /// </summary>
    sealed class FileComparer : IEqualityComparer<(ShapedTree Tree, SemanticVersion Version)>
    {
        public static readonly FileComparer Instance = new();

        public bool Equals((ShapedTree Tree, SemanticVersion Version) x, (ShapedTree Tree, SemanticVersion Version) y) =>
            x.Version.Equals(y.Version)
            && (ShapedTree.ByTree.Equals(x.Tree, y.Tree)
                || (x.Tree.Own == y.Tree.Own && string.Equals(x.Tree.Input.Tree.FilePath, y.Tree.Input.Tree.FilePath, StringComparison.Ordinal)));

        public int GetHashCode((ShapedTree Tree, SemanticVersion Version) obj) => StringComparer.Ordinal.GetHashCode(obj.Tree.Input.Tree.FilePath);
    }
}
