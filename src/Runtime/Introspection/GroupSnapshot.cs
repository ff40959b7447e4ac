using MemoryPack;

namespace Typed.Introspection;

/// <summary>One process group's members on the node that took the snapshot (Erlang's <c>pg:get_local_members/2</c>).</summary>
/// <param name="Scope">The scope (<c>pg</c> for the default one).</param>
/// <param name="Group">The group.</param>
/// <param name="LocalMembers">Its members on that node.</param>
[MemoryPackable]
public sealed partial record GroupSnapshot(string Scope, string Group, Pid[] LocalMembers);
