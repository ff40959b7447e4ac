using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1003: a type that travels in a message and that MemoryPack cannot serialize: the parameters of
/// call, cast and info handlers and of the init hook (its start arguments), the reply of a call,
/// and the parameters and result of an <c>[Rpc]</c> method. The diagnostic carries the offending
/// type's documentation id (<see cref="TypeProperty"/>) for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SerializableTypesAnalyzer : TypedAnalyzer
{
    /// <summary>The property holding the documentation id of the type to mark <c>[MemoryPackable]</c>.</summary>
    public const string TypeProperty = "Type";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.NotSerializable];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known) =>
        TravellingTypes.ForEach((IMethodSymbol)context.Symbol, known, context.CancellationToken, (type, what, location) => Check(context, known, (IMethodSymbol)context.Symbol, type, what, location));

    static void Check(SymbolAnalysisContext context, KnownSymbols known, IMethodSymbol method, ITypeSymbol type, string what, Location location)
    {
        // Ref structs and pointers are TYP1002's.
        if (type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return;
        }

        if (known.Serialization.FirstUnsupported(type) is not { } unsupported)
        {
            return;
        }

        var detail = SymbolEqualityComparer.Default.Equals(unsupported, type) ? "" : " (it holds '" + unsupported.ToDisplayString(Declarations.TypeFormat) + "')";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (unsupported is INamedTypeSymbol named && DocumentationCommentId.CreateDeclarationId(named.OriginalDefinition) is { } id)
        {
            properties = properties.Add(TypeProperty, id);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotSerializable, location, properties, what, method.Name, type.ToDisplayString(Declarations.TypeFormat), detail));
    }
}
