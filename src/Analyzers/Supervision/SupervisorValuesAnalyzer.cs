using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Supervision;

/// <summary>
/// TYP3003: a supervisor or child setting the generator rejects: intensity below zero, period below
/// one second, shutdown below <c>Shutdown.Default</c> (-2), a value outside its enum, a permanent
/// child marked significant, a child Node that is not a full node name (name@host), a <c>SimpleOneForOne</c> supervisor without exactly one child template,
/// or a child that needs start arguments under any other strategy.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SupervisorValuesAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.InvalidSupervisorValue];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var supervisor = (INamedTypeSymbol)context.Symbol;
        if (KnownSymbols.Attribute(supervisor, known.Supervisor) is not { } attribute)
        {
            return;
        }

        var ct = context.CancellationToken;
        string? strategy = null;
        if (attribute.ConstructorArguments.Length == 1)
        {
            var argument = attribute.ConstructorArguments[0];
            strategy = Supervisors.EnumName(argument);
            if (!argument.IsNull && argument.Kind == TypedConstantKind.Enum && strategy is null)
            {
                Report(context, Supervisors.ArgumentLocation(attribute, supervisor, null, 0, ct), "Strategy " + Number(argument.Value) + " is not a named Strategy value");
            }
        }

        if (Supervisors.Named(attribute, "Intensity") is { Value: int intensity } && intensity < 0)
        {
            Report(context, Supervisors.ArgumentLocation(attribute, supervisor, "Intensity", 0, ct),
                "Intensity " + Number(intensity) + " is negative; it is the number of restarts allowed within Period (0 or more)");
        }

        if (Supervisors.Named(attribute, "Period") is { Value: int period } && period < 1)
        {
            Report(context, Supervisors.ArgumentLocation(attribute, supervisor, "Period", 0, ct),
                "Period " + Number(period) + " is not positive; it is the window, in seconds (1 or more), over which restarts are counted");
        }

        if (Supervisors.Named(attribute, "AutoShutdown") is { } autoShutdown && autoShutdown.Kind == TypedConstantKind.Enum && !Supervisors.IsDefined(autoShutdown))
        {
            Report(context, Supervisors.ArgumentLocation(attribute, supervisor, "AutoShutdown", 0, ct), "AutoShutdown " + Number(autoShutdown.Value) + " is not a named AutoShutdown value");
        }

        var children = Supervisors.Children(supervisor, known).ToList();
        var simple = strategy == "SimpleOneForOne";
        if (simple && children.Count != 1)
        {
            Report(context, Supervisors.Location(attribute, supervisor, ct),
                "A SimpleOneForOne supervisor declares exactly one child, the template of its dynamic children; '" + supervisor.Name + "' declares " + Number(children.Count));
        }

        foreach (var child in children)
        {
            var id = Supervisors.ChildId(child) ?? "";
            string? restart = null;
            if (child.ConstructorArguments.Length == 2)
            {
                restart = Supervisors.EnumName(child.ConstructorArguments[1]);
                if (restart is null && child.ConstructorArguments[1].Kind == TypedConstantKind.Enum)
                {
                    Report(context, Supervisors.ArgumentLocation(child, supervisor, null, 1, ct),
                        "Child '" + id + "': restart " + Number(child.ConstructorArguments[1].Value) + " is not a named Restart value");
                }
            }

            if (Supervisors.Named(child, "Shutdown") is { Value: int shutdown } && shutdown < -2)
            {
                Report(context, Supervisors.ArgumentLocation(child, supervisor, "Shutdown", 0, ct),
                    "Child '" + id + "': Shutdown " + Number(shutdown) + " is neither a time in milliseconds (0 or more) nor one of Shutdown.Infinity (-1) and Shutdown.Default (-2)");
            }

            if (Supervisors.Named(child, "Node") is { Value: string node } && !IsNodeName(node))
            {
                Report(context, Supervisors.ArgumentLocation(child, supervisor, "Node", 0, ct),
                    "Child '" + id + "': Node \"" + node + "\" is not a full node name (name@host)");
            }

            if (Supervisors.Named(child, "SplitBrain") is { } splitBrain && splitBrain.Kind == TypedConstantKind.Enum && !Supervisors.IsDefined(splitBrain))
            {
                Report(context, Supervisors.ArgumentLocation(child, supervisor, "SplitBrain", 0, ct),
                    "Child '" + id + "': SplitBrain " + Number(splitBrain.Value) + " is not a named SplitBrain value");
            }

            if (Supervisors.Named(child, "Significant") is { Value: true } && restart == "Permanent")
            {
                Report(context, Supervisors.ArgumentLocation(child, supervisor, "Significant", 0, ct),
                    "Child '" + id + "' is permanent and cannot be significant; only a transient or temporary child's exit can shut its supervisor down");
            }

            if (!simple && strategy is not null && Supervisors.ChildType(child) is INamedTypeSymbol type && NeedsStartArgs(type, known))
            {
                Report(context, Supervisors.Location(child, supervisor, ct),
                    "Child '" + id + "' needs start arguments (its [Init] hook takes parameters), which only a SimpleOneForOne supervisor passes; give the hook no parameters, or supervise it with SimpleOneForOne");
            }
        }
    }

    static bool NeedsStartArgs(INamedTypeSymbol type, KnownSymbols known) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m => m.Parameters.Length > 0 && known.Has(m, HandlerKind.Init));

    static string Number(object? value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    static void Report(SymbolAnalysisContext context, Location location, string message) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidSupervisorValue, location, message));

    static bool IsNodeName(string node)
    {
        var at = node.IndexOf('@');
        return at > 0 && at < node.Length - 1 && node.IndexOf('@', at + 1) < 0;
    }
}
