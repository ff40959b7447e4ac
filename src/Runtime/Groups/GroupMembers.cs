using MemoryPack;

namespace Typed.Groups;

/// <summary>One group's local members as a scope server tells a peer in a <c>Sync</c> (repeats kept: a pid joined twice is listed twice).</summary>
/// <param name="Group">The group.</param>
/// <param name="Pids">The sender's local members of the group.</param>
[MemoryPackable]
internal sealed partial record GroupMembers(string Group, Pid[] Pids);
