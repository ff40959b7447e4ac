using MemoryPack;

namespace Typed;

/// <summary>
/// A subscription to one group's membership changes (what <c>pg:monitor/2</c> returns): its reference
/// and the members at the moment it began; every later change arrives as a <see cref="GroupChanged"/> message.
/// </summary>
/// <param name="Ref">The subscription; <see cref="ProcessGroups.DemonitorAsync(MonitorRef)"/> ends it.</param>
/// <param name="Members">The group's members when the subscription began.</param>
[MemoryPackable]
public sealed partial record GroupMonitor(MonitorRef Ref, IReadOnlyList<Pid> Members);
