using MemoryPack;

namespace Typed;

/// <summary>
/// Sent to a process that lost its global name in a clash after partitions joined (Erlang's
/// <c>{global_name_conflict, Name}</c> and <c>{global_name_conflict, Name, Other}</c>). Handle it with
/// an <c>[Info]</c> handler; unhandled, it is logged and dropped.
/// </summary>
/// <param name="Name">The global name the process no longer holds.</param>
/// <param name="Other">The process it clashed with (which may now hold the name).</param>
[MemoryPackable]
public sealed partial record GlobalNameConflict(string Name, Pid Other);
