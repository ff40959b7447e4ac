using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>
/// Turns an <c>[Rpc]</c> static class symbol into an <see cref="RpcModel"/>, or into nothing when the
/// declaration is one the generator cannot serve (the analyzers say why). Nothing from Roslyn leaves
/// this class.
/// </summary>
internal static class RpcParser
{
    /// <summary>
    /// The names the generated part declares in the class: a member of the user's with one of them
    /// would clash, so the generator skips the class (TYP1006 says so).
    /// </summary>
    public static readonly string[] ReservedNames = ["On", "Cast", "Async", "Multicall", "CallStub", "CastStub", "AsyncStub", "MulticallStub", "RpcFunctions"];

    static readonly SymbolDisplayFormat TypeFormat = TypeShapeParser.TypeFormat;

    /// <summary>Type text for ids: without nullable annotations, so annotating a parameter keeps the function id.</summary>
    static readonly SymbolDisplayFormat IdFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The model of <paramref name="type"/>, which carries <paramref name="attribute"/>; nothing when it is invalid; the failure when parsing threw.</summary>
    public static ParseResult<RpcModel> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        try
        {
            var known = WellKnownTypes.From(compilation);
            return new ParseResult<RpcModel>(TryParse(type, attribute, known, compilation, cancellationToken), null);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception ex)
        {
            return new ParseResult<RpcModel>(null, ex.ToString());
        }
    }

    static RpcModel? TryParse(INamedTypeSymbol type, AttributeData attribute, WellKnownTypes known, Compilation compilation, CancellationToken cancellationToken)
    {
        if (TypeShapeParser.TryParse(type, isStatic: true) is not { } shape)
        {
            return null;
        }

        var prefix = TypeShapeParser.ExplicitId(attribute) is { } moduleId
            ? "#" + moduleId.ToString(CultureInfo.InvariantCulture)
            : shape.FullName;
        var functions = new List<RpcFunctionModel>();
        var registrations = new FormatterRegistrations(type, compilation, known);
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (System.Array.IndexOf(ReservedNames, member.Name) >= 0)
            {
                return null;
            }

            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true, DeclaredAccessibility: Accessibility.Public } method)
            {
                continue;
            }

            if (ParseFunction(method, prefix, shape.FullName, known) is not { } function)
            {
                return null;
            }

            functions.Add(function);
            registrations.AddSignature(method);
        }

        // Declaration order must not change the output: sort, then number the overloads' records.
        functions.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Signature, b.Signature));
        var numbered = new List<RpcFunctionModel>(functions.Count);
        for (var i = 0; i < functions.Count; i++)
        {
            var overload = 0;
            while (i - overload - 1 >= 0 && functions[i - overload - 1].Name == functions[i].Name)
            {
                overload++;
            }

            numbered.Add(overload == 0 ? functions[i] : functions[i] with { RecordName = functions[i].RecordName + (overload + 1).ToString(CultureInfo.InvariantCulture) });
        }

        return new RpcModel(shape, numbered.ToEquatableArray(), registrations.Statements.ToEquatableArray());
    }

    static RpcFunctionModel? ParseFunction(IMethodSymbol method, string prefix, string fullName, WellKnownTypes known)
    {
        if (method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        if (BehaviourParser.ClassifyReturn(method, known, out var result) is not { } shape)
        {
            return null;
        }

        var parameters = new List<ParameterModel>(method.Parameters.Length);
        var index = 0;
        foreach (var p in method.Parameters)
        {
            if (p.RefKind is RefKind.Ref or RefKind.Out || p.Type.IsRefLikeType
                || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error)
            {
                return null;
            }

            var isToken = WellKnownTypes.Is(p.Type, known.CancellationToken);
            var write = WireKinds.Of(p.Type);
            parameters.Add(new ParameterModel(
                TypeShapeParser.Identifier(p.Name),
                isToken ? "" : "Arg" + (index++).ToString(CultureInfo.InvariantCulture),
                p.Type.ToDisplayString(TypeFormat),
                write,
                isToken,
                WireKinds.RefusesNull(p.Type),
                BehaviourParser.DefaultValue(p),
                p.RefKind != RefKind.None,
                WireKinds.RefusesNullItems(p.Type)));
        }

        var idTypes = method.Parameters
            .Where(p => !WellKnownTypes.Is(p.Type, known.CancellationToken))
            .Select(p => p.Type.ToDisplayString(IdFormat));
        var id = StableId.Of(prefix + "." + method.Name + "(" + string.Join(",", idTypes) + ")");
        var signature = fullName + "." + method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")";
        return new RpcFunctionModel(
            TypeShapeParser.Identifier(method.Name),
            id,
            method.Name + "Args",
            parameters.ToEquatableArray(),
            shape,
            result,
            signature);
    }
}
