using MemoryPack;

namespace Typed;

/// <summary>
/// The message a process subscribed with <see cref="ProcessGroups.MonitorAsync(string, Pid)"/> or
/// <see cref="ProcessGroups.MonitorScopeAsync(Pid)"/> receives at its <c>[Info]</c> handler when a
/// group's membership changes (Erlang's <c>{Ref, join | leave, Group, Pids}</c>). One message per
/// change as this node sees it: a join or leave, a member's exit, a peer's sync, a node going down.
/// </summary>
/// <param name="Ref">The subscription, as returned by the monitor call.</param>
/// <param name="Scope">The scope's name (<c>"pg"</c> for <see cref="Node.Groups"/>).</param>
/// <param name="Group">The group whose membership changed.</param>
/// <param name="Change">Whether <paramref name="Pids"/> joined or left.</param>
/// <param name="Pids">The processes that joined or left; a process joined twice appears twice.</param>
[MemoryPackable]
public sealed partial record GroupChanged(MonitorRef Ref, string Scope, string Group, GroupChange Change, IReadOnlyList<Pid> Pids);
