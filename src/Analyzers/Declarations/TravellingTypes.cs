using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// The types a method sends across nodes, with what each is and where it is written: the parameters
/// of call, cast and info handlers and of the init hook (its start arguments), the reply of a call,
/// and the parameters and result of an <c>[Rpc]</c> method. One walk for TYP1003 and TYP1007.
/// </summary>
internal static class TravellingTypes
{
    /// <summary>Calls <paramref name="visit"/> with each type <paramref name="method"/> sends, what it is (for messages) and its location.</summary>
    public static void ForEach(IMethodSymbol method, KnownSymbols known, CancellationToken cancellationToken, Action<ITypeSymbol, string, Location> visit)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return;
        }

        bool parameters, reply;
        if (known.IsProcess(method.ContainingType))
        {
            var kinds = known.KindsOf(method);
            parameters = kinds.Contains(HandlerKind.Call) || kinds.Contains(HandlerKind.Cast) || kinds.Contains(HandlerKind.Info) || kinds.Contains(HandlerKind.Init);
            reply = kinds.Contains(HandlerKind.Call);
        }
        else if (known.IsRpc(method.ContainingType) && method is { IsStatic: true, DeclaredAccessibility: Accessibility.Public })
        {
            parameters = reply = true;
        }
        else
        {
            return;
        }

        if (parameters)
        {
            var isInit = known.Has(method, HandlerKind.Init) && !known.Has(method, HandlerKind.Call) && !known.Has(method, HandlerKind.Cast);
            var isInfo = known.Has(method, HandlerKind.Info);
            foreach (var parameter in method.Parameters)
            {
                if (!known.IsCancellationToken(parameter.Type))
                {
                    var what = isInfo ? "message" : isInit ? "start argument '" + parameter.Name + "'" : "parameter '" + parameter.Name + "'";
                    visit(parameter.Type, what, Declarations.ParameterTypeLocation(parameter, cancellationToken));
                }
            }
        }

        if (reply && !method.ReturnsVoid && !KnownSymbols.Is(method.ReturnType, known.Task) && !KnownSymbols.Is(method.ReturnType, known.ValueTask))
        {
            visit(known.TaskResult(method.ReturnType) ?? method.ReturnType, "reply", Declarations.ReturnTypeLocation(method, cancellationToken));
        }
    }
}
