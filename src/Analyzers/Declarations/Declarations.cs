using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Analyzers.Declarations;

/// <summary>Names and locations the declaration rules share.</summary>
internal static class Declarations
{
    /// <summary>How a message reads a kind in a diagnostic: "a [Call] handler", "an [Init] hook".</summary>
    public static string Describe(HandlerKind kind) => kind switch
    {
        HandlerKind.Call => "a [Call] handler",
        HandlerKind.Cast => "a [Cast] handler",
        HandlerKind.Info => "an [Info] handler",
        HandlerKind.Init => "an [Init] hook",
        HandlerKind.Terminate => "a [Terminate] hook",
        _ => "a method",
    };

    /// <summary>Types as a message shows them: short names, keywords for special types.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    /// <summary>A method as a message shows it: <c>Add(int, int)</c>.</summary>
    public static readonly SymbolDisplayFormat MethodFormat = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The return type's syntax, or the method's name when it has none.</summary>
    public static Location ReturnTypeLocation(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case MethodDeclarationSyntax declaration:
                    return declaration.ReturnType.GetLocation();
                case LocalFunctionStatementSyntax local:
                    return local.ReturnType.GetLocation();
            }
        }

        return NameLocation(method);
    }

    /// <summary>The parameter's type syntax, or its name.</summary>
    public static Location ParameterTypeLocation(IParameterSymbol parameter, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in parameter.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type })
            {
                return type.GetLocation();
            }
        }

        return parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None;
    }

    public static Location NameLocation(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;

    /// <summary>The property a parameter becomes in a generated message record (the generator's rule).</summary>
    public static string PropertyName(string parameterName) =>
        parameterName.Length == 0 ? parameterName : char.ToUpperInvariant(parameterName[0]) + parameterName.Substring(1);
}
