using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1007: a type that travels in a message holds a <c>[MemoryPackable]</c> type that MemoryPack reads
/// with its own generated code, which trusts a peer's bytes (see <see cref="CheckedReading"/>).
/// Types MemoryPack cannot serialize at all are TYP1003's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class UncheckedWireTypeAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UncheckedWireType];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        TravellingTypes.ForEach(method, known, context.CancellationToken, (type, what, location) =>
        {
            if (!type.IsRefLikeType && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer)
                && known.Serialization.FirstUnsupported(type) is null
                && known.Reading.FirstUnchecked(type, context.CancellationToken) is { } unread)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UncheckedWireType, location, what, method.Name, unread.ToDisplayString(Declarations.TypeFormat)));
            }
        });
    }
}
