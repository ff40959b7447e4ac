using Typed.Registry.Global;

namespace Typed;

/// <summary>The cluster-wide name registry.</summary>
public sealed partial class Node
{
    GlobalNames? _global;

    /// <summary>The cluster-wide name registry (Erlang's <c>global</c>): names that mean one process on every connected node.</summary>
    public GlobalNames Global => Volatile.Read(ref _global) ?? CreateGlobal();

    GlobalNames CreateGlobal()
    {
        // Read on every call through a global ref: the fast path allocates nothing.
        Interlocked.CompareExchange(ref _global, new GlobalNames(this), null);
        return _global;
    }
}
