using Microsoft.CodeAnalysis;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>How a member of a generated formatter is written and read: the same choice for handler parameters, RPC arguments and wire records.</summary>
internal static class WireKinds
{
    /// <summary>The MemoryPack writer method for <paramref name="type"/>, as MemoryPack's own generator chooses it.</summary>
    public static WriteKind Of(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String ? WriteKind.String
        : type.IsUnmanagedType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? WriteKind.Unmanaged
        : WriteKind.Value;

    /// <summary>A non-nullable reference type: null on the wire is refused when it is read.</summary>
    public static bool RefusesNull(ITypeSymbol type) =>
        type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.Annotated;
}
