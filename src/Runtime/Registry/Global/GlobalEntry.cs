using MemoryPack;

namespace Typed.Registry.Global;

/// <summary>One global registration as global name servers hold and exchange it.</summary>
/// <param name="Name">The global name.</param>
/// <param name="Pid">The process registered under it.</param>
/// <param name="Resolve">How a clash over the name is settled.</param>
/// <param name="Resolver">The custom resolver's name when <paramref name="Resolve"/> is <see cref="GlobalResolveKind.Custom"/>.</param>
[MemoryPackable]
internal sealed partial record GlobalEntry(string Name, Pid Pid, GlobalResolveKind Resolve, string? Resolver);

/// <summary>A name server's answer to a lock request: whether the lock is held now, and who holds the name there.</summary>
/// <param name="Granted">The requester holds the name's lock on that node.</param>
/// <param name="Holder">The process registered under the name on that node; empty when none.</param>
[MemoryPackable]
internal sealed partial record LockReply(bool Granted, Pid Holder);

/// <summary>A process that lost a name in a clash: remembered, and passed on, so no older copy of a table brings it back.</summary>
/// <param name="Name">The name it lost.</param>
/// <param name="Loser">The process that lost it.</param>
/// <param name="Other">The process it clashed with.</param>
/// <param name="Kill">Whether the rule kills the loser (else it is sent a <see cref="GlobalNameConflict"/>).</param>
[MemoryPackable]
internal sealed partial record GlobalEviction(string Name, Pid Loser, Pid Other, bool Kill);

/// <summary>What one name server tells another when they meet: its registrations and the losers it knows of.</summary>
/// <param name="Entries">Every registration it holds.</param>
/// <param name="Evicted">Every clash loser it remembers.</param>
[MemoryPackable]
internal sealed partial record GlobalTable(GlobalEntry[] Entries, GlobalEviction[] Evicted);
