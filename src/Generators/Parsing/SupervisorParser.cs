using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>
/// Turns a <c>[Supervisor]</c> class and its <c>[Child&lt;T&gt;]</c> attributes into a
/// <see cref="SupervisorModel"/>, or into nothing when the declaration is invalid (the analyzers say why).
/// </summary>
internal static class SupervisorParser
{
    static readonly string[] Strategies = ["OneForOne", "OneForAll", "RestForOne", "SimpleOneForOne"];
    static readonly string[] Restarts = ["Permanent", "Transient", "Temporary"];
    static readonly string[] AutoShutdowns = ["Never", "AnySignificant", "AllSignificant"];
    static readonly string[] SplitBrains = ["Ignore", "KeepMajority"];

    /// <summary>
    /// Names an accessor cannot take: members of <c>ProcessRef&lt;T&gt;</c>, the supervisor operations,
    /// and <c>Main</c> (a static <c>Main</c> would be taken for an entry point).
    /// </summary>
    static readonly HashSet<string> Reserved =
    [
        "Main",
        "Pid", "Name", "IsEmpty", "Timeout", "WithTimeout", "Equals", "GetHashCode", "ToString", "GetType",
        "WhichChildren", "CountChildren", "TerminateChild", "RestartChild", "DeleteChild", "StartChild", "Send",
    ];

    /// <summary>The model of <paramref name="type"/>, which carries <paramref name="attribute"/>; nothing when it is invalid; the failure when parsing threw.</summary>
    public static ParseResult<SupervisorModel> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        try
        {
            var known = WellKnownTypes.From(compilation);
            return new(TryParse(type, attribute, known, cancellationToken), null);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception ex)
        {
            return new(null, ex.ToString());
        }
    }

    static SupervisorModel? TryParse(INamedTypeSymbol type, AttributeData attribute, WellKnownTypes known, CancellationToken cancellationToken)
    {
        if (TypeShapeParser.TryParse(type) is not { } shape
            || WellKnownTypes.HasAttribute(type, known.Process)
            || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            || attribute.ConstructorArguments.Length != 1
            || Member(Strategies, attribute.ConstructorArguments[0].Value) is not { } strategy)
        {
            return null;
        }

        var intensity = 1;
        var period = 5;
        var autoShutdown = "Never";
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Intensity":
                    intensity = argument.Value.Value as int? ?? -1;
                    break;
                case "Period":
                    period = argument.Value.Value as int? ?? 0;
                    break;
                case "AutoShutdown" when Member(AutoShutdowns, argument.Value.Value) is { } mode:
                    autoShutdown = mode;
                    break;
                case "AutoShutdown":
                    return null;
            }
        }

        if (intensity < 0 || period < 1)
        {
            return null;
        }

        var children = new List<ChildModel>();
        foreach (var data in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (data.AttributeClass is not { IsGenericType: true } attributeClass
                || !WellKnownTypes.Is(attributeClass, known.Child))
            {
                continue;
            }

            if (ParseChild(data, attributeClass.TypeArguments[0], known) is not { } child)
            {
                return null;
            }

            children.Add(child);
        }

        var simple = strategy == "SimpleOneForOne";
        if ((simple && children.Count != 1)
            || (!simple && children.Any(c => c.HasStartArgs))
            || children.Select(c => c.Id).Distinct().Count() != children.Count)
        {
            return null;
        }

        return new SupervisorModel(
            shape,
            TypeShapeParser.ExplicitId(attribute) ?? StableId.Of(shape.FullName),
            strategy,
            intensity,
            period,
            autoShutdown,
            WithAccessors(children, simple).ToEquatableArray());
    }

    static ChildModel? ParseChild(AttributeData data, ITypeSymbol childType, WellKnownTypes known)
    {
        if (childType is not INamedTypeSymbol { IsGenericType: false } named
            || !(WellKnownTypes.HasAttribute(named, known.Process) || WellKnownTypes.HasAttribute(named, known.Supervisor))
            || data.ConstructorArguments.Length != 2
            || data.ConstructorArguments[0].Value is not string { Length: > 0 } id
            || Member(Restarts, data.ConstructorArguments[1].Value) is not { } restart)
        {
            return null;
        }

        var shutdown = -2;
        var significant = false;
        string? node = null;
        string? splitBrain = "Ignore";
        foreach (var argument in data.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Shutdown":
                    shutdown = argument.Value.Value as int? ?? -3;
                    break;
                case "Significant":
                    significant = argument.Value.Value as bool? ?? false;
                    break;
                case "Node":
                    node = argument.Value.Value as string;
                    break;
                case "SplitBrain":
                    splitBrain = Member(SplitBrains, argument.Value.Value);
                    break;
            }
        }

        if (shutdown < -2 || (significant && restart == "Permanent") || (node is not null && !IsNodeName(node)) || splitBrain is null)
        {
            return null;
        }

        var hasStartArgs = named.GetMembers().OfType<IMethodSymbol>().Any(m =>
            m.Parameters.Length > 0 && WellKnownTypes.HasAttribute(m, known.Init));
        var isPublic = true;
        for (var t = named; t is not null; t = t.ContainingType)
        {
            isPublic &= t.DeclaredAccessibility == Accessibility.Public;
        }

        return new ChildModel(id, named.ToDisplayString(TypeShapeParser.TypeFormat), restart, shutdown, significant, hasStartArgs, isPublic, null, node, splitBrain == "Ignore" ? null : splitBrain);
    }

    /// <summary>A full node name: <c>name@host</c>, both parts non-empty (the analyzers report others).</summary>
    internal static bool IsNodeName(string node)
    {
        var at = node.IndexOf('@');
        return at > 0 && at < node.Length - 1 && node.IndexOf('@', at + 1) < 0;
    }

    /// <summary>Names each child's accessor from its id; a name that clashes goes to no child.</summary>
    static IEnumerable<ChildModel> WithAccessors(List<ChildModel> children, bool simple)
    {
        if (simple)
        {
            return children;
        }

        var names = children.Select(c => AccessorName(c.Id)).ToList();
        return children.Select((c, i) => names[i] is { } name && names.Count(n => n == name) == 1 && !Reserved.Contains(name)
            ? c with { Accessor = name }
            : c);
    }

    /// <summary><c>"session-store"</c> → <c>SessionStore</c>; null when nothing of the id can be an identifier.</summary>
    static string? AccessorName(string id)
    {
        var name = new StringBuilder();
        var upper = true;
        foreach (var c in id)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (name.Length == 0)
        {
            return null;
        }

        if (char.IsDigit(name[0]))
        {
            name.Insert(0, "Child");
        }

        var text = name.ToString();
        return SyntaxFacts.IsValidIdentifier(text) ? text : null;
    }

    static string? Member(string[] names, object? value) =>
        value is int index && index >= 0 && index < names.Length ? names[index] : null;
}
