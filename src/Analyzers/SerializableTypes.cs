using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Typed.Analyzers;

/// <summary>
/// Which types MemoryPack serializes without help: unmanaged types (written as bytes), strings,
/// arrays up to four dimensions, the BCL types and collections MemoryPack 1.21 has built-in
/// formatters for, and <c>[MemoryPackable]</c> or <c>[MemoryPackUnion]</c> types (Typed's
/// <c>Pid</c>, <c>ProcessRef&lt;T&gt;</c>, <c>ExitReason</c>, <c>Down</c> among them).
/// A formatter registered by hand at run time cannot be seen here.
/// </summary>
internal sealed class SerializableTypes
{
    /// <summary>Non-generic reference or managed types with a built-in formatter.</summary>
    static readonly string[] s_plain =
    [
        "System.Numerics.BigInteger",
        "System.Collections.BitArray",
        "System.Globalization.CultureInfo",
        "System.Text.StringBuilder",
        "System.TimeZoneInfo",
        "System.Type",
        "System.Uri",
        "System.Version",
    ];

    /// <summary>Generic definitions with a built-in formatter; their type arguments must be serializable too.</summary>
    static readonly string[] s_generic =
    [
        "System.ArraySegment`1",
        "System.Memory`1",
        "System.ReadOnlyMemory`1",
        "System.Buffers.ReadOnlySequence`1",
        "System.Lazy`1",
        "System.Nullable`1",
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.PriorityQueue`2",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.KeyValuePair`2",
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Linq.ILookup`2",
        "System.Linq.IGrouping`2",
        "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ObjectModel.ObservableCollection`1",
        "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.ObjectModel.ReadOnlyObservableCollection`1",
        "System.Collections.Concurrent.ConcurrentQueue`1",
        "System.Collections.Concurrent.ConcurrentStack`1",
        "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Concurrent.ConcurrentDictionary`2",
        "System.Collections.Concurrent.BlockingCollection`1",
        "System.Collections.Frozen.FrozenDictionary`2",
        "System.Collections.Frozen.FrozenSet`1",
        "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableQueue`1",
        "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.ImmutableSortedDictionary`2",
        "System.Collections.Immutable.IImmutableList`1",
        "System.Collections.Immutable.IImmutableQueue`1",
        "System.Collections.Immutable.IImmutableStack`1",
        "System.Collections.Immutable.IImmutableSet`1",
        "System.Collections.Immutable.IImmutableDictionary`2",
        "System.Tuple`1", "System.Tuple`2", "System.Tuple`3", "System.Tuple`4",
        "System.Tuple`5", "System.Tuple`6", "System.Tuple`7", "System.Tuple`8",
        "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
        "System.ValueTuple`5", "System.ValueTuple`6", "System.ValueTuple`7", "System.ValueTuple`8",
    ];

    readonly HashSet<ITypeSymbol> _plain = new(SymbolEqualityComparer.Default);
    readonly HashSet<ITypeSymbol> _generic = new(SymbolEqualityComparer.Default);
    readonly KnownSymbols _known;

    public SerializableTypes(Compilation compilation, KnownSymbols known)
    {
        _known = known;
        foreach (var name in s_plain)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _plain.Add(type);
            }
        }

        foreach (var name in s_generic)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _generic.Add(type);
            }
        }
    }

    /// <summary>
    /// The first type inside <paramref name="type"/> (itself, an element or a type argument) that
    /// MemoryPack cannot serialize, or null when all can. Type parameters and error types count as
    /// serializable here: other diagnostics cover them.
    /// </summary>
    public ITypeSymbol? FirstUnsupported(ITypeSymbol type) => FirstUnsupported(type, depth: 0);

    ITypeSymbol? FirstUnsupported(ITypeSymbol type, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (type)
        {
            case ITypeParameterSymbol:
            case IErrorTypeSymbol:
                return null;
            case IArrayTypeSymbol array:
                return array.Rank <= 4 ? FirstUnsupported(array.ElementType, depth + 1) : type;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol:
                return type;
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is not INamedTypeSymbol named)
        {
            return type;
        }

        // Marked types bring their own formatter (Typed's Pid, ProcessRef<T>, ExitReason, Down...).
        if (KnownSymbols.HasAttribute(named.OriginalDefinition, _known.MemoryPackable)
            || KnownSymbols.HasAttribute(named.OriginalDefinition, _known.MemoryPackUnion)
            || _plain.Contains(named))
        {
            return null;
        }

        if (named.IsGenericType && _generic.Contains(named.OriginalDefinition))
        {
            foreach (var argument in named.TypeArguments)
            {
                if (FirstUnsupported(argument, depth + 1) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        // Enums, primitives and structs without references are copied as bytes.
        if (named.IsUnmanagedType && named.TypeKind != TypeKind.Pointer)
        {
            return null;
        }

        return type;
    }
}
