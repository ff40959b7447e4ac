using System.Collections.Concurrent;
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

    readonly ConcurrentDictionary<INamedTypeSymbol, Declaration> _declarations = new(SymbolEqualityComparer.Default);
    readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<HandlerKind>> _kinds = new(SymbolEqualityComparer.Default);
    readonly ConcurrentDictionary<INamedTypeSymbol, bool> _needsStartArgs = new(SymbolEqualityComparer.Default);

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

    public bool IsProcess(ITypeSymbol? type) => type is INamedTypeSymbol named && (DeclarationsOf(named) & Declaration.Process) != 0;

    public bool IsSupervisor(ITypeSymbol? type) => type is INamedTypeSymbol named && (DeclarationsOf(named) & Declaration.Supervisor) != 0;

    public bool IsRpc(ITypeSymbol? type) => type is INamedTypeSymbol named && (DeclarationsOf(named) & Declaration.Rpc) != 0;

    /// <summary>
    /// Whether a type's <c>[Init]</c> hook takes parameters (it then needs start arguments), once per
    /// type and compilation: every supervisor naming the type as a child asks.
    /// </summary>
    public bool NeedsStartArgs(INamedTypeSymbol type) =>
        _needsStartArgs.GetOrAdd(type, t => t.GetMembers().OfType<IMethodSymbol>().Any(m => m.Parameters.Length > 0 && Has(m, HandlerKind.Init)));

    /// <summary>
    /// The Typed declaration attributes of a type, read once per type and compilation (every declaration
    /// rule and every operation rule's "is this a handler" asks). A source type none of whose
    /// declarations has an attribute list is answered from syntax, without binding attributes.
    /// </summary>
    Declaration DeclarationsOf(INamedTypeSymbol type) =>
        _declarations.GetOrAdd(type.OriginalDefinition, t =>
        {
            var references = t.DeclaringSyntaxReferences;
            if (references.Length > 0 && references.All(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax { AttributeLists.Count: 0 }))
            {
                return Declaration.None;
            }

            var found = Declaration.None;
            foreach (var attribute in t.GetAttributes())
            {
                found |= Is(attribute.AttributeClass, Process) ? Declaration.Process
                    : Is(attribute.AttributeClass, Supervisor) ? Declaration.Supervisor
                    : Is(attribute.AttributeClass, Rpc) ? Declaration.Rpc
                    : Declaration.None;
            }

            return found;
        });

    [System.Flags]
    enum Declaration
    {
        None = 0,
        Process = 1,
        Supervisor = 2,
        Rpc = 4,
    }

    /// <summary>The declaration attribute a type carries, if any: <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c>.</summary>
    public string? DeclarationKind(INamedTypeSymbol type) =>
        IsProcess(type) ? "[Process]" : IsSupervisor(type) ? "[Supervisor]" : IsRpc(type) ? "[Rpc]" : null;

    /// <summary>The handler kinds a method's attributes give it, in declaration order (usually one); once per method and compilation.</summary>
    public ImmutableArray<HandlerKind> KindsOf(IMethodSymbol method) => _kinds.GetOrAdd(method, ComputeKinds);

    ImmutableArray<HandlerKind> ComputeKinds(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences is { Length: 1 } references
            && references[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { AttributeLists.Count: 0 })
        {
            return ImmutableArray<HandlerKind>.Empty;
        }

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
    public HandlerKind KindOf(IMethodSymbol method) => KindsOf(method) is { Length: > 0 } kinds ? kinds[0] : HandlerKind.None;

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
