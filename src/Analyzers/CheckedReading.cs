using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Typed.Generators.Parsing;

namespace Typed.Analyzers;

/// <summary>
/// Which <c>[MemoryPackable]</c> types in a message are read by MemoryPack's own generated code, which
/// trusts what a peer sends (string lengths, nesting depth), rather than by a formatter of Typed's
/// that checks it: Typed reads its own wire types, and the positional records the generator takes
/// over (<see cref="WireRecordShape"/>, in this compilation or in a referenced assembly built with
/// Typed). Answers are cached per compilation.
/// </summary>
internal sealed class CheckedReading
{
    readonly KnownSymbols _known;
    readonly ConcurrentDictionary<ITypeSymbol, INamedTypeSymbol?> _cache = new(SymbolEqualityComparer.Default);

    public CheckedReading(KnownSymbols known) => _known = known;

    /// <summary>The first type in <paramref name="type"/> (itself, its elements, type arguments and record members) read unchecked, or null.</summary>
    public INamedTypeSymbol? FirstUnchecked(ITypeSymbol type, CancellationToken cancellationToken) =>
        _cache.TryGetValue(type, out var known) ? known : _cache.GetOrAdd(type, Walk(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), cancellationToken));

    INamedTypeSymbol? Walk(ITypeSymbol type, HashSet<ITypeSymbol> seen, CancellationToken cancellationToken)
    {
        if (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Nullable_T || !seen.Add(type))
        {
            return null;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return Walk(array.ElementType, seen, cancellationToken);
            case not INamedTypeSymbol:
                return null;
        }

        var named = (INamedTypeSymbol)type;
        if (named.ContainingAssembly?.Name == "Typed")
        {
            return null;   // the runtime reads its own wire types checked
        }

        foreach (var argument in named.TypeArguments)
        {
            if (Walk(argument, seen, cancellationToken) is { } inArgument)
            {
                return inArgument;
            }
        }

        if (KnownSymbols.HasAttribute(named.OriginalDefinition, _known.MemoryPackUnion))
        {
            return named;
        }

        var packable = named.GetAttributes().FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, _known.MemoryPackable));
        if (packable is null)
        {
            return null;
        }

        var constructor = WireRecordShape.Constructor(named, packable, cancellationToken);
        if (constructor is null || !BuiltWithTyped(named))
        {
            return named;
        }

        foreach (var parameter in constructor.Parameters)
        {
            if (Walk(parameter.Type, seen, cancellationToken) is { } inMember)
            {
                return inMember;
            }
        }

        return null;
    }

    /// <summary>Declared here (the generator runs), or in an assembly that references Typed (its generator ran there).</summary>
    bool BuiltWithTyped(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _known.Compilation.Assembly)
        || type.ContainingModule?.ReferencedAssemblySymbols.Any(a => a.Name == "Typed") == true;
}
