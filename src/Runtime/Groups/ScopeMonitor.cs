using MemoryPack;

namespace Typed;

/// <summary>
/// A subscription to every group of a scope (what <c>pg:monitor_scope/1</c> returns): its reference and
/// the scope's groups at the moment it began; every later change arrives as a <see cref="GroupChanged"/> message.
/// </summary>
/// <param name="Ref">The subscription; <see cref="ProcessGroups.DemonitorAsync(MonitorRef)"/> ends it.</param>
/// <param name="Groups">Each group that had members when the subscription began, with its members.</param>
[MemoryPackable]
public sealed partial record ScopeMonitor(MonitorRef Ref, IReadOnlyDictionary<string, IReadOnlyList<Pid>> Groups);
