using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// TYP2001: a handler or hook that makes a <c>[Call]</c> to its own process — through <c>Self</c>,
/// <c>Self.WithTimeout(...)</c>, <c>Context.Node.Ref&lt;T&gt;(Context.Self)</c>, or a local holding
/// one of them. The reply would have to come through the mailbox the handler is holding; the
/// runtime fails such a call at once with <c>CallingSelfException</c>. Casts to self are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CallToSelfAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CallToSelf];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation);

    static void Analyze(OperationAnalysisContext context, KnownSymbols known)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!ProxyCalls.TryGetCall(invocation, known, out _, out _, out var receiver)
            || HandlerScope.HandlerOf(invocation, context.ContainingSymbol, known) is not { } handler
            || !ProxyCalls.IsOwnRef(receiver, handler, known))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallToSelf, invocation.Syntax.GetLocation(), handler.Name, invocation.TargetMethod.Name));
    }
}
