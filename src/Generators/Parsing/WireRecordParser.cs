using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>
/// Decides whether Typed can read a <c>[MemoryPackable]</c> type itself, checked, with the same bytes
/// as MemoryPack's generated formatter: a non-generic record class whose serialized members are
/// exactly its primary constructor's parameters, in order, with no MemoryPack attribute on any
/// member (no ignore, include, order, custom formatter or serialization callback), the default
/// generate type and layout (<c>GenerateType.Object</c>, <c>SerializeLayout.Sequential</c>: both 0), no union, and accessible from the assembly. Anything else stays MemoryPack's.
/// </summary>
internal static class WireRecordParser
{
    /// <summary>The model of <paramref name="type"/>, or no model when Typed leaves it to MemoryPack.</summary>
    public static ParseResult<WireRecordModel> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!type.IsRecord || type.TypeKind != TypeKind.Class || type.InstanceConstructors.Length == 0 || type.IsAbstract || type.IsGenericType
            || attribute.ConstructorArguments.Any(a => a.Value is not 0) || attribute.NamedArguments.Length != 0
            || !Accessible(type) || PrimaryConstructor(type, cancellationToken) is not { } constructor
            || constructor.Parameters.Length == 0 || HasMemoryPackAttribute(type) || !MembersAreParameters(type, constructor))
        {
            return new ParseResult<WireRecordModel>(null, null);
        }

        var parameters = constructor.Parameters.Select(p => new ParameterModel(
            TypeShapeParser.Identifier(p.Name),
            TypeShapeParser.Identifier(p.Name),
            p.Type.ToDisplayString(TypeShapeParser.TypeFormat),
            WireKinds.Of(p.Type),
            IsCancellationToken: false,
            WireKinds.RefusesNull(p.Type),
            DefaultValue: null));
        var typeRef = type.ToDisplayString(TypeShapeParser.TypeFormat);
        var hint = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace('<', '[').Replace('>', ']');
        return new ParseResult<WireRecordModel>(new WireRecordModel(typeRef, type.Name, hint + ".Wire.g.cs", parameters.ToEquatableArray()), null);
    }

    static bool Accessible(INamedTypeSymbol type)
    {
        for (ISymbol? t = type; t is INamedTypeSymbol named; t = named.ContainingType)
        {
            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The constructor declared by the record's parameter list, if it has one.</summary>
    static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.InstanceConstructors.FirstOrDefault(c => !c.IsImplicitlyDeclared && c.DeclaringSyntaxReferences.Length == 1
            && c.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is RecordDeclarationSyntax { ParameterList: not null });

    /// <summary>Any MemoryPack attribute on a member (or a union on the type) changes the layout or the reading: left to MemoryPack.</summary>
    static bool HasMemoryPackAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => IsMemoryPack(a) && a.AttributeClass!.Name != "MemoryPackableAttribute")
        || type.GetMembers().Any(m => !m.IsImplicitlyDeclared && m.GetAttributes().Any(IsMemoryPack));

    static bool IsMemoryPack(AttributeData attribute) =>
        attribute.AttributeClass is { } c
        && (c.ContainingNamespace?.ToDisplayString() is "MemoryPack" || c.Name.StartsWith("MemoryPack", System.StringComparison.Ordinal));

    /// <summary>
    /// MemoryPack writes every public instance field and property with a getter (and those marked to
    /// include): here they must be the primary constructor's parameters and nothing else, in order.
    /// </summary>
    static bool MembersAreParameters(INamedTypeSymbol type, IMethodSymbol constructor)
    {
        if (type.BaseType is { SpecialType: not SpecialType.System_Object })
        {
            return false;
        }

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

        return members.SequenceEqual(constructor.Parameters.Select(p => p.Name));
    }
}
