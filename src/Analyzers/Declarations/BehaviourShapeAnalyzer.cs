using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1006: a <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c> class of a shape the generator does
/// not serve (it generates nothing for it): a record, static (but for RPC), abstract or generic class;
/// nested in a generic type; private or protected, or nested in one; a behaviour without a constructor
/// the factory can call; a supervisor without a parameterless constructor, or that is also a process;
/// an <c>[Rpc]</c> class that declares a member named like its generated stubs (<c>On</c>, <c>Cast</c>...).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BehaviourShapeAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnsupportedShape];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (known.IsProcess(type))
        {
            if (CommonShape(context, type, "a [Process] behaviour", allowStatic: false))
            {
                CheckFactoryConstructor(context, type);
            }
        }

        if (known.IsSupervisor(type))
        {
            if (known.IsProcess(type))
            {
                Report(context, type, "a [Supervisor]", "it is also a [Process]; a class is a behaviour or a supervisor, not both");
            }

            if (CommonShape(context, type, "a [Supervisor]", allowStatic: false)
                && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                Report(context, type, "a [Supervisor]", "it needs a public or internal parameterless constructor");
            }
        }

        if (known.IsRpc(type))
        {
            if (!type.IsStatic)
            {
                Report(context, type, "an [Rpc] class", "it must be static: its public static methods are the remote calls");
            }

            CommonShape(context, type, "an [Rpc] class", allowStatic: true);
            CheckReservedNames(context, type);
        }
    }

    /// <summary>
    /// The names the generated part of an <c>[Rpc]</c> class declares (the generator's
    /// <c>RpcParser.ReservedNames</c>): a member of the user's with one of them would clash.
    /// </summary>
    static readonly string[] RpcReservedNames = ["On", "Cast", "Async", "Multicall", "CallStub", "CastStub", "AsyncStub", "MulticallStub", "RpcFunctions"];

    static void CheckReservedNames(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            // The generated members carry these names by design; only the user's own clash.
            if (member.IsImplicitlyDeclared || System.Array.IndexOf(RpcReservedNames, member.Name) < 0
                || member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.EndsWith(".Rpc.g.cs", System.StringComparison.Ordinal)))
            {
                continue;
            }

            var location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? Declarations.NameLocation(type);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsupportedShape, location, type.Name, "an [Rpc] class",
                "it declares '" + member.Name + "', a name its generated stubs use (On, Cast, Async, Multicall and their stub types); rename it"));
        }
    }

    /// <summary>The checks every declared class shares (the generator's <c>TypeShapeParser</c>); true when it passes.</summary>
    static bool CommonShape(SymbolAnalysisContext context, INamedTypeSymbol type, string what, bool allowStatic)
    {
        var ok = true;
        if (type.IsRecord)
        {
            ok = Report(context, type, what, "it is a record; declare a class");
        }

        if (type.IsStatic && !allowStatic)
        {
            ok = Report(context, type, what, "it is static; the runtime makes an instance per process");
        }

        if (type.IsAbstract && !type.IsStatic)
        {
            ok = Report(context, type, what, "it is abstract; the runtime must create it");
        }

        if (type.TypeParameters.Length > 0)
        {
            ok = Report(context, type, what, "it is generic; the generator serves non-generic classes");
        }

        var hidden = type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal) ? type : null;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                ok = Report(context, type, what, "it is nested in generic type '" + outer.Name + "'; the generator serves non-generic classes");
            }

            hidden ??= outer.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal) ? outer : null;
        }

        if (hidden is not null)
        {
            ok = Report(context, type, what, SymbolEqualityComparer.Default.Equals(hidden, type)
                ? "it is " + AccessibilityText(hidden) + "; generated code outside the class must reach it, so make it public or internal"
                : "it is nested in " + AccessibilityText(hidden) + " type '" + hidden.Name + "'; generated code must reach it, so make that type public or internal");
        }

        return ok;
    }

    /// <summary>The factory calls the accessible constructor with the most parameters, each from dependency injection.</summary>
    static void CheckFactoryConstructor(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            Report(context, type, "a [Process] behaviour", "it has no public or internal constructor for the runtime's factory to call");
            return;
        }

        if (constructor.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None || p.IsParams) is { } parameter)
        {
            Report(context, type, "a [Process] behaviour", "its constructor takes '" + parameter.Name + "' " + (parameter.IsParams ? "as params" : "by reference")
                + "; the factory passes each constructor parameter by value from dependency injection");
        }
    }

    static string AccessibilityText(INamedTypeSymbol type) => type.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        _ => "not accessible",
    };

    static bool Report(SymbolAnalysisContext context, INamedTypeSymbol type, string what, string reason)
    {
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsupportedShape, Declarations.NameLocation(type), type.Name, what, reason));
        return false;
    }
}
