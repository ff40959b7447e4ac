using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// Recognizes calls through the generated proxies — extension methods on <c>ProcessRef&lt;T&gt;</c>
/// in the classes named <c>&lt;Name&gt;ProcessRefExtensions</c> — and the refs that name the calling
/// process itself.
/// </summary>
internal static class ProxyCalls
{
    /// <summary>
    /// When <paramref name="invocation"/> calls a <c>[Call]</c> handler through its generated proxy:
    /// the callee's behaviour, the handlers it reaches (one, unless TYP1004 applies) and the ref it goes through.
    /// </summary>
    public static bool TryGetCall(IInvocationOperation invocation, KnownSymbols known, out INamedTypeSymbol behaviour, out ImmutableArray<IMethodSymbol> handlers, out IOperation? receiver)
    {
        behaviour = null!;
        handlers = [];
        receiver = null;
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod
            || method.Parameters.Length == 0
            || method.Parameters[0].Type is not INamedTypeSymbol { TypeArguments.Length: 1 } refType
            || !KnownSymbols.Is(refType, known.ProcessRef)
            || refType.TypeArguments[0] is not INamedTypeSymbol callee
            || !method.ContainingType.Name.EndsWith("ProcessRefExtensions", System.StringComparison.Ordinal)
            || !known.IsProcess(callee))
        {
            return false;
        }

        handlers = callee.GetMembers(method.Name).OfType<IMethodSymbol>().Where(m => known.Has(m, HandlerKind.Call)).ToImmutableArray();
        if (handlers.IsEmpty)
        {
            return false;
        }

        behaviour = callee;
        receiver = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="operation"/> is a ref to the process running <paramref name="handler"/>:
    /// its generated <c>Self</c>, <c>Self.WithTimeout(...)</c>, <c>Node.Ref&lt;T&gt;(Context.Self)</c>,
    /// or a local initialized with one of these and never assigned again.
    /// </summary>
    public static bool IsOwnRef(IOperation? operation, IMethodSymbol handler, KnownSymbols known, int depth = 0)
    {
        if (operation is null || depth > 8)
        {
            return false;
        }

        operation = HandlerScope.Unwrap(operation);
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Self" } self
                when self.Instance is IInstanceReferenceOperation
                    && SymbolEqualityComparer.Default.Equals(self.Property.ContainingType, handler.ContainingType)
                    && self.Type is INamedTypeSymbol { TypeArguments.Length: 1 } type
                    && KnownSymbols.Is(type, known.ProcessRef)
                    && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], handler.ContainingType):
                return true;
            case IInvocationOperation { TargetMethod.Name: "WithTimeout" } withTimeout
                when KnownSymbols.Is(withTimeout.TargetMethod.ContainingType, known.ProcessRef):
                return IsOwnRef(withTimeout.Instance, handler, known, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "Ref", Arguments.Length: 1 } reference
                when KnownSymbols.Is(reference.TargetMethod.ContainingType, known.Node):
                return IsOwnPid(reference.Arguments[0].Value, handler, known, depth + 1);
            case ILocalReferenceOperation local:
                return IsOwnLocal(local, handler, known, depth);
            default:
                return false;
        }
    }

    /// <summary><c>Context.Self</c>, or the pid of an own ref.</summary>
    static bool IsOwnPid(IOperation operation, IMethodSymbol handler, KnownSymbols known, int depth)
    {
        operation = HandlerScope.Unwrap(operation);
        return operation switch
        {
            IPropertyReferenceOperation { Property.Name: "Self" } self when KnownSymbols.Is(self.Property.ContainingType, known.ProcessContext)
                => HandlerScope.Unwrap(self.Instance!) is IPropertyReferenceOperation { Property.Name: "Context", Instance: IInstanceReferenceOperation },
            IPropertyReferenceOperation { Property.Name: "Pid" } pid when KnownSymbols.Is(pid.Property.ContainingType, known.ProcessRef)
                => IsOwnRef(pid.Instance, handler, known, depth + 1),
            IConversionOperation conversion => IsOwnRef(conversion.Operand, handler, known, depth + 1),
            _ => false,
        };
    }

    /// <summary>A local whose only value is an own ref: initialized with one, and never written again.</summary>
    static bool IsOwnLocal(ILocalReferenceOperation reference, IMethodSymbol handler, KnownSymbols known, int depth)
    {
        var local = reference.Local;
        var initialized = false;
        foreach (var operation in Root(reference).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initialized = declarator.Initializer is { } initializer && IsOwnRef(initializer.Value, handler, known, depth + 1);
                    if (!initialized)
                    {
                        return false;
                    }

                    break;
                case IAssignmentOperation assignment when Writes(assignment.Target, local):
                    return false;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Writes(argument.Value, local):
                    return false;
            }
        }

        return initialized;
    }

    static bool Writes(IOperation target, ILocalSymbol local) =>
        target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
        || target.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local) && r.Parent is ITupleOperation);

    /// <summary>The root of the operation tree <paramref name="operation"/> belongs to: the whole member body.</summary>
    static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
