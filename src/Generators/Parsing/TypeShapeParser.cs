using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>The checks and names every declared class shares, <c>[Process]</c> or <c>[Supervisor]</c>.</summary>
internal static class TypeShapeParser
{
    /// <summary>Type text for generated code: fully qualified, keywords for special types, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The shape of a non-generic, non-abstract partial class reachable from generated code (public or
    /// internal, in partial non-generic types); otherwise null. <paramref name="isStatic"/> asks for a
    /// static class instead (an <c>[Rpc]</c> module), which must then be static.
    /// </summary>
    public static TypeShape? TryParse(INamedTypeSymbol type, bool isStatic = false)
    {
        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic != isStatic || (type.IsAbstract && !type.IsStatic) || type.IsGenericType || !IsPartial(type))
        {
            return null;
        }

        var containing = new List<ContainingTypeModel>();
        var accessible = type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal;
        var isPublic = type.DeclaredAccessibility == Accessibility.Public;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType || !IsPartial(outer) || Keyword(outer) is not { } keyword)
            {
                return null;
            }

            accessible &= outer.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal;
            isPublic &= outer.DeclaredAccessibility == Accessibility.Public;
            containing.Insert(0, new ContainingTypeModel(keyword, Identifier(outer.Name)));
        }

        if (!accessible)
        {
            return null;
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        var outerNames = string.Concat(containing.Select(c => c.Name + "_"));
        var hintOuter = string.Concat(containing.Select(c => c.Name + "+"));
        return new TypeShape(
            ns,
            type.Name,
            type.ToDisplayString(),
            type.ToDisplayString(TypeFormat),
            isPublic ? "public" : "internal",
            containing.ToEquatableArray(),
            outerNames + type.Name + "ProcessRefExtensions",
            (ns.Length == 0 ? "" : ns + ".") + hintOuter + type.Name);
    }

    /// <summary>A name as it must be written in C#: reserved keywords take a verbatim <c>@</c>.</summary>
    public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The non-zero <c>Id = n</c> named argument of an attribute, if any.</summary>
    public static int? ExplicitId(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Id" && argument.Value.Value is int id && id != 0)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="type"/> and the types it is nested in, outermost first, to re-declare as <c>partial</c>
    /// around a nested generated type; null when one of them is not partial, or is generic around it.
    /// </summary>
    public static EquatableArray<ContainingTypeModel>? PartialChain(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeModel>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if ((t.IsGenericType && !SymbolEqualityComparer.Default.Equals(t, type)) || !IsPartial(t) || Keyword(t) is not { } keyword)
            {
                return null;
            }

            chain.Insert(0, new ContainingTypeModel(keyword, Identifier(t.Name)));
        }

        return chain.ToEquatableArray();
    }

    static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    static string? Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Class } => "record",
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { TypeKind: TypeKind.Class } => "class",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => null,
    };
}
