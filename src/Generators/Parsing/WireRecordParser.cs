using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>The model of a positional <c>[MemoryPackable]</c> record Typed reads itself (see <see cref="WireRecordShape"/>); no model for any other.</summary>
internal static class WireRecordParser
{
    public static ParseResult<WireRecordModel> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (WireRecordShape.Constructor(type, attribute, cancellationToken) is not { } constructor)
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
            DefaultValue: null,
            RefusesNullItems: WireKinds.RefusesNullItems(p.Type)));
        var typeRef = type.ToDisplayString(TypeShapeParser.TypeFormat);
        var hint = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        return new ParseResult<WireRecordModel>(
            new WireRecordModel(typeRef, type.Name, hint + ".Wire.g.cs", parameters.ToEquatableArray(), ns, TypeShapeParser.PartialChain(type)),
            null);
    }
}
