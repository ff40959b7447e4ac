using System.Linq;
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

    /// <summary>
    /// An array, or a collection of one item type, whose items are a non-nullable reference type
    /// (<c>Entry[]</c>, <c>List&lt;string&gt;</c>): MemoryPack reads null items; Typed refuses them.
    /// </summary>
    public static bool RefusesNullItems(ITypeSymbol type)
    {
        var item = type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
            INamedTypeSymbol { SpecialType: not SpecialType.System_String, TypeArguments.Length: 1 } named
                when Enumerable(named) is { } items => items,
            _ => null,
        };
        return item is { IsReferenceType: true, NullableAnnotation: NullableAnnotation.NotAnnotated };
    }

    static ITypeSymbol? Enumerable(INamedTypeSymbol type)
    {
        foreach (var candidate in type.AllInterfaces.Prepend(type))
        {
            if (candidate is { Name: "IEnumerable", TypeArguments.Length: 1 } generic
                && generic.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
            {
                return generic.TypeArguments[0];
            }
        }

        return null;
    }
}
