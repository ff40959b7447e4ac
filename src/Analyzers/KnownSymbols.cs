using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Typed.Analyzers;

/// <summary>
/// The symbols the rules compare against, resolved once per compilation and shared by every
/// analyzer. <see cref="For"/> returns null for a compilation that does not reference Typed, so
/// the analyzers register nothing there.
/// </summary>
internal sealed class KnownSymbols
{
    static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new();

    KnownSymbols(Compilation compilation, INamedTypeSymbol process)
    {
        Compilation = compilation;
        Process = process;
        Supervisor = Type("Typed.SupervisorAttribute");
        Rpc = Type("Typed.RpcAttribute");
        Call = Type("Typed.CallAttribute");
        Cast = Type("Typed.CastAttribute");
        Info = Type("Typed.InfoAttribute");
        Init = Type("Typed.InitAttribute");
        Terminate = Type("Typed.TerminateAttribute");
        Child = Type("Typed.ChildAttribute`1");
        ProcessRef = Type("Typed.ProcessRef`1");
        ProcessContext = Type("Typed.ProcessContext");
        Node = Type("Typed.Node");
        ExitReason = Type("Typed.ExitReason");
        CancellationToken = Type("System.Threading.CancellationToken");
        Task = Type("System.Threading.Tasks.Task");
        TaskOfT = Type("System.Threading.Tasks.Task`1");
        ValueTask = Type("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
        MemoryPackable = Type("MemoryPack.MemoryPackableAttribute");
        MemoryPackUnion = Type("MemoryPack.MemoryPackUnionAttribute");
        Serialization = new SerializableTypes(compilation, this);
        Reading = new CheckedReading(this);

        INamedTypeSymbol? Type(string metadataName) => compilation.GetTypeByMetadataName(metadataName);
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol Process { get; }

    public INamedTypeSymbol? Supervisor { get; }

    public INamedTypeSymbol? Rpc { get; }

    public INamedTypeSymbol? Call { get; }

    public INamedTypeSymbol? Cast { get; }

    public INamedTypeSymbol? Info { get; }

    public INamedTypeSymbol? Init { get; }

    public INamedTypeSymbol? Terminate { get; }

    public INamedTypeSymbol? Child { get; }

    public INamedTypeSymbol? ProcessRef { get; }

    public INamedTypeSymbol? ProcessContext { get; }

    public INamedTypeSymbol? Node { get; }

    public INamedTypeSymbol? ExitReason { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? MemoryPackable { get; }

    public INamedTypeSymbol? MemoryPackUnion { get; }

    public SerializableTypes Serialization { get; }

    /// <summary>Which <c>[MemoryPackable]</c> types in messages MemoryPack reads unchecked (TYP1007).</summary>
    public CheckedReading Reading { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference Typed.</summary>
    public static KnownSymbols? For(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("Typed.ProcessAttribute") is not { } process)
        {
            return null;
        }

        return s_cache.GetValue(compilation, c => new KnownSymbols(c, process));
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> or a construction of it.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(a => Is(a.AttributeClass, attribute));

    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, attribute));

    public bool IsProcess(ITypeSymbol? type) => type is INamedTypeSymbol named && HasAttribute(named, Process);

    public bool IsSupervisor(ITypeSymbol? type) => type is INamedTypeSymbol named && HasAttribute(named, Supervisor);

    public bool IsRpc(ITypeSymbol? type) => type is INamedTypeSymbol named && HasAttribute(named, Rpc);

    /// <summary>The declaration attribute a type carries, if any: <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c>.</summary>
    public string? DeclarationKind(INamedTypeSymbol type) =>
        IsProcess(type) ? "[Process]" : IsSupervisor(type) ? "[Supervisor]" : IsRpc(type) ? "[Rpc]" : null;

    /// <summary>The handler kinds a method's attributes give it, in declaration order (usually one).</summary>
    public ImmutableArray<HandlerKind> KindsOf(IMethodSymbol method)
    {
        var kinds = ImmutableArray.CreateBuilder<HandlerKind>();
        foreach (var attribute in method.GetAttributes())
        {
            var kind = KindOf(attribute.AttributeClass);
            if (kind != HandlerKind.None)
            {
                kinds.Add(kind);
            }
        }

        return kinds.ToImmutable();
    }

    /// <summary>The first handler kind of a method, or <see cref="HandlerKind.None"/>.</summary>
    public HandlerKind KindOf(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var kind = KindOf(attribute.AttributeClass);
            if (kind != HandlerKind.None)
            {
                return kind;
            }
        }

        return HandlerKind.None;
    }

    public bool Has(IMethodSymbol method, HandlerKind kind) => KindsOf(method).Contains(kind);

    public HandlerKind KindOf(INamedTypeSymbol? attribute) =>
        Is(attribute, Call) ? HandlerKind.Call
        : Is(attribute, Cast) ? HandlerKind.Cast
        : Is(attribute, Info) ? HandlerKind.Info
        : Is(attribute, Init) ? HandlerKind.Init
        : Is(attribute, Terminate) ? HandlerKind.Terminate
        : HandlerKind.None;

    /// <summary>
    /// A method that runs inside its process: a handler or hook of a <c>[Process]</c> class. Code
    /// in it runs on the process's turn; that is where the concurrency rules look.
    /// </summary>
    public bool IsHandler(ISymbol? symbol) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
        && IsProcess(method.ContainingType)
        && KindOf(method) != HandlerKind.None;

    public bool IsCancellationToken(ITypeSymbol type) => Is(type, CancellationToken);

    /// <summary>Task, ValueTask, Task&lt;T&gt;, ValueTask&lt;T&gt;.</summary>
    public bool IsTaskLike(ITypeSymbol type) =>
        Is(type, Task) || Is(type, ValueTask) || Is(type, TaskOfT) || Is(type, ValueTaskOfT);

    /// <summary>The result type of Task&lt;T&gt;/ValueTask&lt;T&gt;; null for other types.</summary>
    public ITypeSymbol? TaskResult(ITypeSymbol type) =>
        (Is(type, TaskOfT) || Is(type, ValueTaskOfT)) && type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            ? named.TypeArguments[0]
            : null;
}
