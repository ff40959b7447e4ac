using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers;

/// <summary>
/// Where an operation runs: the handler whose turn it runs on, if any. Code in a handler's body
/// and in the local functions it declares counts; code in lambdas and anonymous methods does not,
/// since those may run later, elsewhere (TYP2003 looks at what they capture instead).
/// </summary>
internal static class HandlerScope
{
    /// <summary>The handler <paramref name="operation"/> runs in, or null.</summary>
    public static IMethodSymbol? HandlerOf(IOperation operation, ISymbol containingSymbol, KnownSymbols known)
    {
        if (!known.IsHandler(containingSymbol))
        {
            return null;
        }

        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation)
            {
                return null;
            }
        }

        return (IMethodSymbol)containingSymbol;
    }

    /// <summary>Whether <paramref name="operation"/> sits inside a <c>nameof</c>, where nothing runs.</summary>
    public static bool InNameOf(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strips implicit conversions and parentheses the operation tree keeps.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }
}
