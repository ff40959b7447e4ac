using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Typed.Generators.Parsing;

/// <summary>
/// The symbols parsing compares against, resolved once per compilation (not once per declaration:
/// every declaration's transform re-runs on every edit, so a per-declaration lookup costs N lookups
/// a keystroke).
/// </summary>
/// <remarks>
/// Held in a <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by the compilation, so it lives
/// exactly as long as the compilation does and never enters the pipeline's model.
/// </remarks>
internal sealed class WellKnownTypes
{
    static readonly ConditionalWeakTable<Compilation, WellKnownTypes> s_cache = new();

    WellKnownTypes(Compilation compilation)
    {
        Process = compilation.GetTypeByMetadataName("Typed.ProcessAttribute");
        Supervisor = compilation.GetTypeByMetadataName("Typed.SupervisorAttribute");
        Rpc = compilation.GetTypeByMetadataName("Typed.RpcAttribute");
        Child = compilation.GetTypeByMetadataName("Typed.ChildAttribute`1");
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
        MemoryPackable = compilation.GetTypeByMetadataName("MemoryPack.MemoryPackableAttribute");
    }

    public INamedTypeSymbol? Process { get; }

    public INamedTypeSymbol? Supervisor { get; }

    public INamedTypeSymbol? Rpc { get; }

    public INamedTypeSymbol? Child { get; }

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

    public INamedTypeSymbol? MemoryPackable { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, resolved on first use.</summary>
    public static WellKnownTypes From(Compilation compilation) => s_cache.GetValue(compilation, static c => new WellKnownTypes(c));

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    /// <summary>Whether <paramref name="symbol"/> carries the attribute <paramref name="attribute"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (Is(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
