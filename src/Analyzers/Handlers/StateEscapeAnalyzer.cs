using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// TYP2003: a handler passes a lambda, anonymous method, local function or instance method that
/// uses the behaviour's instance (<c>this</c>, its fields, properties, methods or primary
/// constructor parameters) to code that runs it on another thread: <c>Task.Run</c>,
/// <c>TaskFactory.StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c>, <c>new Thread</c>,
/// <c>new Timer</c>, <c>TimeProvider.CreateTimer</c>, <c>System.Timers.Timer.Elapsed</c>, <c>ContinueWith</c>.
/// Reading the generated <c>Self</c> (a ref to the process, safe anywhere) is allowed: sending the
/// process a message with the result is the fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class StateEscapeAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.StateEscapes];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known)
    {
        var targets = new Targets(context.Compilation, known);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, known, targets), OperationKind.Invocation);
        context.RegisterOperationAction(c => AnalyzeCreation(c, known, targets), OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => AnalyzeEvent(c, known, targets), OperationKind.EventAssignment);
    }

    sealed class Targets(Compilation compilation, KnownSymbols known)
    {
        public INamedTypeSymbol? Task { get; } = known.Task;
        public INamedTypeSymbol? TaskOfT { get; } = known.TaskOfT;
        public INamedTypeSymbol? TaskFactory { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        public INamedTypeSymbol? TaskFactoryOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        public INamedTypeSymbol? ThreadPool { get; } = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        public INamedTypeSymbol? Thread { get; } = compilation.GetTypeByMetadataName("System.Threading.Thread");
        public INamedTypeSymbol? Timer { get; } = compilation.GetTypeByMetadataName("System.Threading.Timer");
        public INamedTypeSymbol? TimersTimer { get; } = compilation.GetTypeByMetadataName("System.Timers.Timer");
        public INamedTypeSymbol? TimeProvider { get; } = compilation.GetTypeByMetadataName("System.TimeProvider");
    }

    static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, Targets targets)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        string? target = method.Name switch
        {
            "Run" when KnownSymbols.Is(type, targets.Task) => "Task.Run",
            "StartNew" when KnownSymbols.Is(type, targets.TaskFactory) || KnownSymbols.Is(type, targets.TaskFactoryOfT) => "TaskFactory.StartNew",
            "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" when KnownSymbols.Is(type, targets.ThreadPool) => "ThreadPool." + method.Name,
            "ContinueWith" when KnownSymbols.Is(type, targets.Task) || KnownSymbols.Is(type, targets.TaskOfT) => "ContinueWith",
            "CreateTimer" when IsOrDerives(type, targets.TimeProvider) => "TimeProvider.CreateTimer",
            _ => null,
        };
        if (target is not null)
        {
            Check(context, known, invocation.Arguments.Select(a => a.Value), target);
        }
    }

    static void AnalyzeCreation(OperationAnalysisContext context, KnownSymbols known, Targets targets)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        string? target = KnownSymbols.Is(type, targets.Thread) ? "new Thread"
            : KnownSymbols.Is(type, targets.Timer) ? "new Timer"
            : null;
        if (target is not null)
        {
            Check(context, known, creation.Arguments.Select(a => a.Value), target);
        }
    }

    static void AnalyzeEvent(OperationAnalysisContext context, KnownSymbols known, Targets targets)
    {
        var assignment = (IEventAssignmentOperation)context.Operation;
        if (assignment.Adds
            && assignment.EventReference is IEventReferenceOperation { Event.Name: "Elapsed" } reference
            && KnownSymbols.Is(reference.Event.ContainingType, targets.TimersTimer))
        {
            Check(context, known, [assignment.HandlerValue], "Timer.Elapsed");
        }
    }

    static void Check(OperationAnalysisContext context, KnownSymbols known, System.Collections.Generic.IEnumerable<IOperation> arguments, string target)
    {
        if (HandlerScope.HandlerOf(context.Operation, context.ContainingSymbol, known) is not { } handler)
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (HandlerScope.Unwrap(argument) is not IDelegateCreationOperation creation)
            {
                continue;
            }

            var (what, used) = HandlerScope.Unwrap(creation.Target) switch
            {
                IAnonymousFunctionOperation lambda => ("lambda", FirstInstanceUse(lambda.Body, handler)),
                IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } local => ("local function '" + local.Method.Name + "'", LocalFunctionUse(local, handler)),
                IMethodReferenceOperation { Instance: IInstanceReferenceOperation } method => ("method '" + method.Method.Name + "'", method.Method.Name),
                _ => ("", null),
            };
            if (used is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StateEscapes, argument.Syntax.GetLocation(), what, target, used));
            }
        }
    }

    /// <summary>The first member of the behaviour the code uses through its instance, or null.</summary>
    static string? FirstInstanceUse(IOperation body, IMethodSymbol handler)
    {
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance:
                    if (instance.Parent is IMemberReferenceOperation member)
                    {
                        if (IsSelf(member, handler))
                        {
                            continue;
                        }

                        return member.Member.Name;
                    }

                    if (instance.Parent is IInvocationOperation invocation)
                    {
                        return invocation.TargetMethod.Name;
                    }

                    return "this";
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter
                    when SymbolEqualityComparer.Default.Equals(constructor.ContainingType, handler.ContainingType):
                    return parameter.Parameter.Name;
            }
        }

        return null;
    }

    /// <summary>The generated <c>Self</c>: a value naming the process, safe to read from any thread.</summary>
    static bool IsSelf(IMemberReferenceOperation member, IMethodSymbol handler) =>
        member is IPropertyReferenceOperation { Property.Name: "Self", Property.IsStatic: false } self
        && SymbolEqualityComparer.Default.Equals(self.Property.ContainingType, handler.ContainingType)
        && self.Property.Type.Name == "ProcessRef";

    static string? LocalFunctionUse(IMethodReferenceOperation reference, IMethodSymbol handler)
    {
        if (reference.Method.IsStatic)
        {
            return null;
        }

        var root = (IOperation)reference;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var function = root.Descendants().OfType<ILocalFunctionOperation>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, reference.Method.OriginalDefinition));
        return function?.Body is { } body ? FirstInstanceUse(body, handler) : null;
    }

    static bool IsOrDerives(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (KnownSymbols.Is(t, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
