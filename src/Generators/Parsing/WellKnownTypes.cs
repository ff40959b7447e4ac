using Microsoft.CodeAnalysis;

namespace Typed.Generators.Parsing;

/// <summary>The symbols parsing compares against, resolved once per parse from the compilation.</summary>
internal sealed class WellKnownTypes
{
    WellKnownTypes(Compilation compilation)
    {
        Call = compilation.GetTypeByMetadataName("Typed.CallAttribute");
        Cast = compilation.GetTypeByMetadataName("Typed.CastAttribute");
        Info = compilation.GetTypeByMetadataName("Typed.InfoAttribute");
        Init = compilation.GetTypeByMetadataName("Typed.InitAttribute");
        Terminate = compilation.GetTypeByMetadataName("Typed.TerminateAttribute");
        ExitReason = compilation.GetTypeByMetadataName("Typed.ExitReason");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    }

    public INamedTypeSymbol? Call { get; }

    public INamedTypeSymbol? Cast { get; }

    public INamedTypeSymbol? Info { get; }

    public INamedTypeSymbol? Init { get; }

    public INamedTypeSymbol? Terminate { get; }

    public INamedTypeSymbol? ExitReason { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public static WellKnownTypes From(Compilation compilation) => new(compilation);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);
}
