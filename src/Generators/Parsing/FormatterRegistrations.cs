using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Typed.Generators.Emitting;

namespace Typed.Generators.Parsing;

/// <summary>
/// The formatter registrations a generated module initializer makes so that every type a message
/// carries can be read without reflection (NativeAOT). MemoryPack registers a <c>[MemoryPackable]</c>
/// type in its static constructor, which has not run on a node that reads the type before it ever
/// made one; it then falls back to reflection (or <c>MakeGenericType</c> for collections), which
/// NativeAOT does not keep. So: every <c>[MemoryPackable]</c> type reachable from a message, through
/// its members too, and every well-known collection around them. And, for each of those types that is
/// deeply immutable (<see cref="DeepImmutability"/>), a mark that lets local delivery pass its values
/// uncopied when their runtime type is exactly that type.
/// </summary>
internal sealed class FormatterRegistrations
{
    const string Formatters = "global::MemoryPack.Formatters.";

    static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat;

    static readonly Dictionary<string, string> Collections = new()
    {
        ["System.Collections.Generic.List`1"] = "ListFormatter",
        ["System.Collections.Generic.IReadOnlyList`1"] = "InterfaceReadOnlyListFormatter",
        ["System.Collections.Generic.IList`1"] = "InterfaceListFormatter",
        ["System.Collections.Generic.IReadOnlyCollection`1"] = "InterfaceReadOnlyCollectionFormatter",
        ["System.Collections.Generic.ICollection`1"] = "InterfaceCollectionFormatter",
        ["System.Collections.Generic.IEnumerable`1"] = "InterfaceEnumerableFormatter",
        ["System.Collections.Generic.HashSet`1"] = "HashSetFormatter",
        ["System.Collections.Generic.ISet`1"] = "InterfaceSetFormatter",
        ["System.Collections.Generic.IReadOnlySet`1"] = "InterfaceReadOnlySetFormatter",
        ["System.Collections.Generic.Dictionary`2"] = "DictionaryFormatter",
        ["System.Collections.Generic.IDictionary`2"] = "InterfaceDictionaryFormatter",
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = "InterfaceReadOnlyDictionaryFormatter",
    };

    readonly ISymbol _within;
    readonly Compilation _compilation;
    readonly WellKnownTypes _known;
    readonly DeepImmutability _immutability;
    readonly HashSet<ITypeSymbol> _seen = new(SymbolEqualityComparer.Default);
    readonly SortedSet<string> _statements = new(System.StringComparer.Ordinal);

    /// <param name="within">Where the registrations are written: only types accessible there are named.</param>
    /// <param name="compilation">The compilation, for accessibility.</param>
    /// <param name="known">The compilation's well-known symbols.</param>
    public FormatterRegistrations(ISymbol within, Compilation compilation, WellKnownTypes known)
    {
        _within = within;
        _compilation = compilation;
        _known = known;
        _immutability = new DeepImmutability(compilation);
    }

    /// <summary>The registrations as statements, in ordinal order: the output never depends on declaration order.</summary>
    public IEnumerable<string> Statements => _statements;

    /// <summary>Adds what reading a method's arguments and its result needs (cancellation tokens and task wrappers aside).</summary>
    public void AddSignature(IMethodSymbol method)
    {
        var known = _known;
        foreach (var parameter in method.Parameters)
        {
            if (!WellKnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                Add(parameter.Type);
            }
        }

        var result = method.ReturnType;
        if (method.ReturnsVoid || WellKnownTypes.Is(result, known.Task) || WellKnownTypes.Is(result, known.ValueTask))
        {
            return;
        }

        Add(result is INamedTypeSymbol { TypeArguments.Length: 1 } wrapper && (WellKnownTypes.Is(result, known.TaskOfT) || WellKnownTypes.Is(result, known.ValueTaskOfT))
            ? wrapper.TypeArguments[0]
            : result);
    }

    /// <summary>Adds what reading <paramref name="type"/> needs.</summary>
    public void Add(ITypeSymbol type)
    {
        // Built-in types (int, string, object...) need nothing: checked first, it is most parameters.
        if ((type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Nullable_T)
            || !_seen.Add(type)
            || !_compilation.IsSymbolAccessibleWithin(type, _within))
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                var element = array.ElementType;
                Formatter((element.IsUnmanagedType ? "UnmanagedArrayFormatter<" : "ArrayFormatter<") + element.ToDisplayString(Format) + ">");
                Add(element);
                return;
            case INamedTypeSymbol named:
                AddNamed(named);
                return;
        }
    }

    void AddNamed(INamedTypeSymbol named)
    {
        if (named.IsGenericType)
        {
            var definition = named.OriginalDefinition;
            var arguments = string.Join(", ", System.Linq.Enumerable.Select(named.TypeArguments, a => a.ToDisplayString(Format)));
            if (definition.SpecialType == SpecialType.System_Nullable_T)
            {
                Formatter("NullableFormatter<" + arguments + ">");
            }
            else if (Collections.TryGetValue(MetadataName(definition), out var formatter))
            {
                Formatter(formatter + "<" + arguments + ">");
            }

            foreach (var argument in named.TypeArguments)
            {
                Add(argument);
            }
        }

        // The runtime registers its own types; a type MemoryPack does not generate is registered by whoever formats it.
        if (!IsPackable(named, _known.MemoryPackable) || named.ContainingAssembly?.Name == "Typed" || named.IsUnboundGenericType)
        {
            return;
        }

        // Its static constructor, which MemoryPack generates, registers it (and its arrays and collection
        // members). Named by typeof, which NativeAOT keeps; no constraint on MemoryPack's interface, which
        // only MemoryPack's own generator adds.
        var name = named.ToDisplayString(Format);
        _statements.Add("global::System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(" + name + ").TypeHandle);");
        if (_immutability.Of(named))
        {
            _statements.Add(RuntimeNamespaces.CompilerServices + "Formatters.RegisterImmutableExact<" + name + ">();");
        }

        foreach (var member in named.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field:
                    Add(field.Type);
                    break;
                case IPropertySymbol { IsStatic: false, IsIndexer: false } property:
                    Add(property.Type);
                    break;
            }
        }
    }

    void Formatter(string formatter) =>
        _statements.Add(RuntimeNamespaces.CompilerServices + "Formatters.Register(new " + Formatters + formatter + "());");

    static bool IsPackable(INamedTypeSymbol type, INamedTypeSymbol? memoryPackable)
    {
        if (memoryPackable is null)
        {
            return false;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (WellKnownTypes.Is(attribute.AttributeClass, memoryPackable))
            {
                // GenerateType.NoGenerate (4): the type brings a formatter of its own.
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Value is int value && value == 4)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    static string MetadataName(INamedTypeSymbol type) =>
        (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "") + type.MetadataName;
}
