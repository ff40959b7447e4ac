using System.Diagnostics;
using Typed.Introspection;
using Typed.Processes;

namespace Typed;

/// <summary>What the node's introspection service (<see cref="IntrospectionServer"/>) reads of it.</summary>
public sealed partial class Node
{
    readonly long _startedAt = SimulationContext.Timestamp();

    /// <summary>
    /// This node's snapshot from its live cells and the descriptions its supervisors gave: the
    /// <paramref name="maxProcesses"/> processes with the longest mailboxes (then by pid), its
    /// connections, global names and local group members.
    /// </summary>
    internal NodeSnapshot TakeSnapshot(ProcessCell[] cells, SupervisorSnapshot[] supervisors, int maxProcesses)
    {
        var processes = cells
            .Select(c => c.Snapshot())
            .OrderByDescending(p => p.MailboxLength)
            .ThenBy(p => p.Pid.Id)
            .Take(maxProcesses)
            .ToArray();
        var globalNames = Global.Snapshot.Values
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new GlobalNameSnapshot(e.Name, e.Pid))
            .ToArray();
        var groups = _groupScopes.Values
            .OrderBy(s => s.Scope, StringComparer.Ordinal)
            .SelectMany(s => s.WhichLocalGroups().Select(g => new GroupSnapshot(s.Scope, g, [.. s.GetLocalMembers(g)])))
            .ToArray();
        return new NodeSnapshot(
            Name,
            Creation,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            (long)SimulationContext.Elapsed(_startedAt).TotalMilliseconds,
            cells.Length,
            processes,
            Kernel is null ? 0 : (long)Options.Distribution.TickTime.TotalMilliseconds,
            Kernel?.ConnectionSnapshots() ?? [],
            supervisors,
            globalNames,
            groups);
    }
}
