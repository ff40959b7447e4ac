using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Analyzers.Supervision;

/// <summary>Reading a <c>[Supervisor]</c> class's attributes: its children and where each argument is written.</summary>
internal static class Supervisors
{
    /// <summary>The <c>[Child&lt;T&gt;]</c> attributes of a supervisor, in declaration order.</summary>
    public static IEnumerable<AttributeData> Children(INamedTypeSymbol supervisor, KnownSymbols known) =>
        supervisor.GetAttributes().Where(a => KnownSymbols.Is(a.AttributeClass, known.Child));

    /// <summary>The child type of a <c>[Child&lt;T&gt;]</c> attribute.</summary>
    public static ITypeSymbol? ChildType(AttributeData child) =>
        child.AttributeClass is { TypeArguments.Length: 1 } attribute ? attribute.TypeArguments[0] : null;

    /// <summary>The child id (first constructor argument), or null when it is missing or not a string.</summary>
    public static string? ChildId(AttributeData child) =>
        child.ConstructorArguments.Length > 0 ? child.ConstructorArguments[0].Value as string : null;

    public static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>Whether an enum argument holds one of the enum's named values.</summary>
    public static bool IsDefined(TypedConstant value) =>
        value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } type
        && type.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));

    /// <summary>The name of an enum argument's value, if it has one.</summary>
    public static string? EnumName(TypedConstant value) =>
        value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } type
            ? type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name
            : null;

    /// <summary>Where the attribute is written.</summary>
    public static Location Location(AttributeData attribute, ISymbol owner, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
        ?? (owner.Locations.Length > 0 ? owner.Locations[0] : Microsoft.CodeAnalysis.Location.None);

    /// <summary>Where an argument is written: a named one (<c>Intensity = -1</c>) or a positional one by index.</summary>
    public static Location ArgumentLocation(AttributeData attribute, ISymbol owner, string? name, int position, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list })
        {
            var index = 0;
            foreach (var argument in list.Arguments)
            {
                if (name is not null && argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }

                if (name is null && argument.NameEquals is null && argument.NameColon is null && index++ == position)
                {
                    return argument.GetLocation();
                }
            }
        }

        return Location(attribute, owner, cancellationToken);
    }
}
