using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Typed.Analyzers.Handlers;

/// <summary>
/// TYP2005: handlers of different behaviours that <c>[Call]</c> one another in a cycle. A process
/// awaiting a reply handles no other message, so when A's handler calls B and the B handler it
/// reaches calls A (directly or through others), every process on the path waits for the next.
/// The graph's nodes are handlers; an edge is a <c>[Call]</c> through a generated proxy made in a
/// handler's body (not in a lambda, and not discarded unawaited). Casts, sends and calls outside
/// handlers make no edge; a call to the caller's own process is TYP2001's. Each edge on a cycle is
/// reported once, with the whole path. Found at compilation end, from every handler in the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CallCycleAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CallCycle];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known)
    {
        var edges = new ConcurrentBag<Edge>();
        context.RegisterOperationAction(c => Collect(c, known, edges), OperationKind.Invocation);
        context.RegisterCompilationEndAction(c => Report(c, edges));
    }

    /// <summary>One call site: handler <see cref="Source"/> calls the <c>[Call]</c> handlers <see cref="Targets"/> of <see cref="Callee"/>.</summary>
    sealed class Edge(IMethodSymbol source, INamedTypeSymbol callee, ImmutableArray<IMethodSymbol> targets, Location location)
    {
        public IMethodSymbol Source { get; } = source;

        public INamedTypeSymbol Callee { get; } = callee;

        public ImmutableArray<IMethodSymbol> Targets { get; } = targets;

        public Location Location { get; } = location;
    }

    static void Collect(OperationAnalysisContext context, KnownSymbols known, ConcurrentBag<Edge> edges)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!ProxyCalls.TryGetCall(invocation, known, out var callee, out var targets, out var receiver)
            || IsDiscarded(invocation)
            || HandlerScope.HandlerOf(invocation, context.ContainingSymbol, known) is not { } handler
            || ProxyCalls.IsOwnRef(receiver, handler, known))
        {
            return;
        }

        edges.Add(new Edge(handler, callee, targets, invocation.Syntax.GetLocation()));
    }

    /// <summary>A call whose reply nobody waits for: <c>_ = p.Get();</c> or a bare statement.</summary>
    static bool IsDiscarded(IInvocationOperation invocation) =>
        invocation.Parent is IExpressionStatementOperation
        || (invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Parent is IExpressionStatementOperation);

    static void Report(CompilationAnalysisContext context, ConcurrentBag<Edge> bag)
    {
        var edges = bag
            .OrderBy(e => e.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(e => e.Location.SourceSpan.Start)
            .ToList();
        var outgoing = new Dictionary<IMethodSymbol, List<Edge>>(SymbolEqualityComparer.Default);
        foreach (var edge in edges)
        {
            if (!outgoing.TryGetValue(edge.Source, out var list))
            {
                outgoing[edge.Source] = list = [];
            }

            list.Add(edge);
        }

        var reported = new HashSet<Edge>();
        foreach (var edge in edges)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (reported.Contains(edge)
                || SymbolEqualityComparer.Default.Equals(edge.Callee, edge.Source.ContainingType)
                || FindCycle(edge, outgoing) is not { } cycle)
            {
                continue;
            }

            var path = Describe(cycle);
            foreach (var (step, _) in cycle)
            {
                if (reported.Add(step))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallCycle, step.Location, path));
                }
            }
        }
    }

    /// <summary>
    /// The shortest path from <paramref name="first"/>'s callee back to its caller's behaviour, as
    /// the edges taken and the handler each reaches; null when there is none.
    /// </summary>
    static List<(Edge Edge, IMethodSymbol Target)>? FindCycle(Edge first, Dictionary<IMethodSymbol, List<Edge>> outgoing)
    {
        var home = first.Source.ContainingType;
        var cameFrom = new Dictionary<IMethodSymbol, (Edge Edge, IMethodSymbol? From)>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        foreach (var target in first.Targets)
        {
            if (!cameFrom.ContainsKey(target))
            {
                cameFrom[target] = (first, null);
                queue.Enqueue(target);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (!outgoing.TryGetValue(node, out var next))
            {
                continue;
            }

            foreach (var edge in next)
            {
                if (SymbolEqualityComparer.Default.Equals(edge.Callee, home))
                {
                    // Closed: walk back to the first edge.
                    var path = new List<(Edge, IMethodSymbol)> { (edge, edge.Targets[0]) };
                    for (var at = node; ;)
                    {
                        var (via, from) = cameFrom[at];
                        path.Insert(0, (via, at));
                        if (from is null)
                        {
                            return path;
                        }

                        at = from;
                    }
                }

                foreach (var target in edge.Targets)
                {
                    if (!cameFrom.ContainsKey(target))
                    {
                        cameFrom[target] = (edge, node);
                        queue.Enqueue(target);
                    }
                }
            }
        }

        return null;
    }

    static string Describe(List<(Edge Edge, IMethodSymbol Target)> cycle)
    {
        var first = cycle[0].Edge.Source;
        var text = first.ContainingType.Name + "." + first.Name;
        foreach (var (_, target) in cycle)
        {
            text += " -> " + target.ContainingType.Name + "." + target.Name;
        }

        return text;
    }
}
