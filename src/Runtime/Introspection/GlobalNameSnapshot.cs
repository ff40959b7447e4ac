using MemoryPack;

namespace Typed.Introspection;

/// <summary>One cluster-wide name (Erlang's <c>global</c>).</summary>
/// <param name="Name">The name.</param>
/// <param name="Pid">The process registered under it.</param>
[MemoryPackable]
public sealed partial record GlobalNameSnapshot(string Name, Pid Pid);
