using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Generators.Parsing;

/// <summary>
/// The one rule for which <c>[MemoryPackable]</c> types Typed reads itself, checked, with the same
/// bytes as MemoryPack's generated formatter (the generator emits the formatter, the analyzers warn
/// about the others): a non-generic, non-abstract record class deriving from object, accessible from
/// its assembly, whose serialized members are exactly its primary constructor's parameters in order
/// (at least one), with no MemoryPack attribute on it or its members but <c>[MemoryPackable]</c> with
/// the default generate type and layout (both 0). Shared with the analyzers by file link.
/// </summary>
internal static class WireRecordShape
{
    /// <summary>The constructor whose parameters are the wire layout, or null when the type is MemoryPack's to read.</summary>
    /// <param name="type">The type.</param>
    /// <param name="packable">Its <c>[MemoryPackable]</c> attribute.</param>
    /// <param name="cancellationToken">Cancels reading syntax.</param>
    public static IMethodSymbol? Constructor(INamedTypeSymbol type, AttributeData packable, CancellationToken cancellationToken)
    {
        if (!type.IsRecord || type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType
            || type.BaseType is { SpecialType: not SpecialType.System_Object }
            || packable.ConstructorArguments.Any(a => a.Value is not 0) || packable.NamedArguments.Length != 0
            || !Accessible(type) || HasMemoryPackAttribute(type))
        {
            return null;
        }

        var members = Members(type);
        var constructor = type.InstanceConstructors.FirstOrDefault(c => IsPrimary(c, members, cancellationToken));
        return constructor is { Parameters.Length: > 0 } ? constructor : null;
    }

    /// <summary>The record's primary constructor: declared by its parameter list in source; in metadata, the constructor whose parameters are its members.</summary>
    static bool IsPrimary(IMethodSymbol constructor, List<string> members, CancellationToken cancellationToken)
    {
        if (constructor.IsImplicitlyDeclared || !constructor.Parameters.Select(p => p.Name).SequenceEqual(members))
        {
            return false;
        }

        var syntax = constructor.DeclaringSyntaxReferences;
        return syntax.Length == 0
            ? constructor.DeclaredAccessibility == Accessibility.Public
            : syntax.Length == 1 && syntax[0].GetSyntax(cancellationToken) is RecordDeclarationSyntax { ParameterList: not null };
    }

    static bool Accessible(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Any MemoryPack attribute on a member (or a union on the type) changes the layout or the reading.</summary>
    static bool HasMemoryPackAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => IsMemoryPack(a) && a.AttributeClass!.Name != "MemoryPackableAttribute")
        || type.GetMembers().Any(m => !m.IsImplicitlyDeclared && m.GetAttributes().Any(IsMemoryPack));

    static bool IsMemoryPack(AttributeData attribute) =>
        attribute.AttributeClass is { } c
        && (c.ContainingNamespace?.ToDisplayString() is "MemoryPack" || c.Name.StartsWith("MemoryPack", System.StringComparison.Ordinal));

    /// <summary>What MemoryPack writes: every public instance field, and every public instance property with a getter, in declaration order.</summary>
    static List<string> Members(INamedTypeSymbol type)
    {
        var members = new List<string>();
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property:
                    members.Add(property.Name);
                    break;
                case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public } field:
                    members.Add(field.Name);
                    break;
            }
        }

        return members;
    }
}
