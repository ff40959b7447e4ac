using Typed.Registry.Global;

namespace Typed;

/// <summary>The cluster-wide name registry.</summary>
public sealed partial class Node
{
    GlobalNames? _global;

    /// <summary>The cluster-wide name registry (Erlang's <c>global</c>): names that mean one process on every connected node.</summary>
    public GlobalNames Global => LazyInitializer.EnsureInitialized(ref _global, () => new GlobalNames(this));

    partial void StartGlobal() => EnsureSystem<GlobalServer>(GlobalServer.RegisteredName);
}
