using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Typed.Generators.Pipeline;

/// <summary>
/// What every declaration's model may depend on beyond its own file: the declarations of every file
/// outside member bodies (<see cref="DeclarationShape"/>), the references and the options. Equal
/// versions give equal models for an unchanged file, so its parse is not re-run.
/// </summary>
/// <remarks>Equality ignores <see cref="Handle"/>: it only says which compilation a re-run reads.</remarks>
internal sealed class SemanticVersion(ulong declarations, ImmutableArray<MetadataReference> references, CompilationOptions options, CompilationHandle handle)
    : System.IEquatable<SemanticVersion>
{
    public ulong Declarations { get; } = declarations;

    public ImmutableArray<MetadataReference> References { get; } = references;

    public CompilationOptions Options { get; } = options;

    public CompilationHandle Handle { get; } = handle;

    /// <summary>The version of a compilation from the shapes of its trees, in the compilation's order.</summary>
    public static SemanticVersion Of(ImmutableArray<ShapedTree> shapes, CompilationHandle handle)
    {
        var hash = DeclarationShape.Seed;
        foreach (var shape in shapes)
        {
            hash = DeclarationShape.Mix(hash, shape.Declarations);
        }

        return new SemanticVersion(hash, handle.References, handle.Options, handle);
    }

    public bool Equals(SemanticVersion? other)
    {
        // Every file's entry compares the same two versions: an unchanged version reaches them as the same object.
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Declarations != Declarations || other.References.Length != References.Length || !Options.Equals(other.Options))
        {
            return false;
        }

        // A reference is immutable: the same object means the same metadata.
        for (var i = 0; i < References.Length; i++)
        {
            if (!ReferenceEquals(References[i], other.References[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SemanticVersion);

    public override int GetHashCode() => Declarations.GetHashCode();
}
