using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// TYP2002: a handler that blocks its thread: <c>Task.Result</c>, <c>Task.Wait()</c>,
/// <c>GetAwaiter().GetResult()</c>, <c>Thread.Sleep</c>, <c>Task.WaitAll</c>, <c>Task.WaitAny</c>.
/// Reading the result of a task the handler has already awaited (directly or through
/// <c>Task.WhenAll</c>/<c>WhenAny</c>) or checked for completion does not block and is not reported.
/// The diagnostic's <see cref="KindProperty"/> tells the code fix which form it is.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BlockingCallAnalyzer : TypedAnalyzer
{
    /// <summary>The property naming the blocking form: one of the <c>Kind*</c> constants.</summary>
    public const string KindProperty = "Kind";

    public const string KindResult = "Result";
    public const string KindWait = "Wait";
    public const string KindGetResult = "GetResult";
    public const string KindSleep = "Sleep";
    public const string KindWaitAll = "WaitAll";
    public const string KindWaitAny = "WaitAny";

    static readonly string[] s_completion = ["IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled", "Status"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.BlockingCall];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known)
    {
        var thread = context.Compilation.GetTypeByMetadataName("System.Threading.Thread");
        context.RegisterOperationAction(c => AnalyzeResult(c, known), OperationKind.PropertyReference);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, known, thread), OperationKind.Invocation);
    }

    static void AnalyzeResult(OperationAnalysisContext context, KnownSymbols known)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name != "Result"
            || !(KnownSymbols.Is(reference.Property.ContainingType, known.TaskOfT) || KnownSymbols.Is(reference.Property.ContainingType, known.ValueTaskOfT))
            || reference.Instance is not { } task
            || HandlerScope.InNameOf(reference)
            || HandlerScope.HandlerOf(reference, context.ContainingSymbol, known) is not { } handler
            || IsKnownComplete(task, reference))
        {
            return;
        }

        Report(context, reference, KindResult, "Task.Result", handler);
    }

    static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, INamedTypeSymbol? thread)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        string kind, what;
        switch (method.Name)
        {
            case "Wait" when !method.IsStatic && (KnownSymbols.Is(method.ContainingType, known.Task) || KnownSymbols.Is(method.ContainingType, known.TaskOfT)):
                (kind, what) = (KindWait, "Task.Wait()");
                break;
            case "GetResult" when IsAwaiter(method.ContainingType)
                && HandlerScope.Unwrap(invocation.Instance!) is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter:
                if (getAwaiter.Instance is { } awaited && IsKnownComplete(awaited, invocation))
                {
                    return;
                }

                (kind, what) = (KindGetResult, "GetAwaiter().GetResult()");
                break;
            case "Sleep" when method.IsStatic && KnownSymbols.Is(method.ContainingType, thread):
                (kind, what) = (KindSleep, "Thread.Sleep");
                break;
            case "WaitAll" when method.IsStatic && KnownSymbols.Is(method.ContainingType, known.Task):
                (kind, what) = (KindWaitAll, "Task.WaitAll");
                break;
            case "WaitAny" when method.IsStatic && KnownSymbols.Is(method.ContainingType, known.Task):
                (kind, what) = (KindWaitAny, "Task.WaitAny");
                break;
            default:
                return;
        }

        if (HandlerScope.InNameOf(invocation) || HandlerScope.HandlerOf(invocation, context.ContainingSymbol, known) is not { } handler)
        {
            return;
        }

        Report(context, invocation, kind, what, handler);
    }

    static bool IsAwaiter(INamedTypeSymbol type) =>
        type.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
        && (type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices"
            || type.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices");

    /// <summary>
    /// Whether the task read at <paramref name="site"/> is already complete there: a local, parameter
    /// or field the handler awaited earlier (alone or inside <c>Task.WhenAll(...)</c>) or tested with
    /// <c>IsCompleted</c> and its kin.
    /// </summary>
    static bool IsKnownComplete(IOperation task, IOperation site)
    {
        if (SymbolOf(HandlerScope.Unwrap(task)) is not { } symbol)
        {
            return false;
        }

        var root = site;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var position = site.Syntax.SpanStart;
        foreach (var operation in root.Descendants())
        {
            if (operation.Syntax.SpanStart >= position)
            {
                continue;
            }

            switch (operation)
            {
                case IAwaitOperation awaited when References(awaited.Operation, symbol):
                    return true;
                case IPropertyReferenceOperation { Instance: { } instance } test
                    when s_completion.Contains(test.Property.Name) && SymbolEqualityComparer.Default.Equals(SymbolOf(HandlerScope.Unwrap(instance)), symbol):
                    return true;
            }
        }

        return false;
    }

    static bool References(IOperation operation, ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(SymbolOf(operation), symbol)
        || operation.Descendants().Any(d => SymbolEqualityComparer.Default.Equals(SymbolOf(d), symbol));

    static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    static void Report(OperationAnalysisContext context, IOperation operation, string kind, string what, IMethodSymbol handler) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.BlockingCall,
            operation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            what,
            handler.Name));
}
